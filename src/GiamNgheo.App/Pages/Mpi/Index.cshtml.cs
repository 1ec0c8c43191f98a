using GiamNgheo.Data.Classification;
using GiamNgheo.Data.Model;
using GiamNgheo.Data.Units;
using GiamNgheo.Domain.Common;
using GiamNgheo.Domain.Standards;
using GiamNgheo.Domain.Statistics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GiamNgheo.App.Pages.Mpi;

/// The Alkire–Foster index of a unit's households in a review year (the same computation as `giamngheo mpi`),
/// with the cut-off k as a parameter and the default nested equal weights.
public sealed class IndexModel(RegistryDb db, DatabaseTarget target, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public long? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    /// The cut-off as typed by the officer, in percent (33,33 or 33.33); default one third.
    [BindProperty(SupportsGet = true)] public string? K { get; set; }

    public List<UnitView> Path { get; private set; } = [];
    public PovertyStandard? Standard { get; private set; }
    public IReadOnlyDictionary<string, decimal> Weights { get; private set; } = new Dictionary<string, decimal>();
    public PovertyIndex? Total { get; private set; }
    public List<(string Name, PovertyIndex Index)> Communes { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Year ??= await Web.Years.DefaultAsync(db, clock, ct);
        if (Unit is not { } id || (Path = await UnitQueries.PathAsync(db, id, ct)).Count == 0) return Redirect($"/units?year={Year}");
        Standard = HouseholdClassification.Standards.National(Year.Value);
        if (Standard is null)
        {
            Error = $"Năm {Year} chưa có chuẩn nghèo quốc gia nên chưa có danh mục chỉ số.";
            return Page();
        }
        Weights = AlkireFoster.NestedWeights(Standard.Indicators);
        decimal k = 1m / 3;
        if (!string.IsNullOrWhiteSpace(K))
        {
            if (!VnFormat.TryParseNumber(K, out var percent) || percent is <= 0 or > 100)
            {
                Error = $"Ngưỡng k «{K}» không hợp lệ: nhập phần trăm lớn hơn 0 và không quá 100, ví dụ 33,33.";
                return Page();
            }
            k = percent / 100;
        }
        K = (k * 100).ToString("0.##", VnFormat.Culture);
        var (total, byCommune) = await PovertyIndexByUnit.RunAsync(target, id, Year.Value, Standard, Weights, k, ct);
        Total = total;
        var names = await db.Units.Where(u => byCommune.Keys.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        Communes = byCommune.Select(x => (names[x.Key], x.Value)).OrderByDescending(x => x.Value.M0).ThenBy(x => x.Item1).ToList();
        return Page();
    }
}
