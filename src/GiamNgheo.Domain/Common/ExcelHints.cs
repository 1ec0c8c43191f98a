namespace GiamNgheo.Domain.Common;

/// What Excel does to the cells officers type, said in the messages so that they can fix the file themselves.
public static class ExcelHints
{
    /// Excel reads a cell of digits as a number and drops its leading zeros (024080001234 becomes 24080001234, 07444
    /// becomes 7444), in a cell typed as such and in a CSV opened in Excel. The value is refused with this hint, never
    /// padded: see the callers for why.
    public static string DroppedLeadingZero(string? guess) =>
        "Excel có thể đã bỏ số 0 đầu" + (guess is null ? "" : $" (có phải {guess}?)") +
        ". Hãy định dạng cột là Văn bản (chuột phải › Định dạng ô › Văn bản / Text) rồi nhập lại số, hoặc gõ dấu ' trước số.";

    /// Whether digits may be a number Excel took the leading zeros from: all digits, shorter than the code, and not
    /// starting with 0 (a number Excel wrote never does).
    public static bool MayHaveLostZeros(string value, int length) =>
        value.Length > 0 && value.Length < length && value[0] != '0' && value.All(char.IsAsciiDigit);
}
