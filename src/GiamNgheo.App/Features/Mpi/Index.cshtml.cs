using GiamNgheo.App.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GiamNgheo.App.Features.Mpi;

/// The Alkire–Foster index of a unit's households in a review year (the same computation as `giamngheo mpi`).
public sealed class IndexModel(PovertyIndexReport report) : PageModel
{
    /// The unit's code (or name), read against the year's review date.
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    /// The cut-off as typed by the officer, in percent (33,33 or 33.33); default one third.
    [BindProperty(SupportsGet = true)] public string? K { get; set; }

    public MpiView? View { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Unit)) return Redirect($"/units?year={Year}");
        var result = await report.ComputeAsync(Unit, Year, K, ct);
        if (result.Failure is { } f) Error = Problems.InPage(this, f);
        else
        {
            View = result.Value!;
            K = Domain.Statistics.AlkireFoster.CutoffText(View.K);
        }
        return Page();
    }
}
