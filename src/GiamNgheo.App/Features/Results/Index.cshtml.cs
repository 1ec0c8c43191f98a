using GiamNgheo.Data.Classification;
using GiamNgheo.App.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GiamNgheo.App.Features.Results;

/// The stored classification of a unit's households in a review year, by child unit, under the national standard
/// or a local one; an officer can recompute it (only changed results are rewritten).
public sealed class IndexModel(ClassificationResults results) : PageModel
{
    /// The unit's code (or name), read against the year's review date.
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Standard { get; set; }

    public UnitResults Results { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Unit)) return Redirect($"/units?year={Year}");
        return await LoadAsync(ct) is { } f ? Problems.Page(this, f) : Page();
    }

    public async Task<IActionResult> OnPostReclassifyAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Unit)) return Redirect($"/units?year={Year}");
        if (await LoadAsync(ct) is { } f) return Problems.Page(this, f);
        var done = await results.ClassifyAsync(Results.Unit.Code, Results.Year, null, Actor.Of(HttpContext), ct);
        TempData["Saved"] = done.Failure?.Message ?? ClassifyReports.Describe(done.Value!.Reports);
        return Redirect($"/results?unit={Results.Unit.Code}&year={Results.Year}&standard={Uri.EscapeDataString(Results.Standard ?? "")}");
    }

    /// Null when the results are loaded; else why not. A standard that does not apply falls back to the national one.
    private async Task<Failure?> LoadAsync(CancellationToken ct)
    {
        var loaded = await results.ForUnitAsync(Unit!, Year, string.IsNullOrEmpty(Standard) ? null : Standard, ct);
        if (loaded.Failure is not null)
            loaded = await results.ForUnitAsync(Unit!, Year, null, ct);
        if (loaded.Failure is { } f) return f;
        Results = loaded.Value!;
        return null;
    }
}
