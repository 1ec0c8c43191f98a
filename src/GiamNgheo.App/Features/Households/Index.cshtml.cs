using GiamNgheo.App.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GiamNgheo.App.Features.Households;

public sealed class IndexModel(HouseholdRecords households) : PageModel
{
    public HouseholdList? List { get; private set; }
    public string? Error { get; private set; }
    /// The unit as typed, shown back in the filter.
    public string? UnitText { get; private set; }

    /// <param name="unit">The unit's code or name, read against the year's review date.</param>
    public async Task OnGetAsync(string? unit, int? year, string? hamlet, string? q, long? after, string? category, string? standard, CancellationToken ct)
    {
        UnitText = unit?.Trim();
        var result = await households.ListAsync(new HouseholdListQuery(UnitText, year, hamlet, q, after, category, standard), ct);
        if (result.Failure is { } f)
        {
            Error = Problems.InPage(this, f);
            return;
        }
        List = result.Value;
    }

    /// This list's filters as a query string, for the pager.
    public string Query(long? after = null) =>
        $"unit={Uri.EscapeDataString(List?.Unit?.Code ?? "")}&year={List?.Year}&hamlet={Uri.EscapeDataString(List?.Hamlet ?? "")}&q={Uri.EscapeDataString(List?.Text ?? "")}" +
        $"&category={List?.Category}&standard={Uri.EscapeDataString(List?.Standard ?? "")}" + (after is { } a ? $"&after={a}" : "");
}
