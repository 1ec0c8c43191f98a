using System.Globalization;

namespace GiamNgheo.Files.Tabular;

/// What the reader and the error copy share: cell references, Excel's sheet limits, and the text a cell shows as
/// the import understands it.
internal static class XlsxCells
{
    /// Excel's sheet size: columns A to XFD, rows 1 to 1,048,576. A reference outside it is not from a spreadsheet program.
    public const int MaxColumns = 16_384;
    public const int MaxRows = 1_048_576;

    /// Excel's limit on the characters of one cell.
    public const int MaxCellChars = 32_767;

    /// "C5" → (2, 5): column 0-based, row 1-based. False unless the reference is one to three letters then a row
    /// number, inside <see cref="MaxColumns"/> × <see cref="MaxRows"/> ("XFE1", "A0", "A1048577", "5C" are not).
    public static bool TryParseReference(ReadOnlySpan<char> reference, out int column, out int row)
    {
        column = -1;
        row = 0;
        int col = 0, i = 0;
        for (; i < reference.Length && i < 4 && char.IsAsciiLetter(reference[i]); i++)
            col = col * 26 + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
        if (i is 0 or > 3 || col > MaxColumns) return false;
        var digits = reference[i..];
        if (digits.Length is 0 or > 7 || digits[0] == '0') return false;
        var r = 0;
        foreach (var d in digits)
        {
            if (!char.IsAsciiDigit(d)) return false;
            r = r * 10 + (d - '0');
        }
        if (r > MaxRows) return false;
        (column, row) = (col - 1, r);
        return true;
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

    /// The cell as text from its parts (its t attribute, its &lt;v&gt; text, its inline string text, its s attribute):
    /// shared/inline strings as typed, numbers in invariant notation without exponent, dates (by number format)
    /// as dd/MM/yyyy, booleans TRUE/FALSE, errors as Excel shows them. A shared string index must be in range
    /// (the reader checks it).
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
