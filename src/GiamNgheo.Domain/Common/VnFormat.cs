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

    /// Written like a date (d/M/yyyy or yyyy-MM-dd) whether or not the day exists: 31/02/1990 looks like one.
    public static bool LooksLikeDate(string text) =>
        System.Text.RegularExpressions.Regex.IsMatch(text.Trim(), @"^(\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2})$");

    public static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
