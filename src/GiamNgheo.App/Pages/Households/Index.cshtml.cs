using GiamNgheo.App.Web;
using GiamNgheo.Data.Classification;
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

    public string? UnitCode { get; private set; }
    /// The standard whose stored category the list shows: the year's national one unless a local one is asked for.
    public string? Standard { get; private set; }
    public Domain.Classification.Category? Category { get; private set; }
    public string? UnitError { get; private set; }

    /// The unit comes from the tree (its id) or is typed as a code, read against the year's review date.
    public async Task OnGetAsync(long? unit, string? unitCode, int? year, string? hamlet, string? q, long? after,
        Domain.Classification.Category? category, string? standard, CancellationToken ct)
    {
        Year = year ?? await Years.DefaultAsync(db, clock, ct);
        UnitCode = unitCode?.Trim();
        if (!string.IsNullOrEmpty(UnitCode))
        {
            Unit = await UnitQueries.ByCodeAsync(db, UnitCode, Domain.Units.UnitEras.ReviewDate(Year), ct);
            if (Unit is null) UnitError = $"Không có đơn vị mã {UnitCode} có hiệu lực ngày {Domain.Common.VnFormat.Date(Domain.Units.UnitEras.ReviewDate(Year))}.";
        }
        else if (unit is { } id) Unit = await UnitQueries.ByIdAsync(db, id, ct);
        if (Unit is { Level: Domain.Units.UnitLevel.Commune }) Hamlets = await HouseholdQueries.HamletsAsync(db, Unit.Id, Year, ct);
        Hamlet = hamlet;
        Text = q;
        var standards = HouseholdClassification.Standards;
        Standard = standard ?? standards.National(Year)?.Id;
        Category = category;
        Result = await HouseholdQueries.ListAsync(db, new HouseholdFilter(Unit?.Id, Year, hamlet, q, after, StandardId: Standard, Category: (int?)category), ct);
    }

    /// This list's filters as a query string, for the pager.
    public string Query(long? after = null) =>
        $"unit={Unit?.Id}&year={Year}&hamlet={Uri.EscapeDataString(Hamlet ?? "")}&q={Uri.EscapeDataString(Text ?? "")}&category={Category}&standard={Uri.EscapeDataString(Standard ?? "")}"
        + (after is { } a ? $"&after={a}" : "");
}
