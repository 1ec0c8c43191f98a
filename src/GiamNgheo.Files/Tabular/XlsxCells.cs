using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace GiamNgheo.Files.Tabular;

/// What the reader and the error copy share: cell references, the first worksheet, and the text a cell
/// shows as the import understands it.
internal static class XlsxCells
{
    /// "C5" → (2, 5); column 0-based, row 1-based. Row 0 when the reference has no digits.
    public static (int Column, int Row) ParseReference(string reference)
    {
        int col = 0, row = 0, i = 0;
        for (; i < reference.Length && char.IsAsciiLetter(reference[i]); i++)
            col = col * 26 + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
        for (; i < reference.Length && char.IsAsciiDigit(reference[i]); i++)
            row = row * 10 + (reference[i] - '0');
        return (col - 1, row);
    }

    /// 0 → "A", 26 → "AA".
    public static string ColumnName(int index)
    {
        Span<char> buffer = stackalloc char[4];
        var pos = buffer.Length;
        for (var n = index + 1; n > 0; n = (n - 1) / 26) buffer[--pos] = (char)('A' + (n - 1) % 26);
        return new string(buffer[pos..]);
    }

    public static string Reference(int column, int row) => ColumnName(column) + row.ToString(CultureInfo.InvariantCulture);

    /// The first sheet of the workbook (in tab order) that is a worksheet, with its name.
    public static (WorksheetPart Part, string Name)? FirstWorksheet(WorkbookPart workbookPart)
    {
        foreach (var sheet in workbookPart.Workbook?.Sheets?.Elements<Sheet>() ?? [])
            if (sheet.Id?.Value is { } id && workbookPart.TryGetPartById(id, out var part) && part is WorksheetPart ws)
                return (ws, sheet.Name?.Value ?? "");
        return null;
    }

    /// The visible text of a shared string item or inline string: plain text or rich-text runs,
    /// without phonetic hints.
    public static string ItemText(OpenXmlElement item)
    {
        string? single = null;
        StringBuilder? sb = null;
        foreach (var child in item.ChildElements)
        {
            var text = child switch
            {
                Text t => t.Text,
                Run r => r.Text?.Text,
                _ => null,
            };
            if (text is null) continue;
            if (single is null) { single = text; continue; }
            sb ??= new StringBuilder(single);
            sb.Append(text);
        }
        return sb?.ToString() ?? single ?? "";
    }

    /// The shared strings, read SAX-style.
    public static List<string> ReadSharedStrings(WorkbookPart workbookPart)
    {
        var list = new List<string>();
        if (workbookPart.SharedStringTablePart is not { } part) return list;
        using var reader = OpenXmlReader.Create(part);
        var more = reader.Read();
        while (more)
        {
            if (reader.IsStartElement && reader.ElementType == typeof(SharedStringItem))
            {
                list.Add(ItemText(reader.LoadCurrentElement()!));
                more = !reader.EOF;
                continue;
            }
            more = reader.Read();
        }
        return list;
    }

    /// Per cell format index (cellXfs), whether it shows a date.
    public static bool[] DateStyles(WorkbookPart workbookPart)
    {
        var stylesheet = workbookPart.WorkbookStylesPart?.Stylesheet;
        if (stylesheet?.CellFormats is not { } formats) return [];
        var custom = new Dictionary<uint, string>();
        foreach (var nf in stylesheet.NumberingFormats?.Elements<NumberingFormat>() ?? [])
            if (nf.NumberFormatId?.Value is { } id) custom[id] = nf.FormatCode?.Value ?? "";
        return formats.Elements<CellFormat>().Select(xf =>
        {
            var id = xf.NumberFormatId?.Value ?? 0;
            return custom.TryGetValue(id, out var code) ? IsDateFormatCode(code) : id is >= 14 and <= 22;
        }).ToArray();
    }

    /// A custom number format shows a date when its first section has d, y, or m (months, not minutes:
    /// no h or s beside it) outside quoted literals, escapes and [brackets].
    public static bool IsDateFormatCode(string code)
    {
        bool d = false, y = false, m = false, hs = false;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            switch (c)
            {
                case ';': return d || y || (m && !hs);
                case '"':
                    i = code.IndexOf('"', i + 1);
                    if (i < 0) i = code.Length;
                    break;
                case '\\' or '_' or '*':
                    i++;
                    break;
                case '[':
                    var end = code.IndexOf(']', i + 1);
                    if (end < 0) end = code.Length;
                    var inside = code.AsSpan(i + 1, end - i - 1);
                    // [h], [mm], [ss]: elapsed time.
                    if (inside.Length > 0 && inside.IndexOfAnyExcept("hHmMsS") < 0) hs = true;
                    i = end;
                    break;
                default:
                    switch (char.ToLowerInvariant(c))
                    {
                        case 'd': d = true; break;
                        case 'y': y = true; break;
                        case 'm': m = true; break;
                        case 'h' or 's': hs = true; break;
                    }
                    break;
            }
        }
        return d || y || (m && !hs);
    }

    /// The cell as text: shared/inline strings as typed, numbers in invariant notation without exponent,
    /// dates (by number format) as dd/MM/yyyy, booleans TRUE/FALSE, errors as Excel shows them.
    public static string CellText(Cell cell, IReadOnlyList<string> sharedStrings, bool[] dateStyles, bool date1904) =>
        CellText(cell.DataType?.InnerText, cell.CellValue?.Text, cell.InlineString is { } inline ? ItemText(inline) : null,
            cell.StyleIndex?.Value ?? 0, sharedStrings, dateStyles, date1904);

    /// The same from the parts of a cell: its t attribute, its &lt;v&gt; text, its inline string text, its s attribute.
    public static string CellText(string? type, string? raw, string? inlineText, uint style,
        IReadOnlyList<string> sharedStrings, bool[] dateStyles, bool date1904)
    {
        if (type == "inlineStr") return inlineText ?? raw ?? "";
        if (string.IsNullOrEmpty(raw)) return "";
        switch (type)
        {
            case "s":
                return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < sharedStrings.Count
                    ? sharedStrings[i] : "";
            case "str" or "e":
                return raw;
            case "b":
                return raw.Trim() is "1" or "true" ? "TRUE" : "FALSE";
            case "d":
                return DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var dt)
                    ? dt.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) : raw;
        }
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return raw;
        if (style < dateStyles.Length && dateStyles[style] && SerialToDate(number, date1904) is { } date)
            return date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        return NumberText(number);
    }

    /// 36000000, 45.5, 0.3 (15 significant digits, as Excel shows them), never an exponent.
    public static string NumberText(double number)
    {
        if (double.IsNaN(number) || double.IsInfinity(number)) return number.ToString(CultureInfo.InvariantCulture);
        if (Math.Abs(number) < 7.9e27)
        {
            var value = (decimal)number; // rounds to 15 significant digits
            return value == 0 ? "0" : value.ToString(CultureInfo.InvariantCulture);
        }
        return number.ToString("F0", CultureInfo.InvariantCulture);
    }

    /// An Excel date serial (1900 system with its phantom 29/02/1900, or 1904 system) to a date.
    public static DateOnly? SerialToDate(double serial, bool date1904)
    {
        var days = Math.Floor(Math.Round(serial * 86400) / 86400);
        if (days < 0 || days > 2958465) return null;
        var origin = date1904 ? new DateOnly(1904, 1, 1) : days < 60 ? new DateOnly(1899, 12, 31) : new DateOnly(1899, 12, 30);
        if (!date1904 && days == 0) return null;
        return origin.AddDays((int)days);
    }
}
