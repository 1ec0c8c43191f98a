using GiamNgheo.Data.Classification;
using GiamNgheo.Files.Tabular;
using GiamNgheo.Data.Households;
using GiamNgheo.Data.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Caching.Memory;

namespace GiamNgheo.App.Pages.Import;

/// Upload a household file; a rejected file changes nothing and its errors are listed by row and column.
[RequestSizeLimit(IndexModel.MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = IndexModel.MaxUploadBytes)]
public sealed class IndexModel(RegistryDb db, TimeProvider clock, IMemoryCache cache) : PageModel
{
    public const long MaxUploadBytes = 200L * 1024 * 1024;

    [BindProperty] public int Year { get; set; }
    [BindProperty] public bool DryRun { get; set; }
    public ImportReport? Report { get; private set; }
    public string? Message { get; private set; }
    public string? ErrorCopyToken { get; private set; }

    public void OnGet() => Year = clock.GetLocalNow().Year;

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            Message = "Hãy chọn tệp CSV hoặc XLSX để nhập.";
            return Page();
        }
        if (Year is < 2016 or > 2035)
        {
            Message = $"Năm rà soát {Year} không hợp lệ (2016–2035).";
            return Page();
        }
        await using (var stream = file.OpenReadStream())
            Report = await HouseholdFiles.ImportAsync(db, stream, file.FileName, Year, DryRun, User.Identity?.Name ?? "web", clock.GetUtcNow().UtcDateTime, ct);
        Message = HouseholdFiles.Describe(Report);
        if (Report.Applied)
            Message += " " + Reclassification.Describe(await Reclassification.AfterImportAsync(db, Report, clock.GetUtcNow().UtcDateTime, ct));
        if (Report.ErrorCount > 0 && TabularFile.FromFileName(file.FileName) == FileFormat.Xlsx)
        {
            await using var original = file.OpenReadStream();
            ErrorCopyToken = Guid.NewGuid().ToString("N");
            cache.Set(ErrorCopyToken, (Name: Path.GetFileNameWithoutExtension(file.FileName) + "-loi.xlsx", Bytes: HouseholdFiles.AnnotateErrors(original, Report)),
                TimeSpan.FromMinutes(30));
        }
        return Page();
    }

    public async Task<IActionResult> OnGetTemplateAsync(string format, CancellationToken ct)
    {
        var fmt = format == "csv" ? FileFormat.Csv : FileFormat.Xlsx;
        var ms = new MemoryStream();
        await HouseholdTemplate.WriteAsync(ms, fmt, ct);
        return File(ms.ToArray(), fmt == FileFormat.Csv ? "text/csv" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            fmt == FileFormat.Csv ? "mau-nhap-ho.csv" : "mau-nhap-ho.xlsx");
    }

    public IActionResult OnGetErrorCopy(string token) =>
        cache.TryGetValue(token, out (string Name, byte[] Bytes) copy)
            ? File(copy.Bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", copy.Name)
            : NotFound();
}
