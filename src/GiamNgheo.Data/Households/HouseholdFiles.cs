using GiamNgheo.Files.Tabular;
using GiamNgheo.Data.Model;
using GiamNgheo.Domain.Common;
using GiamNgheo.Files.Exchange;

using Microsoft.EntityFrameworkCore;

namespace GiamNgheo.Data.Households;

/// The exchange file on disk or from an upload: format by extension, then the one import path.
public static class HouseholdFiles
{
    public static async Task<ImportReport> ImportAsync(RegistryDb db, Stream stream, string fileName, int year, bool dryRun,
        string actor, DateTime nowUtc, CancellationToken ct = default, TextWriter? trace = null)
    {
        if (TabularFile.FromFileName(fileName) is not { } format)
            return Rejected(year, dryRun, new RowError(0, "Tệp", fileName, "Chỉ nhận tệp .csv hoặc .xlsx."));
        try
        {
            using var reader = TabularFile.Open(stream, format);
            return await HouseholdImport.RunAsync(db, reader.Headers, reader.Rows().Select(r => new RawRow(r.RowNumber, r.Cells)),
                year, dryRun, actor, fileName, nowUtc, ct, trace);
        }
        catch (TabularFileException e)
        {
            // Unreadable part-way: the import's transaction is rolled back when it is disposed.
            db.ChangeTracker.Clear();
            return Rejected(year, dryRun, new RowError(0, "Tệp", fileName, e.Message));
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
        r.ErrorCount > 0
            ? $"Tệp bị từ chối: {VnFormat.Number(r.ErrorCount)} lỗi. Không có thay đổi nào được ghi."
            : r.DryRun
                ? $"Kiểm tra xong, không có lỗi: {VnFormat.Number(r.Households)} hộ, {VnFormat.Number(r.Members)} thành viên (chưa ghi vì đang chạy thử)."
                : $"Đã nhập {VnFormat.Number(r.Households)} hộ, {VnFormat.Number(r.Members)} thành viên cho năm {r.Year}.";

    /// The user's own workbook back, with a "Lỗi" column and the bad cells highlighted.
    public static byte[] AnnotateErrors(Stream originalXlsx, ImportReport report) =>
        XlsxErrorCopy.Annotate(originalXlsx, report.Errors.Select(e => new CellError(Math.Max(e.Row, 1), e.Column, e.Message)).ToList());

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
