using GiamNgheo.App.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GiamNgheo.App.Features.Households;

public sealed class DetailsModel(HouseholdRecords households) : PageModel
{
    public HouseholdDetails Details { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, int? year, CancellationToken ct)
    {
        var result = await households.GetAsync(id, year, ct);
        if (result.Failure is { } f) return Problems.Page(this, f);
        Details = result.Value!;
        return Page();
    }
}
