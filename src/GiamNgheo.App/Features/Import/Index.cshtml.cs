using GiamNgheo.Files.Tabular;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Caching.Memory;

namespace GiamNgheo.App.Features.Import;

/// Upload a household file: it is checked first (a dry run) and the page shows what writing it would do — the columns
/// it lacks, the headers it does not know, each member it would remove and each person it would correct; the officer
/// then confirms, and only then is it written. A rejected file changes nothing and its errors are listed by row and column.
/// The upload's limit is ImportUpload's, set on this page's endpoint.
public sealed class IndexModel(HouseholdExchange exchange, ReviewYears years, IMemoryCache cache, UploadedFiles uploads, IConfiguration configuration) : PageModel
{
    /// The page refuses a larger file before sending it (site.js), with the message the server would give.
    public long MaxUploadBytes => ImportUpload.From(configuration).MaxBytes;

    [BindProperty] public int Year { get; set; }
    public ImportOutcome? Outcome { get; private set; }
    public string? Message { get; private set; }
    public string? ErrorCopyToken { get; private set; }
    /// The checked file waiting for the officer's confirmation, and its name.
    public string? ConfirmToken { get; private set; }
    public string? FileName { get; private set; }

    /// The form offers the review in progress (or the last one opened).
    public void OnGet() => Year = years.Current;

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            Message = "Hãy chọn tệp CSV hoặc XLSX để nhập.";
            return Page();
        }
        FileName = file.FileName;
        string token;
        await using (var upload = file.OpenReadStream()) token = await uploads.SaveAsync(upload, ct);
        await using (var stream = uploads.Open(token)!)
            if (!Show(await exchange.ImportFileAsync(stream, file.FileName, Year, dryRun: true, Actor.Of(HttpContext), ct)))
            {
                uploads.Delete(token);
                return Page();
            }
        if (Outcome!.Report.ErrorCount == 0) ConfirmToken = token;
        else
        {
            if (Outcome.Report.Layout?.Format == FileFormat.Xlsx)
            {
                await using var original = uploads.Open(token)!;
                ErrorCopyToken = Guid.NewGuid().ToString("N");
                cache.Set(ErrorCopyToken, (Name: Path.GetFileNameWithoutExtension(file.FileName) + "-loi.xlsx", Bytes: HouseholdExchange.ErrorCopy(original, Outcome.Report)),
                    TimeSpan.FromMinutes(30));
            }
            uploads.Delete(token);
        }
        return Page();
    }

    /// The officer confirms the checked file: now it is written (checked again, since the registry may have changed).
    public async Task<IActionResult> OnPostConfirmAsync(string token, string fileName, CancellationToken ct)
    {
        FileName = fileName;
        await using (var stream = uploads.Open(token))
        {
            if (stream is null)
            {
                Message = "Tệp đã kiểm tra không còn trên máy chủ (quá 2 giờ hoặc đã ghi). Hãy chọn tệp và kiểm tra lại.";
                return Page();
            }
            Show(await exchange.ImportFileAsync(stream, fileName, Year, dryRun: false, Actor.Of(HttpContext), ct));
        }
        uploads.Delete(token);
        return Page();
    }

    private bool Show(Outcome<ImportOutcome> result)
    {
        if (result.Failure is { } f)
        {
            Message = f.Message;
            return false;
        }
        Outcome = result.Value!;
        Message = Outcome.Message;
        return true;
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
