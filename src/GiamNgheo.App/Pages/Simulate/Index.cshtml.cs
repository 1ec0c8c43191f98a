using GiamNgheo.App.Web;
using GiamNgheo.Data.Classification;
using GiamNgheo.Data.Model;
using GiamNgheo.Data.Units;
using GiamNgheo.Domain.Classification;
using GiamNgheo.Domain.Standards;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GiamNgheo.App.Pages.Simulate;

/// A planner changes the lines, the cut-off or the indicators and sees, without saving anything, what the
/// year's households would be under that standard.
public sealed class IndexModel(RegistryDb db, DatabaseTarget target, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public long? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public decimal? Rural { get; set; }
    [BindProperty(SupportsGet = true)] public decimal? Urban { get; set; }
    [BindProperty(SupportsGet = true)] public int? Cutoff { get; set; }
    /// Indicator codes left out of the proposed standard.
    [BindProperty(SupportsGet = true)] public string[] Off { get; set; } = [];
    [BindProperty(SupportsGet = true)] public bool Run { get; set; }

    public UnitView? Scope { get; private set; }
    public PovertyStandard Current { get; private set; } = null!;
    public PovertyStandard Proposed { get; private set; } = null!;
    public SimulationReport? Result { get; private set; }
    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Redirect($"/units?year={Year}");
        if (Run && Errors.Count == 0) Result = await Data.Classification.Simulate.RunAsync(target, Scope!.Id, Year!.Value, Proposed, ct);
        return Page();
    }

    /// The same simulation as a workbook (numbers as numbers, the transition matrix below the table).
    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Redirect($"/units?year={Year}");
        if (Errors.Count > 0) return Page();
        var report = await Data.Classification.Simulate.RunAsync(target, Scope!.Id, Year!.Value, Proposed, ct);
        var ms = new MemoryStream();
        report.WriteXlsx(ms);
        return File(ms.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"mo-phong-{Scope.Code}-{Year}.xlsx");
    }

    /// The proposed standard from the form: the year's standard with the planner's lines, cut-off and indicators.
    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Year ??= await Years.DefaultAsync(db, clock, ct);
        if (Unit is { } id) Scope = await UnitQueries.ByIdAsync(db, id, ct);
        if (Scope is null) return false;
        Current = HouseholdClassification.Standards.ForYear(Year.Value);
        Rural ??= Current.PovertyLine.Rural;
        Urban ??= Current.PovertyLine.Urban;
        Cutoff ??= Current.DeprivationCutoff;
        if (Rural is < 0 or > 100_000_000) Errors.Add("Chuẩn nông thôn phải từ 0 đến 100.000.000 đồng.");
        if (Urban is < 0 or > 100_000_000) Errors.Add("Chuẩn thành thị phải từ 0 đến 100.000.000 đồng.");
        var kept = Current.Indicators.Where(i => !Off.Contains(i.Code)).ToList();
        if (Cutoff < 1 || Cutoff > Math.Max(kept.Count, 1)) Errors.Add($"Ngưỡng thiếu hụt phải từ 1 đến {kept.Count} (số chỉ số đang dùng).");
        Proposed = Current with
        {
            Id = "MO-PHONG", Name = "Chuẩn đề xuất (mô phỏng)",
            PovertyLine = new IncomeLine(Rural!.Value, Urban!.Value), DeprivationCutoff = Cutoff!.Value, Indicators = kept,
        };
        return true;
    }

    /// The query string of the current form, for the export link.
    public string Query() =>
        $"unit={Unit}&year={Year}&rural={Rural:0}&urban={Urban:0}&cutoff={Cutoff}" + string.Concat(Off.Select(o => $"&off={Uri.EscapeDataString(o)}"));
}
