using System.Text;

namespace GiamNgheo.Files.Tabular;

/// UTF-8 CSV with a BOM (so Excel opens Vietnamese text correctly), RFC 4180 quoting, and cells Excel cannot run.
public static class CsvWriter
{
    public static async Task WriteAsync(Stream output, IReadOnlyList<string> headers, IAsyncEnumerable<string[]> rows, CancellationToken ct = default)
    {
        await using var w = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16, leaveOpen: true);
        await w.WriteLineAsync(Line(headers));
        await foreach (var row in rows.WithCancellation(ct)) await w.WriteLineAsync(Line(row));
    }

    public static string Line(IEnumerable<string> cells) => string.Join(",", cells.Select(c => Quote(Inert(c))));

    /// Excel runs a CSV cell that starts with one of these as a formula (=HYPERLINK(…), +cmd|…): such a cell is written
    /// after an apostrophe, Excel's mark of a text cell, and so is a cell that starts with an apostrophe itself; the
    /// exchange file's reader takes one mark off again (<see cref="Unmarked"/>), so every value reads back as it was.
    /// The exported values are text or non-negative numbers, so a leading - is never a number.
    public static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    public const char TextMark = '\'';

    private static string Inert(string cell) =>
        cell.Length > 0 && (cell[0] == TextMark || Array.IndexOf(FormulaStarts, cell[0]) >= 0) ? TextMark + cell : cell;

    /// A cell as written before <see cref="Inert"/> marked it.
    public static string Unmarked(string cell) =>
        cell.Length > 1 && cell[0] == TextMark && (cell[1] == TextMark || Array.IndexOf(FormulaStarts, cell[1]) >= 0) ? cell[1..] : cell;

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r', ';']) >= 0 ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;
}
