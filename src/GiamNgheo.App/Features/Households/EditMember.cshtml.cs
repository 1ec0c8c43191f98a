using GiamNgheo.App.Web;
using GiamNgheo.Files.Exchange;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GiamNgheo.App.Features.Households;

/// Edit, add or remove one member of a household in one review year. The form is the member's row of the exchange file
/// and is saved with the household's other rows through the file's import, so a household never loses its one head.
public sealed class EditMemberModel(HouseholdRecords households) : PageModel
{
    [BindProperty] public Dictionary<string, string?> F { get; set; } = [];
    public MemberForm Form { get; private set; } = null!;
    public bool Adding => Form.PersonId is null;

    public IEnumerable<FileColumn> Fields => HouseholdFile.Columns.Where(c => !c.HouseholdLevel);

    /// <param name="member">The person's id, or "new" to add a member.</param>
    public async Task<IActionResult> OnGetAsync(long id, string member, int year, CancellationToken ct)
    {
        if (await LoadAsync(id, member, year, ct) is { } missing) return Problems.Page(this, missing);
        F = Form.Cells.ToDictionary(c => c.Key, c => (string?)c.Value);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, string member, int year, CancellationToken ct)
    {
        if (await LoadAsync(id, member, year, ct) is { } missing) return Problems.Page(this, missing);
        var saved = await households.SaveMemberAsync(id, Form.PersonId, year, F, Actor.Of(HttpContext), ct);
        if (saved.Failure is { } f)
        {
            FormErrors.Add(ModelState, f, key => Fields.Any(c => c.Key == key));
            return Page();
        }
        TempData["Saved"] = saved.Value;
        return Redirect($"/households/{id}?year={year}");
    }

    public async Task<IActionResult> OnPostRemoveAsync(long id, string member, int year, CancellationToken ct)
    {
        if (await LoadAsync(id, member, year, ct) is { } missing) return Problems.Page(this, missing);
        if (Form.PersonId is not { } personId) return Problems.Page(this, Failure.NotFound("Thành viên mới chưa có trong hộ: không có gì để bỏ."));
        var removed = await households.RemoveMemberAsync(id, personId, year, Actor.Of(HttpContext), ct);
        if (removed.Failure is { } f)
        {
            ModelState.AddModelError("", f.Message);
            F = Form.Cells.ToDictionary(c => c.Key, c => (string?)c.Value);
            return Page();
        }
        TempData["Saved"] = removed.Value;
        return Redirect($"/households/{id}?year={year}");
    }

    /// Null when the form is loaded; else why not.
    private async Task<Failure?> LoadAsync(long id, string member, int year, CancellationToken ct)
    {
        long? personId = member == "new" ? null : long.TryParse(member, out var p) ? p : -1;
        if (personId == -1) return Failure.NotFound($"Không có thành viên «{member}»: dùng mã định danh của người, hoặc new để thêm thành viên.");
        var form = await households.MemberFormAsync(id, personId, year, ct);
        if (form.Failure is { } f) return f;
        Form = form.Value!;
        return null;
    }
}
