namespace GiamNgheo.Files.Tabular;

public enum FileFormat { Csv, Xlsx }

/// A file the user gave us that cannot be read as the format it claims. The message is Vietnamese and
/// can be shown as is.
public sealed class TabularFileException(string message, Exception? inner = null) : Exception(message, inner);

/// Opens a household exchange file (CSV or XLSX) for streaming reading: the header row first, then the
/// data rows one at a time, so a file of millions of rows is read in flat memory.
public static class TabularFile
{
    /// The stream is not closed by the reader. A non-seekable XLSX stream is first copied to a temporary file.
    public static TabularReader Open(Stream stream, FileFormat format) => format switch
    {
        FileFormat.Csv => new CsvTabularReader(stream),
        FileFormat.Xlsx => new XlsxTabularReader(stream),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// The format named by the file's extension (.csv, .xlsx, .xlsm), or null.
    /// The format a request or a command names ("csv" or "xlsx"); anything else is the fallback.
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

    public static FileFormat? FromFileName(string name) =>
        Path.GetExtension(name.Trim()).ToLowerInvariant() switch
        {
            ".csv" => FileFormat.Csv,
            ".xlsx" or ".xlsm" => FileFormat.Xlsx,
            _ => null,
        };
}

/// Row 1 is the header; <see cref="Rows"/> streams the rest and can be enumerated once.
public abstract class TabularReader : IDisposable
{
    private bool _enumerated;

    /// The cells of row 1 (empty if the file is empty or its first sheet has no row 1).
    public abstract IReadOnlyList<string> Headers { get; }

    /// The data rows: RowNumber is the row number the user sees in a spreadsheet program (header = 1).
    /// Rows whose cells are all empty are skipped. Cells hold at least <see cref="Headers"/>.Count entries
    /// (missing ones are ""); a cell never is null.
    public IEnumerable<(int RowNumber, string[] Cells)> Rows()
    {
        if (_enumerated) throw new InvalidOperationException("Rows() can be enumerated only once.");
        _enumerated = true;
        return ReadRows();
    }

    protected abstract IEnumerable<(int RowNumber, string[] Cells)> ReadRows();

    protected string[] Pad(string[] cells)
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

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing) { }
}
