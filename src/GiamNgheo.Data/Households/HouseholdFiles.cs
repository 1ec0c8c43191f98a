using GiamNgheo.Files.Tabular;
using GiamNgheo.Data.Model;
using GiamNgheo.Domain.Common;
using GiamNgheo.Files.Exchange;

using Microsoft.EntityFrameworkCore;

namespace GiamNgheo.Data.Households;

/// The exchange file on disk or from an upload: a spreadsheet's name, read as its content is (CSV, «Unicode Text» or
/// XLSX), its header row found below any title rows, then the one import path.
public static class HouseholdFiles
{
    private static readonly IReadOnlyList<string> Headers = HouseholdFile.Columns.Select(c => c.Header).ToList();

    public static async Task<ImportReport> ImportAsync(RegistryDb db, Stream stream, string fileName, int year, bool dryRun,
        string actor, DateTime nowUtc, CancellationToken ct = default, TextWriter? trace = null)
    {
        try
        {
            using var reader = TabularFile.Open(stream, fileName, Headers);
            var report = await HouseholdImport.RunAsync(db, reader.Headers,
                reader.Rows().Select(r => new RawRow(r.RowNumber, r.Cells, r.Problems.Count > 0 ? r.Problems : null)),
                year, dryRun, actor, fileName, nowUtc, ct, trace);
            var headerRow = reader.Layout.HeaderRow;
            // The header's problems are reported on row 1; the header is the spreadsheet's row headerRow (no data row is
            // above it, so every row-1 error is the header's).
            if (headerRow > 1) report = report with { Errors = report.Errors.Select(e => e.Row == 1 ? e with { Row = headerRow } : e).ToList() };
            return report with { Layout = reader.Layout };
        }
        catch (TabularFileException e)
        {
            // Unreadable part-way: the import's transaction is rolled back when it is disposed.
            db.ChangeTracker.Clear();
            return Rejected(year, dryRun, e.Error ?? new RowError(0, "Tệp", fileName, e.Message));
        }
    }

    public static async Task<ImportReport> ImportAsync(RegistryDb db, string path, int year, bool dryRun, string actor, DateTime nowUtc,
        CancellationToken ct = default, TextWriter? trace = null)
    {
        await using var f = File.OpenRead(path);
        return await ImportAsync(db, f, Path.GetFileName(path), year, dryRun, actor, nowUtc, ct, trace);
    }

    private static ImportReport Rejected(int year, bool dryRun, RowError error) => new(year, dryRun, false, 0, 0, 1, [error], []);

    public static string Describe(ImportReport r) =>
        (r.ErrorCount > 0
            ? $"Tệp bị từ chối: {VnFormat.Number(r.ErrorCount)} lỗi. Không có thay đổi nào được ghi."
            : r.DryRun
                ? $"Kiểm tra xong, không có lỗi: {VnFormat.Number(r.Households)} hộ, {VnFormat.Number(r.Members)} thành viên cho năm {r.Year} (chưa ghi).{Changes(r, "sẽ ")}"
                : $"Đã nhập {VnFormat.Number(r.Households)} hộ, {VnFormat.Number(r.Members)} thành viên cho năm {r.Year}.{Changes(r, "")}")
        + Where(r.Layout);

    private static string Changes(ImportReport r, string will) =>
        (r.AbsentColumns.Count > 0 ? $" {VnFormat.Number(r.AbsentColumns.Count)} cột không có trong tệp {will}giữ nguyên thông tin đã lưu." : "")
        + (r.RemovalCount > 0 ? $" {VnFormat.Number(r.RemovalCount)} thành viên không có trong tệp {will}bị bỏ khỏi hộ." : "")
        + (r.CorrectionCount > 0 ? $" {VnFormat.Number(r.CorrectionCount)} người {will}được sửa thông tin nhân thân." : "");

    /// The report's lists, one line each, for the command line (the page shows them as tables).
    public static IEnumerable<string> Details(ImportReport r)
    {
        var will = r.DryRun ? "sẽ " : "";
        if (r.AbsentColumns.Count > 0) yield return $"Cột không có trong tệp ({will}giữ nguyên): {string.Join(", ", r.AbsentColumns.Select(c => $"«{c}»"))}";
        foreach (var h in r.UnknownHeaders)
            yield return $"Tiêu đề không nhận ra (bỏ qua): «{h.Header}»" + (h.Suggestion is { } near ? $" → có phải «{near}»?" : "");
        foreach (var m in r.Removals) yield return $"{(r.DryRun ? "Sẽ bỏ" : "Đã bỏ")} khỏi hộ {m.HouseholdCode}: {m.FullName}, sinh {VnFormat.Date(m.DateOfBirth)}";
        if (r.RemovalCount > r.Removals.Count) yield return $"… và {VnFormat.Number(r.RemovalCount - r.Removals.Count)} thành viên khác";
        foreach (var c in r.Corrections) yield return $"{(r.DryRun ? "Sẽ sửa" : "Đã sửa")}: {c.Description}";
        if (r.CorrectionCount > r.Corrections.Count) yield return $"… và {VnFormat.Number(r.CorrectionCount - r.Corrections.Count)} người khác";
        foreach (var d in r.Duplicates) yield return $"Nghi trùng ({d.Kind}): {d.Description}";
    }

    /// Where the table was read, when it is not row 1 of the first sheet: the user should know which rows were taken.
    private static string Where(TabularLayout? layout) => layout is null || (layout.FirstSheet && layout.HeaderRow == 1)
        ? ""
        : $" (Đã đọc {(layout.Sheet is { } sheet ? $"trang «{sheet}», " : "")}dòng tiêu đề là dòng {layout.HeaderRow}.)";

    /// The user's own workbook back, with a "Lỗi" column and the bad cells highlighted, on the sheet that was read
    /// (errors of the whole file go on its header row).
    public static byte[] AnnotateErrors(Stream originalXlsx, ImportReport report)
    {
        var headerRow = report.Layout?.HeaderRow ?? 1;
        return XlsxErrorCopy.Annotate(originalXlsx, report.Errors.Select(e => new CellError(e.Row < 1 ? headerRow : e.Row, e.Column, e.Message)).ToList(),
            report.Layout?.Sheet, headerRow);
    }

    public static async Task<int> ExportAsync(IDbContextFactory<RegistryDb> contexts, Stream output, long unitId, int year, FileFormat format, CancellationToken ct = default)
    {
        var headers = HouseholdFile.Columns.Select(c => c.Header).ToList();
        var count = 0;
        var rows = Counted(HouseholdExport.RowsAsync(contexts, unitId, year, ct), () => count++);
        if (format == FileFormat.Csv) await CsvWriter.WriteAsync(output, headers, rows, ct);
        else XlsxWriter.Write(output, "Danh sách hộ", headers, rows.ToBlockingEnumerable(ct));
        return count;
    }

    private static async IAsyncEnumerable<string[]> Counted(IAsyncEnumerable<string[]> rows, Action counted)
    {
        await foreach (var r in rows) { counted(); yield return r; }
    }
}
