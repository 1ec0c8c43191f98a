using GiamNgheo.Files.Tabular;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Caching.Memory;

namespace GiamNgheo.App.Features.Import;

/// Upload a household file; a rejected file changes nothing and its errors are listed by row and column.
[RequestSizeLimit(IndexModel.MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = IndexModel.MaxUploadBytes)]
public sealed class IndexModel(HouseholdExchange exchange, ReviewYears years, IMemoryCache cache) : PageModel
{
    public const long MaxUploadBytes = 200L * 1024 * 1024;

    [BindProperty] public int Year { get; set; }
    [BindProperty] public bool DryRun { get; set; }
    public ImportOutcome? Outcome { get; private set; }
    public string? Message { get; private set; }
    public string? ErrorCopyToken { get; private set; }

    /// The form offers the review in progress (or the last one opened).
    public void OnGet() => Year = years.Current;

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            Message = "Hãy chọn tệp CSV hoặc XLSX để nhập.";
            return Page();
        }
        Outcome<ImportOutcome> result;
        await using (var stream = file.OpenReadStream())
            result = await exchange.ImportFileAsync(stream, file.FileName, Year, DryRun, Actor.Of(HttpContext), ct);
        if (result.Failure is { } f)
        {
            Message = f.Message;
            return Page();
        }
        Outcome = result.Value!;
        Message = Outcome.Message;
        if (Outcome.Report.ErrorCount > 0 && Outcome.Report.Layout?.Format == FileFormat.Xlsx)
        {
            await using var original = file.OpenReadStream();
            ErrorCopyToken = Guid.NewGuid().ToString("N");
            cache.Set(ErrorCopyToken, (Name: Path.GetFileNameWithoutExtension(file.FileName) + "-loi.xlsx", Bytes: HouseholdExchange.ErrorCopy(original, Outcome.Report)),
                TimeSpan.FromMinutes(30));
        }
        return Page();
    }

    public async Task<IActionResult> OnGetTemplateAsync(string format, CancellationToken ct)
    {
        var fmt = TabularFile.Named(format, FileFormat.Xlsx);
        var ms = new MemoryStream();
        await HouseholdExchange.WriteTemplateAsync(ms, fmt, ct);
        return File(ms.ToArray(), TabularFile.ContentType(fmt), $"mau-nhap-ho.{TabularFile.Extension(fmt)}");
    }

    public IActionResult OnGetErrorCopy(string token) =>
        cache.TryGetValue(token, out (string Name, byte[] Bytes) copy)
            ? File(copy.Bytes, TabularFile.XlsxContentType, copy.Name)
            : NotFound();
}
