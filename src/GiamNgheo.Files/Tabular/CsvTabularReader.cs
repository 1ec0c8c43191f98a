using System.Buffers;
using System.Text;
using GiamNgheo.Domain.Common;
using nietras.SeparatedValues;

namespace GiamNgheo.Files.Tabular;

/// CSV and Excel's «Unicode Text»: UTF-8 (with or without BOM) or UTF-16 (LE or BE, with BOM); RFC 4180 quotes;
/// ',', ';' or tab separated. With known headers, the separator and the header row are the pair under which a row
/// of the first ones names the most headers; without, row 1 is the header and the separator is the one it has most
/// of outside quotes (',' on a tie). Every character goes through <see cref="Guard"/>, which bounds a cell and a row
/// and names the row where a quote that never closes was opened.
internal sealed class CsvTabularReader : TabularReader
{
    /// One cell, in characters. A real cell has at most a few hundred (Excel stops at 32,767); far past that, a quote
    /// left open has swallowed the rows after it.
    public const int MaxFieldChars = 1 << 20;

    /// One row, in characters: a member row of 35 columns is about 1 KB. Bounds what the CSV parser holds at once.
    public const int MaxRecordChars = 4 << 20;

    /// The rows searched for the header are read ahead of the parser, at most this many characters.
    private const int MaxLookaheadChars = 1 << 20;

    private static readonly char[] Separators = [',', ';', '\t'];

    private readonly Encoding _encoding;
    private readonly SepReader _sep;
    private readonly string[] _headers = [];
    private readonly TabularLayout _layout;
    private int _rowNumber;

    public CsvTabularReader(Stream stream, IReadOnlyCollection<string>? knownHeaders)
    {
        _encoding = Encoding(TabularFile.Peek(ref stream, 2), strict: true);
        var text = new StreamReader(stream, _encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
        try
        {
            var ahead = Lookahead.Read(text);
            int headerIndex;
            char separator;
            string[] headerCells;
            if (knownHeaders is null)
            {
                headerIndex = 0;
                var first = ahead.Records.FirstOrDefault(r => r.Index == 0).Text ?? "";
                separator = MostFrequent(first);
                headerCells = Split(first, separator);
            }
            else
            {
                var known = Folded(knownHeaders);
                (int Score, int Index, char Separator, string[] Cells) best = (0, -1, ',', []);
                foreach (var (index, record) in ahead.Records)
                    foreach (var s in Separators)
                    {
                        var cells = Split(record, s);
                        var score = Matches(cells, known);
                        if (score > best.Score) best = (score, index, s, cells);
                    }
                if (best.Score < MinHeaderMatches)
                {
                    // A quote left open in the first rows hides the header: name that quote rather than the header.
                    if (ahead.QuoteOpen) new Guard(ahead.Text, text, MostFrequent(ahead.Text), []).Drain();
                    throw NoHeader("tệp", knownHeaders);
                }
                (headerIndex, separator, headerCells) = (best.Index, best.Separator, best.Cells);
            }

            _sep = Sep.New(separator)
                .Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true })
                .From(new Guard(ahead.Text, text, separator, headerCells));
            var found = true;
            for (var i = 0; i <= headerIndex && (found = Next()); i++) _rowNumber++;
            if (found) _headers = Current();
            _layout = new TabularLayout(FileFormat.Csv, null, true, headerIndex + 1);
        }
        catch (DecoderFallbackException e)
        {
            text.Dispose();
            throw NotText(e);
        }
        catch
        {
            text.Dispose();
            throw;
        }
    }

    public override IReadOnlyList<string> Headers => _headers;

    public override TabularLayout Layout => _layout;

    /// A BOM names UTF-16 (Excel's «Unicode Text») or UTF-8; without one the text must be UTF-8. Strict: a byte that
    /// is not of the encoding stops the reading (it would come out as «�» and corrupt a name).
    public static Encoding Encoding(ReadOnlySpan<byte> head, bool strict) =>
        head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) ? new UnicodeEncoding(bigEndian: false, byteOrderMark: true, throwOnInvalidBytes: strict)
        : head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) ? new UnicodeEncoding(bigEndian: true, byteOrderMark: true, throwOnInvalidBytes: strict)
        : new UTF8Encoding(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: strict);

    private TabularFileException NotText(Exception e) => new(_encoding is UnicodeEncoding
        ? "Tệp văn bản Unicode (UTF-16) bị hỏng: có byte không đọc được. Trong Excel hãy chọn Lưu thành › «CSV UTF-8 (phân tách bằng dấu phẩy)», hoặc tải lên tệp .xlsx."
        : "Tệp CSV không phải mã UTF-8. Trong Excel hãy chọn Lưu thành › «CSV UTF-8 (phân tách bằng dấu phẩy)», hoặc tải lên tệp .xlsx.", e);

    protected override IEnumerable<TabularRow> ReadRows()
    {
        while (Next())
        {
            _rowNumber++;
            var cells = Current();
            if (AllEmpty(cells)) continue;
            yield return Row(_rowNumber, cells);
        }
    }

    private bool Next()
    {
        try { return _sep.MoveNext(); }
        catch (DecoderFallbackException e) { throw NotText(e); }
    }

    private string[] Current()
    {
        var row = _sep.Current;
        var cells = new string[row.ColCount];
        for (var i = 0; i < cells.Length; i++) cells[i] = row[i].ToString();
        return cells;
    }

    /// The separator the text has most of outside quotes (',' on a tie).
    private static char MostFrequent(string text) => Separators.MaxBy(s => Split(text, s).Length);

    /// One record's cells, quotes removed ("" inside quotes is one "), as the parser reads them.
    private static string[] Split(string record, char separator)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var inQuotes = false;
        for (var i = 0; i < record.Length; i++)
        {
            var c = record[i];
            if (c == '"')
            {
                if (inQuotes && i + 1 < record.Length && record[i + 1] == '"') { cell.Append('"'); i++; }
                else inQuotes = !inQuotes;
            }
            else if (c == separator && !inQuotes) { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(c);
        }
        cells.Add(cell.ToString());
        return [.. cells];
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _sep.Dispose();
    }

    /// The first characters of the file, read before the parser to find the separator and the header: at most
    /// <see cref="HeaderSearchRows"/> complete records with text (with their 0-based index among all records) or
    /// <see cref="MaxLookaheadChars"/> characters. Records end at a line break outside quotes (\r\n, \n or \r, as
    /// the parser has it).
    private sealed record Lookahead(string Text, List<(int Index, string Text)> Records, bool QuoteOpen)
    {
        public static Lookahead Read(TextReader reader)
        {
            var text = new StringBuilder();
            var records = new List<(int, string)>();
            var buffer = new char[1 << 16];
            int index = 0, start = 0;
            var inQuotes = false;
            var afterCr = false;
            var end = false;
            while (records.Count < HeaderSearchRows && text.Length < MaxLookaheadChars)
            {
                var n = reader.Read(buffer);
                if (n == 0) { end = true; break; }
                var offset = text.Length;
                text.Append(buffer, 0, n);
                for (var i = 0; i < n && records.Count < HeaderSearchRows; i++)
                {
                    var c = buffer[i];
                    if (c == '"') inQuotes = !inQuotes;
                    else if (!inQuotes && (c == '\r' || (c == '\n' && !afterCr)))
                    {
                        Add(text.ToString(start, offset + i - start));
                        start = offset + i + 1;
                    }
                    else if (c == '\n' && afterCr) start = offset + i + 1;
                    afterCr = c == '\r' && !inQuotes;
                }
            }
            if (end && !inQuotes && start < text.Length && records.Count < HeaderSearchRows) Add(text.ToString(start, text.Length - start));
            return new Lookahead(text.ToString(), records, inQuotes);

            void Add(string record)
            {
                if (record.AsSpan().IndexOfAnyExcept(" \t,;\"") >= 0) records.Add((index, record));
                index++;
            }
        }
    }

    /// Everything the parser reads passes here: the lookahead again, then the rest. Counts records as the parser does
    /// (quote parity; \r\n, \n, \r), and stops with the row and column at fault when a cell passes
    /// <see cref="MaxFieldChars"/>, a row passes <see cref="MaxRecordChars"/>, or the file ends inside quotes.
    private sealed class Guard(string prefix, TextReader rest, char separator, string[] headers) : TextReader
    {
        private const int PreviewChars = 40;

        private readonly SearchValues<char> _special = SearchValues.Create(['"', separator, '\r', '\n']);
        private int _position;
        private bool _inQuotes;
        private bool _afterCr;
        private int _record = 1;
        private int _field;
        private long _fieldLength;
        private long _recordLength;
        private int _quoteRecord;
        private int _quoteField;
        private readonly StringBuilder _preview = new();

        public override int Peek() => throw new NotSupportedException();

        /// Reads the lookahead, then on while a quote is open: ends with the error of that quote, or when it closes.
        public void Drain()
        {
            var buffer = new char[1 << 16];
            while ((_position < prefix.Length || _inQuotes) && Read(buffer) > 0) { }
        }

        public override int Read()
        {
            Span<char> one = stackalloc char[1];
            return Read(one) == 0 ? -1 : one[0];
        }

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            int n;
            if (_position < prefix.Length)
            {
                n = Math.Min(buffer.Length, prefix.Length - _position);
                prefix.AsSpan(_position, n).CopyTo(buffer);
                _position += n;
            }
            else n = rest.Read(buffer);
            if (n == 0 && _inQuotes && buffer.Length > 0) throw Unclosed(_quoteRecord, Column(_quoteField), Preview());
            Scan(buffer[..n]);
            return n;
        }

        private void Scan(ReadOnlySpan<char> chars)
        {
            if (_inQuotes && _preview.Length < PreviewChars) _preview.Append(chars[..Math.Min(chars.Length, PreviewChars - _preview.Length)]);
            while (chars.Length > 0)
            {
                var k = _inQuotes ? chars.IndexOf('"') : chars.IndexOfAny(_special);
                var run = k < 0 ? chars.Length : k + 1;
                _fieldLength += run;
                _recordLength += run;
                if (_fieldLength > MaxFieldChars)
                    throw _inQuotes ? TooLongQuoted() : Fail(_record, Column(_field), "", $"Ô dài quá {VnFormat.Number(MaxFieldChars)} ký tự (giới hạn của một ô).");
                if (_recordLength > MaxRecordChars)
                    throw Fail(_record, Column(_field), "", $"Dòng dài quá {VnFormat.Number(MaxRecordChars)} ký tự (giới hạn của một dòng).");
                if (k < 0) { _afterCr = false; break; }
                var c = chars[k];
                if (k > 0) _afterCr = false;
                if (c == '"')
                {
                    _inQuotes = !_inQuotes;
                    if (_inQuotes)
                    {
                        (_quoteRecord, _quoteField) = (_record, _field);
                        _preview.Clear().Append(chars.Slice(k + 1, Math.Min(chars.Length - k - 1, PreviewChars)));
                    }
                    _afterCr = false;
                }
                else if (c == separator) { _field++; _fieldLength = 0; _afterCr = false; }
                else if (c == '\r') { NewRecord(); _afterCr = true; }
                else
                {
                    if (!_afterCr) NewRecord();
                    _afterCr = false;
                }
                chars = chars[(k + 1)..];
            }
        }

        private void NewRecord()
        {
            _record++;
            _field = 0;
            _fieldLength = 0;
            _recordLength = 0;
        }

        private string Column(int field) =>
            field < headers.Length && !string.IsNullOrWhiteSpace(headers[field]) ? headers[field] : XlsxCells.ColumnName(field);

        private string Preview() => _preview.ToString().ReplaceLineEndings(" ") + (_preview.Length >= PreviewChars ? "…" : "");

        private TabularFileException TooLongQuoted() => Fail(_quoteRecord, Column(_quoteField), Preview(),
            $"Ô mở bằng dấu ngoặc kép (\") mà sau {VnFormat.Number(MaxFieldChars)} ký tự (giới hạn của một ô) vẫn chưa đóng: có lẽ thiếu dấu \" đóng, " +
            "nên các dòng sau bị gộp vào ô này. Hãy thêm dấu \" đóng; dấu \" nằm trong nội dung phải viết đôi (\"\").");

        private static TabularFileException Unclosed(int row, string column, string value) => Fail(row, column, value,
            $"Dấu ngoặc kép (\") mở ở ô này không được đóng cho đến hết tệp, nên mọi dòng từ dòng {row} về sau bị gộp vào một ô. " +
            "Hãy thêm dấu \" đóng; dấu \" nằm trong nội dung phải viết đôi (\"\").");

        private static TabularFileException Fail(int row, string column, string value, string message)
        {
            var error = new RowError(row, column, value, message);
            return new TabularFileException(error.ToString()) { Error = error };
        }
    }
}
