using GiamNgheo.Data.Households;
using GiamNgheo.Data.Model;
using GiamNgheo.Data.Units;
using GiamNgheo.Domain.Households;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GiamNgheo.App.Pages.Households;

public sealed class DetailsModel(RegistryDb db) : PageModel
{
    public HouseholdYearView Household { get; private set; } = null!;
    public List<UnitView> Path { get; private set; } = [];
    public EthnicGroups Ethnic { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, int? year, CancellationToken ct)
    {
        if (await HouseholdQueries.ByIdAsync(db, id, year, ct) is not { } h) return NotFound();
        Household = h;
        Path = await UnitQueries.PathAsync(db, h.Commune.Id, ct);
        Ethnic = new EthnicGroups(await db.EthnicGroups.Select(g => new EthnicGroup(g.Code, g.Name)).ToListAsync(ct));
        return Page();
    }
}
