using System.Globalization;

namespace GiamNgheo.Domain.Common;

/// Vietnamese number and date formats: 28.773 hộ; 6,03%; 25/11/2026.
public static class VnFormat
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("vi-VN");
    public const string DateFormat = "dd/MM/yyyy";

    public static string Number(long value) => value.ToString("#,0", Culture);
    public static string Money(decimal value) => value.ToString("#,0", Culture);
    public static string Percent(decimal ratio) => (ratio * 100m).ToString("0.00", Culture) + "%";
    public static string Date(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    /// Numbers as officials type them: 36.000.000 or 36000000 (VND), 45,5 or 45.5 (m²).
    /// A comma is the decimal mark; dots in groups of three are thousands separators.
    public static bool TryParseNumber(string text, out decimal value)
    {
        var t = text.Replace(" ", "").Replace("\u00a0", "");
        if (t.Contains(',')) t = t.Replace(".", "").Replace(",", ".");
        else if (System.Text.RegularExpressions.Regex.IsMatch(t, @"^-?\d{1,3}(\.\d{3})+$")) t = t.Replace(".", "");
        return decimal.TryParse(t, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// A whole number grouped by commas in threes as English software writes it (69,140,000). It is not a number here
    /// (<see cref="TryParseNumber"/> reads the comma as the decimal mark), but a message can say what was meant.
    public static bool TryParseCommaGrouped(string text, out decimal value)
    {
        value = 0;
        var t = text.Replace(" ", "").Replace("\u00a0", "");
        return System.Text.RegularExpressions.Regex.IsMatch(t, @"^\d{1,3}(,\d{3})+$")
            && decimal.TryParse(t.Replace(",", ""), NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// Written like a date (d/M/yyyy or yyyy-MM-dd) whether or not the day exists: 31/02/1990 looks like one.
    public static bool LooksLikeDate(string text) =>
        System.Text.RegularExpressions.Regex.IsMatch(text.Trim(), @"^(\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2})$");

    /// Why a text written like a date (<see cref="LooksLikeDate"/>) names no day, in words ("tháng 4 chỉ có 30 ngày",
    /// "1971 không phải năm nhuận"), or null when it does name one.
    public static string? WhyNoSuchDate(string text)
    {
        var t = text.Trim();
        var parts = t.Contains('/') ? t.Split('/') : t.Split('-');
        if (parts.Length != 3 || !parts.All(p => p.Length is > 0 and <= 4 && p.All(char.IsAsciiDigit))) return null;
        var (day, month, year) = t.Contains('/')
            ? (int.Parse(parts[0]), int.Parse(parts[1]), int.Parse(parts[2]))
            : (int.Parse(parts[2]), int.Parse(parts[1]), int.Parse(parts[0]));
        if (year < 1) return "năm phải từ 1 trở đi";
        if (month is < 1 or > 12)
            // 03/15/1980: the month first, as in American software.
            return day is >= 1 and <= 12 && month <= 31 ? $"không có tháng {month}; ghi ngày trước tháng: dd/MM/yyyy" : $"không có tháng {month}";
        if (day < 1) return "ngày phải từ 1 trở đi";
        var days = DateTime.DaysInMonth(year, month);
        if (day <= days) return null;
        if (month == 2 && day == 29) return $"{year} không phải năm nhuận";
        return month == 2 ? $"tháng 2 năm {year} chỉ có {days} ngày" : $"tháng {month} chỉ có {days} ngày";
    }

    public static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
