using GiamNgheo.Files.Tabular;

namespace GiamNgheo.Files.Exchange;

/// The template officials fill in: Vietnamese headers, one example household of two members written as officials write
/// it (the second row leaves Mã hộ and the household columns empty), a guide sheet with each column's rule.
public static class HouseholdTemplate
{
    /// The example's second member: the head's spouse.
    private static readonly Dictionary<string, string> Spouse = new()
    {
        ["full_name"] = "Trần Thị Bình", ["sex"] = "Nữ", ["date_of_birth"] = "02/07/1983", ["relation"] = "Vợ/chồng", ["ethnic_code"] = "Kinh",
    };

    public static async Task WriteAsync(Stream output, FileFormat format, CancellationToken ct = default)
    {
        var headers = HouseholdFile.Columns.Select(c => c.Header).ToList();
        IReadOnlyList<string>[] example =
        [
            HouseholdFile.Columns.Select(c => c.Example).ToArray(),
            HouseholdFile.Columns.Select(c => c.HouseholdLevel ? "" : Spouse.GetValueOrDefault(c.Key, "")).ToArray(),
        ];
        if (format == FileFormat.Csv)
            await CsvWriter.WriteAsync(output, headers, example.Select(r => r.ToArray()).ToAsyncEnumerable(), ct);
        else
            XlsxWriter.Write(output, "Danh sách hộ", headers, example,
                HouseholdFile.Columns.Select(c => (c.Header, (c.Required ? "Bắt buộc. " : "") + (c.HouseholdLevel ? "Thông tin hộ: ghi ở dòng đầu của hộ; các dòng sau của hộ để trống (có thể gộp ô) hoặc ghi lại đúng như dòng đầu. " : "") + c.Rule, c.Example)).ToList());
    }
}
