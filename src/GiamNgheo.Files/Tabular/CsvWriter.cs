using System.Text;

namespace GiamNgheo.Files.Tabular;

/// UTF-8 CSV with a BOM (so Excel opens Vietnamese text correctly), RFC 4180 quoting.
public static class CsvWriter
{
    public static async Task WriteAsync(Stream output, IReadOnlyList<string> headers, IAsyncEnumerable<string[]> rows, CancellationToken ct = default)
    {
        await using var w = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16, leaveOpen: true);
        await w.WriteLineAsync(Line(headers));
        await foreach (var row in rows.WithCancellation(ct)) await w.WriteLineAsync(Line(row));
    }

    public static string Line(IEnumerable<string> cells) => string.Join(",", cells.Select(Quote));

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r', ';']) >= 0 ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;
}
