using GiamNgheo.App.Web;
using GiamNgheo.Data.Households;
using GiamNgheo.Files.Tabular;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GiamNgheo.App.Features.Import;

/// The exchange file over HTTP: the same import as the page and the command line.
public static class ImportApi
{
    /// AbsentColumns keep their stored values; Removals and Corrections list the first ImportReport.MaxListed of
    /// RemovalCount and CorrectionCount (what a dry run would do, or what was done).
    public sealed record ImportResponse(int Year, bool DryRun, bool Applied, int Households, int Members, int ErrorCount,
        IReadOnlyList<Domain.Common.RowError> Errors, IReadOnlyList<LikelyDuplicate> Duplicates, string Message,
        IReadOnlyList<string> AbsentColumns, IReadOnlyList<UnknownHeader> UnknownHeaders,
        int RemovalCount, IReadOnlyList<MemberRemoval> Removals, int CorrectionCount, IReadOnlyList<PersonCorrection> Corrections);

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/households/import", async Task<Results<Ok<ImportResponse>, UnprocessableEntity<ImportResponse>, ProblemHttpResult>> (
            HouseholdExchange exchange, HttpContext http, int year, bool? dryRun, IFormFile file, CancellationToken ct) =>
        {
            await using var stream = file.OpenReadStream();
            var outcome = await exchange.ImportFileAsync(stream, file.FileName, year, dryRun ?? false, Actor.Of(http), ct);
            if (outcome.Failure is { } f) return Problems.From(f);
            var (r, message) = (outcome.Value!.Report, outcome.Value.Message);
            var body = new ImportResponse(r.Year, r.DryRun, r.Applied, r.Households, r.Members, r.ErrorCount, r.Errors, r.Duplicates, message,
                r.AbsentColumns, r.UnknownHeaders, r.RemovalCount, r.Removals, r.CorrectionCount, r.Corrections);
            // A rejected file is a well-formed request the rules refuse: 422 with every error by row and column.
            return r.ErrorCount > 0 ? TypedResults.UnprocessableEntity(body) : TypedResults.Ok(body);
            // A busy registry is a Failure (409 problem details) above.
        }).DisableAntiforgery()
          .WithMetadata(ImportUpload.From(api.ServiceProvider.GetRequiredService<IConfiguration>()).Metadata)
          .WithSummary("Nhập tệp danh sách hộ (CSV/XLSX, multipart «file»), tất cả hoặc không gì cả; dryRun=true chỉ kiểm tra. Tệp bị từ chối trả 422 với từng lỗi theo dòng và cột");

        api.MapGet("/households/export", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (HouseholdExchange exchange, string unit, int year,
            string? format, CancellationToken ct) =>
        {
            var fmt = TabularFile.Named(format, FileFormat.Csv);
            // An unknown name falls back to either default: a format the two readings disagree on is not csv or xlsx.
            if (format is not null && fmt != TabularFile.Named(format, FileFormat.Xlsx))
                return Problems.From(Failure.Invalid($"Định dạng «{format}» không hợp lệ; dùng csv hoặc xlsx."));
            var ms = new MemoryStream();
            var result = await exchange.ExportAsync(unit, year, fmt, ms, ct);
            if (result.Failure is { } f) return Problems.From(f);
            return TypedResults.File(ms.ToArray(), TabularFile.ContentType(fmt), $"ho-{result.Value!.Unit.Code}-{year}.{TabularFile.Extension(fmt)}");
        }).WithSummary("Xuất danh sách hộ của một đơn vị (mã hoặc tên, theo ngày rà soát của năm) theo mẫu nhập: format=csv (mặc định) hoặc xlsx");
    }
}
