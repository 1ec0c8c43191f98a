using GiamNgheo.Domain.Common;

namespace GiamNgheo.Files.Tabular;

public enum FileFormat { Csv, Xlsx }

/// A file the user gave us that cannot be read. The message is Vietnamese and can be shown as is.
public sealed class TabularFileException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// The row and column at fault when the problem is in one place (an unclosed quote), for the report.
    public RowError? Error { get; init; }
}

/// Where a reader found the table: the format it read (from the content, not the name), the sheet (XLSX) and whether
/// it is the workbook's first, and the header row (the spreadsheet's own row number; 1 when nothing is above it).
public sealed record TabularLayout(FileFormat Format, string? Sheet, bool FirstSheet, int HeaderRow);

/// A data row. RowNumber is the row number a spreadsheet program shows. Cells hold at least one entry per header
/// ("" when missing, never null). Problems are what the row holds that cannot be read as a column: a value in a
/// column without a header.
public sealed record TabularRow(int RowNumber, string[] Cells)
{
    public IReadOnlyList<RowError> Problems { get; init; } = [];
}

/// Opens a household exchange file (CSV or XLSX) for streaming reading: the header row first, then the
/// data rows one at a time, so a file of millions of rows is read in flat memory.
public static class TabularFile
{
    /// The stream is not closed by the reader. A non-seekable XLSX stream is first copied to a temporary file.
    /// Row 1 is the header (no search); the format is the one given.
    public static TabularReader Open(Stream stream, FileFormat format) => format switch
    {
        FileFormat.Csv => new CsvTabularReader(stream, null),
        FileFormat.Xlsx => new XlsxTabularReader(stream, null),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// A file a user gave: its name must be a spreadsheet's, then its content decides how it is read (an XLSX saved
    /// as .csv is read as XLSX, Excel's «Unicode Text» as tab-separated UTF-16), and what cannot be read is refused
    /// with what to do (an old .xls: save it again as .xlsx). With <paramref name="knownHeaders"/>, the header row is
    /// the row among the first <see cref="TabularReader.HeaderSearchRows"/> that names the most of them (title rows
    /// above it are left out), on the first sheet that has one.
    public static TabularReader Open(Stream stream, string fileName, IReadOnlyCollection<string>? knownHeaders = null)
    {
        if (Path.GetExtension(fileName.Trim()).ToLowerInvariant() is not (".csv" or ".txt" or ".tsv" or ".xlsx" or ".xlsm" or ".xls"))
            throw new TabularFileException("Chỉ nhận tệp .csv hoặc .xlsx.");
        var head = Peek(ref stream, SniffBytes);
        return Sniff(head) == FileFormat.Xlsx ? new XlsxTabularReader(stream, knownHeaders) : new CsvTabularReader(stream, knownHeaders);
    }

    /// The format named by a request or a command ("csv" or "xlsx"); anything else is the fallback.
    public static FileFormat Named(string? name, FileFormat fallback) => name switch
    {
        "csv" => FileFormat.Csv,
        "xlsx" => FileFormat.Xlsx,
        _ => fallback,
    };

    /// The file name extension of a format, without the dot.
    public static string Extension(FileFormat format) => format == FileFormat.Csv ? "csv" : "xlsx";

    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string ContentType(FileFormat format) => format == FileFormat.Csv ? "text/csv" : XlsxContentType;

    /// The format named by the file's extension (.csv, .xlsx, .xlsm), or null.
    public static FileFormat? FromFileName(string name) =>
        Path.GetExtension(name.Trim()).ToLowerInvariant() switch
        {
            ".csv" => FileFormat.Csv,
            ".xlsx" or ".xlsm" => FileFormat.Xlsx,
            _ => null,
        };

    private const int SniffBytes = 4096;

    private const string SaveAsXlsx = "Hãy mở tệp bằng Excel, chọn Tệp › Lưu thành › «Sổ làm việc Excel (*.xlsx)» để lưu lại thành .xlsx, rồi tải tệp .xlsx lên.";

    /// What the first bytes say the file is: a zip (XLSX) or text (CSV); anything else is refused.
    internal static FileFormat Sniff(ReadOnlySpan<byte> head)
    {
        if (head.Length == 0) throw new TabularFileException("Tệp rỗng (0 byte): không có dữ liệu nào để nhập.");
        // Zip: local file header, or the end record of an empty archive.
        if (head.StartsWith("PK\x03\x04"u8) || head.StartsWith("PK\x05\x06"u8)) return FileFormat.Xlsx;
        // OLE2 compound file: Excel 97–2003 (.xls), or an .xlsx encrypted with a password.
        if (head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
            throw new TabularFileException("Tệp là bảng tính Excel 97–2003 (.xls) hoặc tệp Excel có đặt mật khẩu; hệ thống không đọc được loại này. " +
                                           "Nếu tệp có mật khẩu, hãy bỏ mật khẩu trước. " + SaveAsXlsx);
        var text = CsvTabularReader.Encoding(head, strict: false).GetString(head).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (text.StartsWith("%PDF", StringComparison.Ordinal))
            throw new TabularFileException("Tệp là tài liệu PDF, không phải bảng tính. Hãy tải lên tệp Excel (.xlsx) hoặc CSV của danh sách.");
        if (text.StartsWith('<') && (text.Contains("<html", StringComparison.OrdinalIgnoreCase) || text.Contains("<table", StringComparison.OrdinalIgnoreCase)
                                     || text.Contains("<?mso-application", StringComparison.OrdinalIgnoreCase) || text.Contains("<Workbook", StringComparison.Ordinal)))
            throw new TabularFileException("Tệp là trang web (HTML) hoặc «Bảng tính XML 2003», không phải CSV hay .xlsx (nhiều phần mềm xuất tệp .xls kiểu này). " + SaveAsXlsx);
        // Text never holds NUL; a stray control character may be pasted into a cell, but not one in ten.
        var controls = text.Count(c => char.IsControl(c) && c is not ('\t' or '\r' or '\n'));
        if (text.Contains('\0') || controls * 10 > text.Length)
            throw new TabularFileException("Tệp không phải bảng tính CSV hay Excel (.xlsx): phần đầu tệp có ký tự điều khiển " +
                                           $"(mã 0x{(int)text.First(c => char.IsControl(c) && c is not ('\t' or '\r' or '\n')):X2}) mà văn bản không có. " +
                                           "Hãy mở tệp bằng Excel rồi lưu lại thành .xlsx hoặc «CSV UTF-8».");
        return FileFormat.Csv;
    }

    /// Up to <paramref name="count"/> bytes from the start of the stream, which is then read again from its start
    /// (a stream that cannot seek is replaced by one that gives those bytes back first).
    internal static byte[] Peek(ref Stream stream, int count)
    {
        var buffer = new byte[count];
        var position = stream.CanSeek ? stream.Position : 0;
        var n = stream.ReadAtLeast(buffer, count, throwOnEndOfStream: false);
        Array.Resize(ref buffer, n);
        if (stream.CanSeek) stream.Position = position;
        else stream = new ReplayStream(buffer, stream);
        return buffer;
    }

    /// The bytes already read, then the rest of the stream (not closed with it).
    private sealed class ReplayStream(byte[] head, Stream rest) : Stream
    {
        private int _position;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position >= head.Length) return rest.Read(buffer);
            var n = Math.Min(buffer.Length, head.Length - _position);
            head.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// The header row and its layout; <see cref="Rows"/> streams the data rows below it and can be enumerated once.
public abstract class TabularReader : IDisposable
{
    /// Rows with text searched for the header: officials put a title and blank rows above it.
    public const int HeaderSearchRows = 10;

    /// A row is the header only when it names at least this many known headers: one alone may be a title, or a row of
    /// a guide sheet that lists one header per row (the template's «Hướng dẫn»).
    public const int MinHeaderMatches = 2;

    private bool _enumerated;
    private bool[]? _headed;

    /// The cells of the header row (empty if the file is empty).
    public abstract IReadOnlyList<string> Headers { get; }

    public abstract TabularLayout Layout { get; }

    /// The data rows below the header, each with its real row number. Rows whose cells are all empty are skipped.
    public IEnumerable<TabularRow> Rows()
    {
        if (_enumerated) throw new InvalidOperationException("Rows() can be enumerated only once.");
        _enumerated = true;
        return ReadRows();
    }

    protected abstract IEnumerable<TabularRow> ReadRows();

    /// The row padded to the headers, with a problem for each value in a column without a header: such a value
    /// would otherwise be dropped without a word.
    protected TabularRow Row(int number, string[] cells)
    {
        _headed ??= Headers.Select(h => !string.IsNullOrWhiteSpace(h)).ToArray();
        List<RowError>? problems = null;
        for (var c = 0; c < cells.Length; c++)
            if ((c >= _headed.Length || !_headed[c]) && !string.IsNullOrWhiteSpace(cells[c]))
                (problems ??= []).Add(new RowError(number, XlsxCells.ColumnName(c), cells[c],
                    $"Ô có dữ liệu nhưng cột không có tiêu đề (cột thứ {c + 1}), nên không biết đây là thông tin gì và không nhập được. " +
                    "Hãy chuyển dữ liệu vào đúng cột có tiêu đề, hoặc xoá nếu không cần."));
        return new TabularRow(number, Pad(cells)) { Problems = (IReadOnlyList<RowError>?)problems ?? [] };
    }

    private string[] Pad(string[] cells)
    {
        if (cells.Length >= Headers.Count) return cells;
        var padded = new string[Headers.Count];
        cells.CopyTo(padded, 0);
        for (var i = cells.Length; i < padded.Length; i++) padded[i] = "";
        return padded;
    }

    protected static bool AllEmpty(string[] cells)
    {
        foreach (var c in cells) if (c.Length > 0) return false;
        return true;
    }

    protected static HashSet<string> Folded(IReadOnlyCollection<string> headers) => headers.Select(VietnameseText.Fold).ToHashSet();

    /// How many of the known headers the row names (each once).
    protected static int Matches(IEnumerable<string> cells, HashSet<string> known) =>
        cells.Select(c => VietnameseText.Fold(c ?? "")).Where(known.Contains).Distinct().Count();

    protected static TabularFileException NoHeader(string where, IReadOnlyCollection<string> known) =>
        new($"Không tìm thấy dòng tiêu đề trong {HeaderSearchRows} dòng đầu (không kể dòng trống) của {where}: không dòng nào có từ " +
            $"{MinHeaderMatches} tiêu đề cột của mẫu trở lên (như {string.Join(", ", known.Take(3).Select(h => $"«{h}»"))}). " +
            "Hãy dùng mẫu tải về từ hệ thống và giữ nguyên dòng tiêu đề.");

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing) { }
}
