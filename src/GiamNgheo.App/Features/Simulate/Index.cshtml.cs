using GiamNgheo.App.Web;
using GiamNgheo.Data.Classification;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GiamNgheo.App.Features.Simulate;

/// A planner changes the lines, the cut-off or the indicators and sees, without saving anything, what the
/// year's households would be under that standard.
public sealed class IndexModel(StandardSimulation simulation) : PageModel
{
    /// The unit's code (or name), read against the year's review date.
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public decimal? Rural { get; set; }
    [BindProperty(SupportsGet = true)] public decimal? Urban { get; set; }
    [BindProperty(SupportsGet = true)] public int? Cutoff { get; set; }
    /// Indicator codes left out of the proposed standard.
    [BindProperty(SupportsGet = true)] public string[] Off { get; set; } = [];
    [BindProperty(SupportsGet = true)] public bool Run { get; set; }

    public SimulationSetup Setup { get; private set; } = null!;
    public SimulationReport? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Unit)) return Redirect($"/units?year={Year}");
        if (await LoadAsync(ct) is { } f) return Problems.Page(this, f);
        if (Run && Setup.Problems.Count == 0) Result = await simulation.RunAsync(Setup, ct);
        return Page();
    }

    /// The same simulation as a workbook (numbers as numbers, the transition matrix below the table).
    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Unit)) return Redirect($"/units?year={Year}");
        if (await LoadAsync(ct) is { } f) return Problems.Page(this, f);
        if (Setup.Problems.Count > 0) return Page();
        var report = await simulation.RunAsync(Setup, ct);
        var ms = new MemoryStream();
        report.WriteXlsx(ms);
        return File(ms.ToArray(), GiamNgheo.Files.Tabular.TabularFile.XlsxContentType, $"mo-phong-{Setup.Unit.Code}-{Setup.Year}.xlsx");
    }

    /// Null when the simulation is set up; else why not.
    private async Task<Failure?> LoadAsync(CancellationToken ct)
    {
        var setup = await simulation.SetUpAsync(Unit!, Year, new ProposedChanges(Rural, Urban, Cutoff, Off), ct);
        if (setup.Failure is { } f) return f;
        Setup = setup.Value!;
        (Year, Rural, Urban, Cutoff) = (Setup.Year, Setup.Proposed.PovertyLine.Rural, Setup.Proposed.PovertyLine.Urban, Setup.Proposed.DeprivationCutoff);
        return null;
    }

    /// The query string of the current form, for the export link.
    public string Query() =>
        $"unit={Uri.EscapeDataString(Setup.Unit.Code)}&year={Year}&rural={Rural:0}&urban={Urban:0}&cutoff={Cutoff}" + string.Concat(Off.Select(o => $"&off={Uri.EscapeDataString(o)}"));
}
