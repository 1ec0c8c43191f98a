using System.Text;
using nietras.SeparatedValues;

namespace GiamNgheo.Files.Tabular;

/// UTF-8 CSV (with or without BOM), RFC 4180 quotes, ',' or ';' separated (decided from the header line:
/// the one that occurs more often outside quotes; ',' on a tie).
internal sealed class CsvTabularReader : TabularReader
{
    private const string NotUtf8 =
        "Tệp CSV không phải mã UTF-8. Trong Excel hãy chọn Lưu thành › «CSV UTF-8 (phân tách bằng dấu phẩy)», hoặc tải lên tệp .xlsx.";

    private readonly SepReader _sep;
    private readonly string[] _headers = [];
    private int _rowNumber;

    public CsvTabularReader(Stream stream)
    {
        var text = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true),
            detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        try
        {
            var firstLine = ReadFirstRecord(text);
            var separator = DetectSeparator(firstLine);
            _sep = Sep.New(separator)
                .Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true })
                .From(new PrefixedTextReader(firstLine, text));
            if (Next()) { _headers = Current(); _rowNumber = 1; }
        }
        catch (DecoderFallbackException e)
        {
            text.Dispose();
            throw new TabularFileException(NotUtf8, e);
        }
    }

    public override IReadOnlyList<string> Headers => _headers;

    protected override IEnumerable<(int RowNumber, string[] Cells)> ReadRows()
    {
        while (Next())
        {
            _rowNumber++;
            var cells = Current();
            if (AllEmpty(cells)) continue;
            yield return (_rowNumber, Pad(cells));
        }
    }

    private bool Next()
    {
        try { return _sep.MoveNext(); }
        catch (DecoderFallbackException e) { throw new TabularFileException(NotUtf8, e); }
    }

    private string[] Current()
    {
        var row = _sep.Current;
        var cells = new string[row.ColCount];
        for (var i = 0; i < cells.Length; i++) cells[i] = row[i].ToString();
        return cells;
    }

    /// The characters up to and including the first line break outside quotes (at most 1 MiB).
    private static string ReadFirstRecord(TextReader reader)
    {
        var sb = new StringBuilder();
        var inQuotes = false;
        int c;
        while (sb.Length < (1 << 20) && (c = reader.Read()) >= 0)
        {
            sb.Append((char)c);
            if (c == '"') inQuotes = !inQuotes;
            else if (c == '\n' && !inQuotes) break;
        }
        return sb.ToString();
    }

    private static char DetectSeparator(string line)
    {
        int commas = 0, semicolons = 0;
        var inQuotes = false;
        foreach (var c in line)
        {
            if (c == '"') inQuotes = !inQuotes;
            else if (!inQuotes && c == ',') commas++;
            else if (!inQuotes && c == ';') semicolons++;
        }
        return semicolons > commas ? ';' : ',';
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _sep.Dispose();
    }

    /// Gives back the characters already consumed for separator detection, then the rest of the stream.
    private sealed class PrefixedTextReader(string prefix, TextReader rest) : TextReader
    {
        private int _position;

        public override int Peek() => _position < prefix.Length ? prefix[_position] : rest.Peek();

        public override int Read() => _position < prefix.Length ? prefix[_position++] : rest.Read();

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            if (_position < prefix.Length)
            {
                var n = Math.Min(buffer.Length, prefix.Length - _position);
                prefix.AsSpan(_position, n).CopyTo(buffer);
                _position += n;
                return n;
            }
            return rest.Read(buffer);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) rest.Dispose();
            base.Dispose(disposing);
        }
    }
}
