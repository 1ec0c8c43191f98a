using GiamNgheo.Domain.Common;
using GiamNgheo.Domain.Units;

namespace GiamNgheo.Domain.Scorecards;

/// The rules a card file must meet before it is stored; each problem names its field (as a JSON path) and the rule.
public static class ScorecardValidation
{
    /// GSO's six socio-economic regions (reference-data/reference/regions.csv).
    public static readonly int[] GsoRegions = [1, 2, 3, 4, 5, 6];

    public static IReadOnlyList<FieldError> Check(Scorecard c)
    {
        var errors = new List<FieldError>();
        void Error(string field, object? value, string message) => errors.Add(new FieldError(field, value?.ToString(), message));

        if (string.IsNullOrWhiteSpace(c.Id)) Error("id", c.Id, "mã phiếu không được để trống");
        else if (c.Id.Length > 40) Error("id", c.Id, "mã phiếu dài tối đa 40 ký tự");
        if (string.IsNullOrWhiteSpace(c.Version)) Error("version", c.Version, "phiên bản không được để trống");
        else if (c.Version.Length > 40) Error("version", c.Version, "phiên bản dài tối đa 40 ký tự");
        if (string.IsNullOrWhiteSpace(c.Name)) Error("name", c.Name, "tên phiếu không được để trống");
        if (c.FromYear < 2016 || c.ToYear < c.FromYear) Error("toYear", $"{c.FromYear}–{c.ToYear}", "năm áp dụng phải từ 2016 và fromYear không sau toYear");

        // Regions: codes unique; every (area, GSO region) has exactly one variant, so every household has one.
        var regionCodes = new HashSet<string>();
        for (var i = 0; i < c.Regions.Count; i++)
        {
            var r = c.Regions[i];
            if (string.IsNullOrWhiteSpace(r.Code) || !regionCodes.Add(r.Code)) Error($"regions[{i}].code", r.Code, "mã vùng trống hoặc trùng");
            foreach (var g in r.GsoRegions ?? []) if (!GsoRegions.Contains(g)) Error($"regions[{i}].gsoRegions", g, "vùng kinh tế - xã hội phải từ 1 đến 6");
        }
        foreach (var area in new[] { Area.Urban, Area.Rural })
            foreach (var g in GsoRegions)
            {
                var n = c.Regions.Count(r => r.Covers(area, g));
                if (n != 1)
                    Error("regions", $"{UnitTypes.AreaName(area)}, vùng {g}", n == 0 ? "thiếu vùng cho khu vực và vùng kinh tế - xã hội này" : "có nhiều hơn một vùng cho khu vực và vùng kinh tế - xã hội này");
            }

        // Characteristics: known function, option codes unique, points for every region, bands or values well formed.
        if (c.Characteristics.Count == 0) Error("characteristics", null, "phiếu phải có ít nhất một đặc điểm");
        var codes = new HashSet<string>();
        for (var i = 0; i < c.Characteristics.Count; i++)
        {
            var ch = c.Characteristics[i];
            var at = $"characteristics[{i}]";
            if (string.IsNullOrWhiteSpace(ch.Code) || !codes.Add(ch.Code)) Error($"{at}.code", ch.Code, "mã đặc điểm trống hoặc trùng");
            if (!ScorecardFunctions.Known(ch.Function))
            {
                Error($"{at}.function", ch.Function, $"hàm chưa có trong hệ thống; dùng một trong: {string.Join(", ", AllFunctions())}");
                continue;
            }
            if (ch.Options.Count == 0) { Error($"{at}.options", null, "đặc điểm phải có ít nhất một lựa chọn"); continue; }
            var optionCodes = new HashSet<string>();
            for (var j = 0; j < ch.Options.Count; j++)
            {
                var o = ch.Options[j];
                var oat = $"{at}.options[{j}]";
                if (string.IsNullOrWhiteSpace(o.Code) || !optionCodes.Add(o.Code)) Error($"{oat}.code", o.Code, "mã lựa chọn trống hoặc trùng");
                foreach (var region in regionCodes.Where(r => !o.Points.ContainsKey(r))) Error($"{oat}.points", region, "thiếu điểm cho vùng này");
                foreach (var region in o.Points.Keys.Where(r => !regionCodes.Contains(r))) Error($"{oat}.points", region, "vùng không có trong regions");
                foreach (var (region, p) in o.Points.Where(p => p.Value < 0)) Error($"{oat}.points.{region}", p, "điểm không được âm");
            }
            if (ScorecardFunctions.Numeric.ContainsKey(ch.Function))
            {
                // Bands: the first starts at 0 (every value these functions return is ≥ 0), then strictly ascending.
                for (var j = 0; j < ch.Options.Count; j++)
                {
                    var from = ch.Options[j].From;
                    if (from is null) Error($"{at}.options[{j}].from", null, $"hàm «{ch.Function}» chia theo khoảng: mỗi lựa chọn cần «from»");
                    else if (j == 0 && from != 0) Error($"{at}.options[0].from", from, "khoảng đầu tiên phải bắt đầu từ 0");
                    else if (j > 0 && ch.Options[j - 1].From is { } prev && from <= prev) Error($"{at}.options[{j}].from", from, "các khoảng phải tăng dần");
                }
            }
            else if (ScorecardFunctions.Categorical.TryGetValue(ch.Function, out var f))
            {
                // Each value the function can return belongs to exactly one option.
                for (var j = 0; j < ch.Options.Count; j++)
                    foreach (var v in ch.Options[j].Values ?? [])
                        if (!f.Values.Contains(v)) Error($"{at}.options[{j}].values", v, $"giá trị không có của hàm «{ch.Function}»; các giá trị: {string.Join(", ", f.Values)}");
                foreach (var v in f.Values)
                {
                    var n = ch.Options.Count(o => o.Values?.Contains(v) == true);
                    if (n != 1) Error($"{at}.options", v, n == 0 ? "giá trị chưa thuộc lựa chọn nào" : "giá trị thuộc nhiều hơn một lựa chọn");
                }
            }
        }

        // Income curve: for every region at least two anchors, scores strictly ascending, income never falling.
        foreach (var region in regionCodes)
        {
            if (!c.Income.TryGetValue(region, out var anchors) || anchors.Count < 2)
            {
                Error($"income.{region}", null, "cần ít nhất hai mốc điểm → thu nhập cho vùng này");
                continue;
            }
            for (var k = 0; k < anchors.Count; k++)
            {
                if (anchors[k].Income < 0) Error($"income.{region}[{k}].income", anchors[k].Income, "thu nhập không được âm");
                if (k == 0) continue;
                if (anchors[k].Score <= anchors[k - 1].Score) Error($"income.{region}[{k}].score", anchors[k].Score, "điểm của các mốc phải tăng dần");
                if (anchors[k].Income < anchors[k - 1].Income) Error($"income.{region}[{k}].income", anchors[k].Income, "thu nhập không được giảm khi điểm tăng");
            }
        }
        foreach (var region in c.Income.Keys.Where(r => !regionCodes.Contains(r))) Error($"income.{region}", region, "vùng không có trong regions");
        return errors;
    }

    private static IEnumerable<string> AllFunctions() =>
        ScorecardFunctions.Numeric.Keys.Concat(ScorecardFunctions.Categorical.Keys).Append(ScorecardFunctions.Answer);
}
