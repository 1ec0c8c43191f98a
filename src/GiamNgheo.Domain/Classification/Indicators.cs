using GiamNgheo.Domain.Common;
using GiamNgheo.Domain.Households;
using GiamNgheo.Domain.Standards;
using GiamNgheo.Domain.Units;

namespace GiamNgheo.Domain.Classification;

/// A household as the indicators see it in one review year.
public sealed record HouseholdSnapshot(HouseholdFacts Facts, Area Area, IReadOnlyList<MemberFacts> Members, DateOnly ReviewDate)
{
    /// When a Phiếu B card covering the year is loaded: the card, region and answers its income is estimated from.
    /// Null: the income entered is used.
    public Scorecards.ProxyMeansInput? ProxyMeans { get; init; }

    public int Age(MemberFacts m)
    {
        var age = ReviewDate.Year - m.DateOfBirth.Year;
        return m.DateOfBirth.AddYears(age) > ReviewDate ? age - 1 : age;
    }

    /// Completed months of age on the review date.
    public int AgeMonths(MemberFacts m)
    {
        var months = (ReviewDate.Year - m.DateOfBirth.Year) * 12 + ReviewDate.Month - m.DateOfBirth.Month;
        return m.DateOfBirth.AddMonths(months) > ReviewDate ? months - 1 : months;
    }
}

public enum IndicatorStatus { NotDeprived, Deprived, Unknown }

/// An indicator's verdict with the facts that decided it, in words an officer can read aloud. The words are built
/// when read: a batch over millions of households stores only the verdicts, and formatting every reason was the
/// larger part of classifying (README, classification benchmark).
public sealed record IndicatorResult(IndicatorRule Rule, IndicatorStatus Status, Func<string> Explain)
{
    public bool Deprived => Status == IndicatorStatus.Deprived;
    public string Reason => Explain();
}

/// The deprivation indicators as pure functions of the household's facts; thresholds and ages come from the
/// standard's data, so the same functions answer "what under another standard?".
public static class Indicators
{
    /// A function of the household's facts and the parameters it reads, on every branch it can take: a standard that
    /// lacks one is refused when it is loaded, not when the first household takes that branch.
    private sealed record Function(Func<IndicatorRule, IEnumerable<string>> Needs, Func<IndicatorRule, HouseholdSnapshot, IndicatorResult> Evaluate);

    private static readonly Dictionary<string, Function> Functions = new()
    {
        // With the Labour Code switch the upper age is the retirement age of the year, not a parameter.
        ["employment"] = new(r => r.Flag("retirement_by_labour_code") ? ["min_age"] : ["min_age", "male_age_below", "female_age_below"], Employment),
        ["dependants"] = new(_ => ["child_age_below", "elderly_age", "max_share"], Dependants),
        ["nutrition"] = new(_ => ["child_age_below"], (rule, h) => AnyMember(rule, h, m => h.Age(m) < rule.Parameter("child_age_below"), m => m.Malnourished,
            "trẻ dưới {0} tuổi bị suy dinh dưỡng", rule.Parameter("child_age_below"))),
        ["health_insurance"] = new(_ => ["min_age"], (rule, h) => AnyMember(rule, h, m => h.Age(m) >= rule.Parameter("min_age"), m => m.HealthInsurance is { } b ? !b : null,
            "người từ {0} tuổi trở lên không có bảo hiểm y tế", rule.Parameter("min_age"))),
        ["adult_education"] = new(_ => ["min_age", "max_age", "upper_secondary_from_age"], AdultEducation),
        ["school_attendance"] = new(_ => ["min_age", "age_below"], (rule, h) => AnyMember(rule, h,
            m => h.Age(m) >= rule.Parameter("min_age") && h.Age(m) < rule.Parameter("age_below"), m => m.InSchool is { } b ? !b : null,
            "trẻ từ {0} đến dưới {1} tuổi không đi học", rule.Parameter("min_age"), rule.Parameter("age_below"))),
        ["housing_quality"] = new(_ => ["non_durable_parts"], HousingQuality),
        ["housing_area"] = new(_ => ["min_m2_per_person"], HousingArea),
        ["water"] = new(_ => [], (rule, h) => h.Facts.Water is not { } w
            ? Unknown(rule, () => "chưa ghi nguồn nước")
            : Verdict(rule, w == WaterSource.Unprotected, () => $"nguồn nước: {Choices.WaterSources.Label(w)}")),
        ["latrine"] = new(_ => [], (rule, h) => h.Facts.Latrine is not { } l
            ? Unknown(rule, () => "chưa ghi loại nhà tiêu")
            : Verdict(rule, l is LatrineType.Unhygienic or LatrineType.None, () => $"nhà tiêu: {Choices.Latrines.Label(l)}")),
        ["telecom"] = new(_ => [], (rule, h) => h.Facts.UsesTelecom is not { } t
            ? Unknown(rule, () => "chưa ghi việc sử dụng viễn thông")
            : Verdict(rule, !t, () => t ? "có thành viên sử dụng điện thoại/internet" : "không thành viên nào sử dụng điện thoại/internet")),
        ["information_assets"] = new(_ => [], InformationAssets),
        ["not_recorded"] = new(_ => [], (rule, _) => Unknown(rule, () => "hệ thống chưa ghi thông tin cho chỉ số này")),
    };

    public static IndicatorResult Evaluate(IndicatorRule rule, HouseholdSnapshot h) =>
        Functions.TryGetValue(rule.Function, out var f) ? f.Evaluate(rule, h) : throw new InvalidOperationException($"hàm «{rule.Function}» chưa có trong hệ thống.");

    /// What is wrong with a standard's indicators (an unknown function, a parameter its function reads but the file does
    /// not give, a cut-off out of range), in Vietnamese; empty when it can be used.
    public static IReadOnlyList<string> Problems(PovertyStandard standard)
    {
        var problems = new List<string>();
        foreach (var rule in standard.Indicators)
        {
            if (!Functions.TryGetValue(rule.Function, out var f))
            {
                problems.Add($"Chỉ số {rule.Code} ({rule.Name}): hàm «{rule.Function}» chưa có trong hệ thống; dùng một trong: {string.Join(", ", Functions.Keys)}.");
                continue;
            }
            foreach (var missing in f.Needs(rule).Where(p => !rule.Parameters.ContainsKey(p)))
                problems.Add($"Chỉ số {rule.Code} ({rule.Name}): thiếu tham số «{missing}» (hàm «{rule.Function}» cần: {string.Join(", ", f.Needs(rule))}).");
        }
        if (standard.DeprivationCutoff < 1 || standard.DeprivationCutoff > standard.Indicators.Count)
            problems.Add($"Ngưỡng số chỉ số thiếu hụt («deprivationCutoff») phải từ 1 đến {standard.Indicators.Count} (số chỉ số của chuẩn).");
        return problems;
    }

    private static IndicatorResult Verdict(IndicatorRule rule, bool deprived, Func<string> reason) =>
        new(rule, deprived ? IndicatorStatus.Deprived : IndicatorStatus.NotDeprived, reason);

    private static IndicatorResult Unknown(IndicatorRule rule, Func<string> reason) => new(rule, IndicatorStatus.Unknown, reason);

    private static string N(decimal value) => value.ToString("0.##", VnFormat.Culture);

    /// Deprived when some member in scope has the condition; unknown when none has it but some in scope were not recorded.
    private static IndicatorResult AnyMember(IndicatorRule rule, HouseholdSnapshot h, Func<MemberFacts, bool> inScope,
        Func<MemberFacts, bool?> condition, string what, params decimal[] args)
    {
        string Description() => string.Format(what, args.Select(N).Cast<object>().ToArray());
        var scoped = h.Members.Where(inScope).ToList();
        var hit = scoped.FirstOrDefault(m => condition(m) == true);
        if (hit is not null) return Verdict(rule, true, () => $"{hit.FullName} ({h.Age(hit)} tuổi): {Description()}");
        if (scoped.Any(m => condition(m) is null)) return Unknown(rule, () => $"chưa ghi đủ thông tin để biết có {Description()} hay không");
        return Verdict(rule, false, () => scoped.Count == 0 ? $"hộ không có {Description().Split(' ')[0]} thuộc diện xét" : $"không có {Description()}");
    }

    /// A working-age member unemployed or without stable work (Decree 07/2021/NĐ-CP Art. 3 cl. 1(b), Appendix: unemployed,
    /// or paid work without a labour contract; secondary sources). Students are not counted.
    /// The upper age is data because the Appendix's text is not yet read: fixed ages (<c>male_age_below</c>,
    /// <c>female_age_below</c>), or with the switch <c>retirement_by_labour_code</c> = 1 the retirement age of the review
    /// year under the Labour Code 2019 (<see cref="RetirementAge"/>), compared in months on the review date.
    private static IndicatorResult Employment(IndicatorRule rule, HouseholdSnapshot h)
    {
        var byLabourCode = rule.Flag("retirement_by_labour_code");
        bool BelowRetirement(MemberFacts m) => byLabourCode
            ? h.AgeMonths(m) < RetirementAge.Months(m.Sex, h.ReviewDate.Year)
            : h.Age(m) < (m.Sex == Sex.Female ? rule.Parameter("female_age_below") : rule.Parameter("male_age_below"));
        bool WorkingAge(MemberFacts m) => h.Age(m) >= rule.Parameter("min_age") && BelowRetirement(m);
        var scoped = h.Members.Where(m => WorkingAge(m) && m.InSchool != true).ToList();
        var hit = scoped.FirstOrDefault(m => m.Employment is Households.Employment.Unemployed or Households.Employment.Unstable);
        if (hit is not null) return Verdict(rule, true, () => $"{hit.FullName} ({h.Age(hit)} tuổi): {Choices.Employments.Label(hit.Employment!.Value).ToLowerInvariant()}");
        if (scoped.Any(m => m.Employment is null)) return Unknown(rule, () => "chưa ghi việc làm của người trong độ tuổi lao động");
        return Verdict(rule, false, () => "người trong độ tuổi lao động đều có việc làm ổn định hoặc không thuộc diện xét");
    }

    /// Dependants more than <c>max_share</c> of the members (Decree 07/2021/NĐ-CP Art. 3 cl. 1(b) and its Appendix; the
    /// threshold is from secondary sources). Who counts differs by standard, so it is a switch in the data:
    /// - need_social_allowance = 0: children under <c>child_age_below</c>, people aged <c>elderly_age</c> and over (the Law
    ///   on the Elderly 2009, Art. 2, counts the elderly from 60) and people unable to work;
    /// - need_social_allowance = 1 (the Decree 351/2025 draft as reported): children, and elderly or disabled people only
    ///   while they receive a monthly social allowance (the "Hưởng bảo trợ xã hội" fact).
    /// Members whose status is not recorded make the verdict unknown only when they could tip it.
    private static IndicatorResult Dependants(IndicatorRule rule, HouseholdSnapshot h)
    {
        if (h.Members.Count == 0) return Unknown(rule, () => "hộ chưa có thành viên");
        var needAllowance = rule.Flag("need_social_allowance");
        bool? IsDependant(MemberFacts m)
        {
            var age = h.Age(m);
            if (age < rule.Parameter("child_age_below")) return true;
            if (!needAllowance) return age >= rule.Parameter("elderly_age") || m.Employment == Households.Employment.NoWorkingCapacity;
            bool? elderlyOrDisabled = age >= rule.Parameter("elderly_age") ? true : m.Disability;
            if (elderlyOrDisabled == false || m.SocialProtection == false) return false;
            return elderlyOrDisabled == true && m.SocialProtection == true ? true : null;
        }
        var verdicts = h.Members.Select(IsDependant).ToList();
        var dependants = verdicts.Count(v => v == true);
        var possible = dependants + verdicts.Count(v => v is null);
        var share = (decimal)dependants / h.Members.Count;
        var max = rule.Parameter("max_share");
        string Reason() => $"{dependants}/{h.Members.Count} người phụ thuộc ({N(share * 100)}%; ngưỡng trên {N(max * 100)}%)";
        if (share > max) return Verdict(rule, true, Reason);
        if ((decimal)possible / h.Members.Count > max) return Unknown(rule, () => $"{Reason()}; chưa ghi khuyết tật hoặc trợ cấp xã hội của {possible - dependants} người");
        return Verdict(rule, false, Reason);
    }

    private static IndicatorResult AdultEducation(IndicatorRule rule, HouseholdSnapshot h)
    {
        // 16 to under 18: in school or lower secondary finished; 18 to 30: in school or upper secondary / vocational.
        Education? Needed(MemberFacts m)
        {
            var age = h.Age(m);
            if (age < rule.Parameter("min_age") || age > rule.Parameter("max_age")) return null;
            return age < rule.Parameter("upper_secondary_from_age") ? Education.LowerSecondary : Education.UpperSecondary;
        }
        var scoped = h.Members.Where(m => Needed(m) is not null).ToList();
        var hit = scoped.FirstOrDefault(m => m.InSchool == false && m.Education is { } e && e < Needed(m));
        if (hit is not null)
            return Verdict(rule, true, () => $"{hit.FullName} ({h.Age(hit)} tuổi): không đi học, trình độ {Choices.Educations.Label(hit.Education!.Value)} dưới {Choices.Educations.Label(Needed(hit)!.Value)}");
        if (scoped.Any(m => m.InSchool is null || (m.InSchool == false && m.Education is null)))
            return Unknown(rule, () => $"chưa ghi đủ học vấn của người từ {N(rule.Parameter("min_age"))} đến {N(rule.Parameter("max_age"))} tuổi");
        return Verdict(rule, false, () => $"người từ {N(rule.Parameter("min_age"))} đến {N(rule.Parameter("max_age"))} tuổi đạt trình độ theo độ tuổi hoặc đang đi học");
    }

    private static IndicatorResult HousingQuality(IndicatorRule rule, HouseholdSnapshot h)
    {
        bool?[] parts = [h.Facts.DurableWalls, h.Facts.DurableFrame, h.Facts.DurableRoof];
        var notDurable = parts.Count(p => p == false);
        var unknown = parts.Count(p => p is null);
        var needed = (int)rule.Parameter("non_durable_parts");
        if (notDurable >= needed) return Verdict(rule, true, () => $"{notDurable}/3 kết cấu chính (tường, khung, mái) không bền chắc");
        if (notDurable + unknown >= needed) return Unknown(rule, () => "chưa ghi đủ vật liệu tường, khung, mái");
        return Verdict(rule, false, () => $"{notDurable}/3 kết cấu chính không bền chắc (thiếu hụt khi từ {needed})");
    }

    private static IndicatorResult HousingArea(IndicatorRule rule, HouseholdSnapshot h)
    {
        if (h.Facts.HousingAreaM2 is not { } area || h.Members.Count == 0) return Unknown(rule, () => "chưa ghi diện tích nhà ở");
        var perPerson = area / h.Members.Count;
        var threshold = rule.Parameter("min_m2_per_person");
        return Verdict(rule, perPerson < threshold, () => $"{N(perPerson)} m²/người ({(perPerson < threshold ? "dưới" : "không dưới")} {N(threshold)} m²)");
    }

    private static IndicatorResult InformationAssets(IndicatorRule rule, HouseholdSnapshot h)
    {
        var f = h.Facts;
        // The commune loudspeaker counts only in rural areas (secondary sources on Decree 07/2021's Appendix). Decree
        // 351/2025 drops this indicator.
        bool?[] assets = [f.HasTv, f.HasRadio, f.HasComputer, f.HasInternetPhone, h.Area == Area.Rural ? f.LoudspeakerReach : false];
        if (assets.Any(a => a == true)) return Verdict(rule, false, () => "có ít nhất một phương tiện tiếp cận thông tin");
        if (assets.Any(a => a is null)) return Unknown(rule, () => "chưa ghi đủ phương tiện tiếp cận thông tin");
        return Verdict(rule, true, () => "không có ti vi, radio, máy tính, điện thoại kết nối internet" + (h.Area == Area.Rural ? " hay loa truyền thanh" : ""));
    }
}
