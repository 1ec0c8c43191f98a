using GiamNgheo.Data.Classification;
using GiamNgheo.Data.Households;
using GiamNgheo.Data.Model;
using GiamNgheo.Domain.Common;
using GiamNgheo.Domain.Households;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GiamNgheo.App.Pages.Households;

/// Edit one member of a household in one review year; rule failures show next to their field.
public sealed class EditMemberModel(RegistryDb db, TimeProvider clock) : PageModel
{
    public sealed class MemberForm
    {
        public string FullName { get; set; } = "";
        public Sex Sex { get; set; }
        public string DateOfBirth { get; set; } = "";
        public Relation Relation { get; set; }
        public string? CitizenId { get; set; }
        public string EthnicCode { get; set; } = "01";
        public Education? Education { get; set; }
        public bool? InSchool { get; set; }
        public bool? HealthInsurance { get; set; }
        public Employment? Employment { get; set; }
        public bool? Disability { get; set; }
        public bool? Meritorious { get; set; }
        public bool? SocialProtection { get; set; }
        public bool? Malnourished { get; set; }
    }

    [BindProperty] public MemberForm Form { get; set; } = new();
    public string HouseholdCode { get; private set; } = "";
    public int Year { get; private set; }
    public List<EthnicGroup> EthnicGroups { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, long personId, int year, CancellationToken ct)
    {
        var h = await HouseholdQueries.ByIdAsync(db, id, year, ct);
        var m = h?.Members.FirstOrDefault(x => x.PersonId == personId);
        if (h is null || m is null || h.Year != year) return NotFound();
        var x = m.Facts;
        Form = new MemberForm
        {
            FullName = x.FullName, Sex = x.Sex, DateOfBirth = VnFormat.Date(x.DateOfBirth), Relation = x.Relation, CitizenId = x.CitizenId,
            EthnicCode = x.EthnicCode, Education = x.Education, InSchool = x.InSchool, HealthInsurance = x.HealthInsurance,
            Employment = x.Employment, Disability = x.Disability, Meritorious = x.Meritorious, SocialProtection = x.SocialProtection, Malnourished = x.Malnourished,
        };
        await LoadAsync(h.Code, year, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, long personId, int year, CancellationToken ct)
    {
        var h = await HouseholdQueries.ByIdAsync(db, id, year, ct);
        if (h is null || h.Year != year || h.Members.All(x => x.PersonId != personId)) return NotFound();
        await LoadAsync(h.Code, year, ct);

        if (!VnFormat.TryParseDate(Form.DateOfBirth ?? "", out var dob))
            ModelState.AddModelError("Form.DateOfBirth", "Ngày sinh phải có dạng dd/MM/yyyy, ví dụ 15/03/1980.");
        if (EthnicGroups.All(g => g.Code != Form.EthnicCode))
            ModelState.AddModelError("Form.EthnicCode", "Hãy chọn một trong 54 dân tộc.");
        if (!ModelState.IsValid) return Page();

        var facts = new MemberFacts
        {
            FullName = Form.FullName?.Trim() ?? "", Sex = Form.Sex, DateOfBirth = dob, Relation = Form.Relation,
            CitizenId = string.IsNullOrWhiteSpace(Form.CitizenId) ? null : Form.CitizenId.Trim(), EthnicCode = Form.EthnicCode,
            Education = Form.Education, InSchool = Form.InSchool, HealthInsurance = Form.HealthInsurance, Employment = Form.Employment,
            Disability = Form.Disability, Meritorious = Form.Meritorious, SocialProtection = Form.SocialProtection, Malnourished = Form.Malnourished,
        };
        var errors = await HouseholdQueries.UpdateMemberAsync(db, id, year, personId, facts, User.Identity?.Name ?? "web", clock.GetUtcNow().UtcDateTime, ct);
        foreach (var e in errors) ModelState.AddModelError("Form." + e.Field, e.Message);
        if (!ModelState.IsValid) return Page();
        await Reclassification.AfterEditAsync(db, id, year, clock.GetUtcNow().UtcDateTime, ct);
        TempData["Saved"] = $"Đã lưu thông tin của {facts.FullName}.";
        return Redirect($"/households/{id}?year={year}");
    }

    private async Task LoadAsync(string code, int year, CancellationToken ct)
    {
        HouseholdCode = code;
        Year = year;
        EthnicGroups = await db.EthnicGroups.OrderBy(g => g.Code).Select(g => new EthnicGroup(g.Code, g.Name)).ToListAsync(ct);
    }
}
