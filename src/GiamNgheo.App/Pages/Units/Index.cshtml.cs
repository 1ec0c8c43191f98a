using GiamNgheo.App.Web;
using GiamNgheo.Data.Model;
using GiamNgheo.Data.Units;
using GiamNgheo.Domain.Units;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GiamNgheo.App.Pages.Units;

/// The unit tree as it stood in a review year, with the households registered that year.
public sealed class IndexModel(RegistryDb db, TimeProvider clock) : PageModel
{
    public int Year { get; private set; }
    public List<int> Years { get; private set; } = [];
    public List<UnitView> Path { get; private set; } = [];
    public List<UnitWithCount> Children { get; private set; } = [];
    public List<UnitView> Found { get; private set; } = [];
    public string? Query { get; private set; }

    public async Task OnGetAsync(long? parent, int? year, string? q, CancellationToken ct)
    {
        Year = year ?? await Web.Years.DefaultAsync(db, clock, ct);
        Years = await Web.Years.OnRecordAsync(db, ct);
        if (!Years.Contains(Year)) Years.Add(Year);
        var date = UnitEras.ReviewDate(Year);
        Query = q;
        if (!string.IsNullOrWhiteSpace(q)) Found = await UnitQueries.SearchAsync(db, q, date, 50, ct);
        if (parent is { } p) Path = await UnitQueries.PathAsync(db, p, ct);
        Children = await UnitQueries.ChildrenWithCountsAsync(db, parent, date, Year, ct);
    }
}
