using GiamNgheo.App.Web;
using GiamNgheo.Data.Units;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GiamNgheo.App.Features.Units;

/// The unit tree as it stood in a review year, with the households registered that year.
public sealed class IndexModel(UnitDirectory units, ReviewYears years) : PageModel
{
    public int Year { get; private set; }
    public List<int> Years { get; private set; } = [];
    public List<UnitView> Path { get; private set; } = [];
    public List<UnitWithCount> Children { get; private set; } = [];
    public List<UnitView> Found { get; private set; } = [];
    public string? Query { get; private set; }
    public string? Error { get; private set; }

    /// <param name="parent">The unit's code (or name), read against the year's review date.</param>
    public async Task OnGetAsync(string? parent, int? year, string? q, CancellationToken ct)
    {
        Year = year ?? await years.DefaultAsync(ct);
        if (ReviewYears.Check(Year) is { } badYear)
        {
            Error = Problems.InPage(this, badYear);
            Year = await years.DefaultAsync(ct);
        }
        Years = await years.OnRecordAsync(ct);
        if (!Years.Contains(Year)) Years.Add(Year);
        Query = q;
        var tree = await units.TreeAsync(parent, Year, q, ct);
        if (tree.Failure is { } f)
        {
            Error = Problems.InPage(this, f);
            tree = await units.TreeAsync(null, Year, q, ct);
        }
        (Path, Children, Found) = (tree.Value!.Path, tree.Value.Children, tree.Value.Found);
    }
}
