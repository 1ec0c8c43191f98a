using GiamNgheo.App.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GiamNgheo.App.Features.Explain;

public sealed class IndexModel(HouseholdExplanation explanation) : PageModel
{
    public ExplainView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, int? year, CancellationToken ct)
    {
        var e = await explanation.ExplainAsync(id, year, ct);
        if (e.Failure is { } f) return Problems.Page(this, f);
        View = e.Value!;
        return Page();
    }
}
