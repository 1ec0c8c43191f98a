using GiamNgheo.Data.Classification;
using GiamNgheo.Data.Model;
using GiamNgheo.Data.Units;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GiamNgheo.App.Pages.Results;

/// The stored classification of a unit's households in a review year, by child unit, under the national standard
/// or a local one; an officer can recompute it (only changed results are rewritten).
public sealed class IndexModel(RegistryDb db, DatabaseTarget target, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public long? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Standard { get; set; }

    public List<int> Years { get; private set; } = [];
    public List<UnitView> Path { get; private set; } = [];
    public List<(string Id, string Name)> Standards { get; private set; } = [];
    public CategoryCounts? Total { get; private set; }
    public List<CategoryCounts> Children { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Redirect($"/units?year={Year}");
        return Page();
    }

    public async Task<IActionResult> OnPostReclassifyAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Redirect($"/units?year={Year}");
        var reports = await Reclassification.RunAsync(target, Path[^1].Id, Year!.Value, clock.GetUtcNow().UtcDateTime, ct);
        TempData["Saved"] = Reclassification.Describe(reports);
        return Redirect($"/results?unit={Unit}&year={Year}&standard={Uri.EscapeDataString(Standard ?? "")}");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Year ??= await Web.Years.DefaultAsync(db, clock, ct);
        Years = await Web.Years.OnRecordAsync(db, ct);
        if (Unit is not { } id || (Path = await UnitQueries.PathAsync(db, id, ct)).Count == 0) return false;
        Standards = await ResultQueries.StandardsForAsync(db, id, Year.Value, ct);
        if (Standards.Count == 0) return true;
        if (Standards.All(s => s.Id != Standard)) Standard = Standards[0].Id;
        (Total, Children) = await ResultQueries.ByChildAsync(db, Path[^1], Year.Value, Standard!, ct);
        return true;
    }
}
