namespace GiamNgheo.Domain.Common;

/// A business-rule failure on one field, with the Vietnamese message a person can act on.
public sealed record FieldError(string Field, string? Value, string Message);

/// A failure in one row of an import file: row number as the user sees it (header = row 1), column header, value, rule.
public sealed record RowError(int Row, string Column, string? Value, string Message)
{
    public override string ToString() =>
        $"Dòng {Row}, cột «{Column}»" + (string.IsNullOrEmpty(Value) ? "" : $", giá trị «{Value}»") + $": {Message}";
}
