using GiamNgheo.Data.Classification;
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

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await LoadAsync(ct) ? Page() : Redirect($"/units?year={Year}");

    public async Task<IActionResult> OnPostReclassifyAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Redirect($"/units?year={Year}");
        var done = await results.ClassifyAsync(Results.Unit.Code, Results.Year, null, Actor.Of(HttpContext), ct);
        TempData["Saved"] = done.Failure?.Message ?? ClassifyReports.Describe(done.Value!.Reports);
        return Redirect($"/results?unit={Results.Unit.Code}&year={Results.Year}&standard={Uri.EscapeDataString(Results.Standard ?? "")}");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Unit)) return false;
        var loaded = await results.ForUnitAsync(Unit, Year, string.IsNullOrEmpty(Standard) ? null : Standard, ct);
        if (loaded.Failure is not null)
            loaded = await results.ForUnitAsync(Unit, Year, null, ct);
        if (loaded.Failure is not null) return false;
        Results = loaded.Value!;
        return true;
    }
}
