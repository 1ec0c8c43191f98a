using GiamNgheo.Data.Classification;
using GiamNgheo.Data.Model;
using GiamNgheo.Data.Units;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GiamNgheo.App.Pages.Households;

/// "Vì sao hộ này là hộ nghèo?": the category under the year's standard, indicator by indicator, with the clause.
public sealed class ExplainModel(RegistryDb db) : PageModel
{
    public Explanation Explanation { get; private set; } = null!;
    public List<UnitView> Path { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, int? year, CancellationToken ct)
    {
        if (await HouseholdClassification.ExplainAsync(db, id, year, ct) is not { } e) return NotFound();
        Explanation = e;
        Path = await UnitQueries.PathAsync(db, e.Household.Commune.Id, ct);
        return Page();
    }
}
