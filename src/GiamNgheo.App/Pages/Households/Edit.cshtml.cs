using GiamNgheo.App.Web;
using GiamNgheo.Data.Classification;
using GiamNgheo.Data.Households;
using GiamNgheo.Data.Model;
using GiamNgheo.Data.Units;
using GiamNgheo.Domain.Households;
using GiamNgheo.Domain.Units;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using GiamNgheo.Files.Exchange;

namespace GiamNgheo.App.Pages.Households;

/// Create a household (with its head) or edit a household's facts of one year. The form is a row of the
/// exchange file and goes through the same parser and import as a file: one set of rules.
public sealed class EditModel(RegistryDb db, TimeProvider clock) : PageModel
{
    /// Form fields by exchange-file column key.
    [BindProperty] public Dictionary<string, string?> F { get; set; } = [];
    public int Year { get; private set; }
    public long? HouseholdId { get; private set; }
    public UnitView? Commune { get; private set; }
    public bool Creating => HouseholdId is null;

    public IEnumerable<FileColumn> Fields => HouseholdFile.Columns.Where(c => c.HouseholdLevel || Creating);

    public async Task<IActionResult> OnGetAsync(long? id, long? unit, int year, CancellationToken ct)
    {
        Year = year;
        if (id is { } existing)
        {
            if (await HouseholdQueries.ByIdAsync(db, existing, year, ct) is not { } h || h.Year != year) return NotFound();
            HouseholdId = existing;
            Commune = h.Commune;
            var cells = HouseholdFile.ToCells(h.Code, h.Commune.Code, h.Facts, h.Members[0].Facts, true, await EthnicAsync(ct));
            F = HouseholdFile.Columns.Select((c, i) => (c, i)).Where(x => x.c.HouseholdLevel).ToDictionary(x => x.c.Key, x => (string?)cells[x.i]);
            return Page();
        }
        if (unit is { } unitId && await UnitQueries.ByIdAsync(db, unitId, ct) is { Level: UnitLevel.Commune } commune)
        {
            Commune = commune;
            F = new() { ["commune_code"] = commune.Code, ["relation"] = Choices.Relations.Label(Relation.Head), ["ethnicity"] = "Kinh" };
            return Page();
        }
        return NotFound();
    }

    public async Task<IActionResult> OnPostAsync(long? id, long? unit, int year, CancellationToken ct)
    {
        Year = year;
        var ethnic = await EthnicAsync(ct);
        List<RawRow> rows;
        if (id is { } existing)
        {
            if (await HouseholdQueries.ByIdAsync(db, existing, year, ct) is not { } h || h.Year != year) return NotFound();
            HouseholdId = existing;
            Commune = h.Commune;
            F["household_code"] = h.Code; // the code is the household's identity: not edited here
            rows = h.Members.Select((m, i) => new RawRow(i + 2, FormRow(HouseholdFile.ToCells(h.Code, h.Commune.Code, h.Facts, m.Facts, i == 0, ethnic), i == 0))).ToList();
        }
        else
        {
            Commune = unit is { } u ? await UnitQueries.ByIdAsync(db, u, ct) : null;
            var code = F.GetValueOrDefault("household_code")?.Trim() ?? "";
            if (code.Length > 0 && await db.Households.AnyAsync(x => x.Code == code && x.Years.Any(y => y.Year == year), ct))
            {
                ModelState.AddModelError("F[household_code]", $"Mã hộ {code} đã có trong danh sách năm {year}.");
                return Page();
            }
            rows = [new RawRow(2, FormRow(new string[HouseholdFile.Columns.Count], true))];
        }

        var report = await HouseholdImport.RunAsync(db, HouseholdFile.Columns.Select(c => c.Header).ToList(), rows, year, dryRun: false,
            User.Identity?.Name ?? "web", Creating ? "biểu mẫu thêm hộ" : "biểu mẫu sửa hộ", clock.GetUtcNow().UtcDateTime, ct);
        foreach (var e in report.Errors)
        {
            var column = HouseholdFile.Columns.FirstOrDefault(c => c.Header == e.Column);
            ModelState.AddModelError(column is not null && Fields.Contains(column) ? $"F[{column.Key}]" : "", e.Message);
        }
        if (!report.Applied) return Page();
        await Reclassification.AfterImportAsync(db, report, clock.GetUtcNow().UtcDateTime, ct);
        var savedId = await HouseholdQueries.IdByCodeAsync(db, F["household_code"]!.Trim(), ct);
        TempData["Saved"] = Creating ? "Đã thêm hộ." : "Đã lưu thông tin hộ.";
        return Redirect($"/households/{savedId}?year={year}");
    }

    /// The form's values over a row: household columns on the first row, and on create the head's columns too.
    private string[] FormRow(string[] cells, bool first)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            var c = HouseholdFile.Columns[i];
            if ((first && c.HouseholdLevel) || (Creating && !c.HouseholdLevel) || c.Key == "household_code")
                cells[i] = F.GetValueOrDefault(c.Key)?.Trim() ?? "";
            cells[i] ??= "";
        }
        return cells;
    }

    private async Task<EthnicGroups> EthnicAsync(CancellationToken ct) =>
        new(await db.EthnicGroups.Select(g => new EthnicGroup(g.Code, g.Name)).ToListAsync(ct));
}
