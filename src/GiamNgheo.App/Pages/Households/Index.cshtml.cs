using GiamNgheo.App.Web;
using GiamNgheo.Data.Households;
using GiamNgheo.Data.Model;
using GiamNgheo.Data.Units;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GiamNgheo.App.Pages.Households;

public sealed class IndexModel(RegistryDb db, TimeProvider clock) : PageModel
{
    public int Year { get; private set; }
    public UnitView? Unit { get; private set; }
    public List<string> Hamlets { get; private set; } = [];
    public string? Hamlet { get; private set; }
    public string? Text { get; private set; }
    public HouseholdPage Result { get; private set; } = new([], null);

    public async Task OnGetAsync(long? unit, int? year, string? hamlet, string? q, long? after, CancellationToken ct)
    {
        Year = year ?? await Years.DefaultAsync(db, clock, ct);
        if (unit is { } id) Unit = await UnitQueries.ByIdAsync(db, id, ct);
        if (Unit is { Level: Domain.Units.UnitLevel.Commune }) Hamlets = await HouseholdQueries.HamletsAsync(db, Unit.Id, Year, ct);
        Hamlet = hamlet;
        Text = q;
        Result = await HouseholdQueries.ListAsync(db, new HouseholdFilter(Unit?.Id, Year, hamlet, q, after), ct);
    }
}
