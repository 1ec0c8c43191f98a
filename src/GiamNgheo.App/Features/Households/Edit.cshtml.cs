using GiamNgheo.App.Web;
using GiamNgheo.Data.Units;
using GiamNgheo.Domain.Households;
using GiamNgheo.Files.Exchange;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GiamNgheo.App.Features.Households;

/// Create a household (with its head) or edit a household's facts of one year. The form is a row of the exchange
/// file and goes through the same parser and import as a file: one set of rules.
public sealed class EditModel(HouseholdRecords households) : PageModel
{
    /// Form fields by exchange-file column key.
    [BindProperty] public Dictionary<string, string?> F { get; set; } = [];
    public int Year { get; private set; }
    public long? HouseholdId { get; private set; }
    public UnitView? Commune { get; private set; }
    public EthnicGroups Ethnic { get; private set; } = new([]);
    public bool Creating => HouseholdId is null;

    /// The household's columns; on create, the head's columns too.
    public IEnumerable<FileColumn> Fields => HouseholdFile.Columns.Where(c => c.HouseholdLevel || Creating);

    /// <param name="unit">On create: the commune's code.</param>
    public async Task<IActionResult> OnGetAsync(long? id, string? unit, int year, CancellationToken ct)
    {
        var form = id is { } existing ? await households.EditFormAsync(existing, year, ct) : await households.NewFormAsync(unit ?? "", year, ct);
        if (form.Failure is { } f) return Problems.Page(this, f);
        Show(form.Value!);
        F = form.Value!.Cells.ToDictionary(c => c.Key, c => (string?)c.Value);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, string? unit, int year, CancellationToken ct)
    {
        var form = id is { } existing ? await households.EditFormAsync(existing, year, ct) : await households.NewFormAsync(unit ?? "", year, ct);
        if (form.Failure is { } notFound) return Problems.Page(this, notFound);
        Show(form.Value!);
        var saved = await households.SaveHouseholdAsync(id, Commune!.Code, year, F, Actor.Of(HttpContext), ct);
        if (saved.Failure is { } f)
        {
            FormErrors.Add(ModelState, f, key => Fields.Any(c => c.Key == key));
            return Page();
        }
        TempData["Saved"] = Creating ? "Đã thêm hộ." : "Đã lưu thông tin hộ.";
        return Redirect($"/households/{saved.Value}?year={year}");
    }

    private void Show(HouseholdForm form)
    {
        Year = form.Year;
        HouseholdId = form.HouseholdId;
        Commune = form.Commune;
        Ethnic = form.Ethnic;
    }
}
