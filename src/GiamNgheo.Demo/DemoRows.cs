using GiamNgheo.Domain.Classification;
using GiamNgheo.Domain.Households;
using GiamNgheo.Domain.Units;
using GiamNgheo.Files.Exchange;

namespace GiamNgheo.Demo;

/// Turns a simulated household into exchange-file rows for one review year. Reads the state, never
/// changes it: yearly member facts come from hashes of (person, year).
internal static class DemoRows
{
    /// Decree 07/2021/NĐ-CP, Art. 3 (2022–2025, kept for 2026): income line per person per month.
    public const decimal RuralLine = 1_500_000m;
    public const decimal UrbanLine = 2_000_000m;

    /// Ethnic groups are written by code: the demo has no names table, and the parser reads codes.
    private static readonly EthnicGroups ByCode = new([]);

    public static IEnumerable<string[]> Render(DemoSetup setup, DemoHousehold hh, int year, DateOnly review)
    {
        var commune = setup.Communes[hh.Commune];
        var h = commune.Hardship;
        var urban = setup.Urban[hh.Commune];
        var communeCode = year <= 2024 ? commune.Code2024 : Successor(setup, hh);
        var r = DemoFamily.IncomeRatioLog(hh, review);
        var line = urban ? UrbanLine : RuralLine;
        var n = hh.Members.Count;
        var income = Math.Round(line * (decimal)DemoMath.Exp(r) * 12m * n / 1000m, MidpointRounding.AwayFromZero) * 1000m;
        var poor = income <= line * 12m * n;

        var facts = Housing(hh, h, r, urban, year) with
        {
            Hamlet = setup.Hamlets[hh.Commune][hh.Hamlet],
            Address = hh.Address.Length == 0 ? null : hh.Address,
            Phone = hh.NoTelecom ? null : hh.Phone,
            Area = urban ? Area.Urban : Area.Rural,
            Income12Months = income,
            HousingAreaM2 = hh.AreaM2,
        };

        var head = hh.Head;
        // Head first, then spouse, children, parents, grandparents, grandchildren, siblings, others; older first.
        var others = hh.Members.Where(m => m != head)
            .Select(m => (Member: m, Relation: RelationOf(m, head)))
            .OrderBy(x => x.Relation).ThenBy(x => x.Member.DateOfBirth).Select(x => x.Member);
        var first = true;
        foreach (var m in others.Prepend(head))
        {
            yield return HouseholdFile.ToCells(hh.Code, communeCode, facts, Member(m, head, hh, h, r, poor, year, review), first, ByCode);
            first = false;
        }
    }

    private static string Successor(DemoSetup setup, DemoHousehold hh)
    {
        var list = setup.Successors[hh.Commune];
        return list.Length == 1 ? list[0] : list[(int)(DemoHash.Of(setup.Seed, DemoHash.Of(hh.Code)) % (ulong)list.Length)];
    }

    private static HouseholdFacts Housing(DemoHousehold hh, double h, double r, bool urban, int year)
    {
        bool walls, frame, roof;
        var u = hh.UPattern;
        if (hh.NonDurable)
        {
            // At least two of the three main parts are of non-durable material.
            if (u < 0.45) walls = frame = roof = false;
            else
            {
                var durable = (int)((u - 0.45) / 0.55 * 3);
                walls = durable == 0;
                frame = durable == 1;
                roof = durable >= 2;
            }
        }
        else
        {
            walls = frame = true;
            roof = u < 0.8; // a sheet roof on an otherwise solid house
        }

        WaterSource water;
        if (hh.UncleanWater) water = WaterSource.Unprotected;
        else if (urban) water = Pick(hh.UWaterType, [0.85, 0.08, 0.02, 0, 0.05], WaterSources);
        else water = Pick(hh.UWaterType, [0.45 - 0.15 * h, 0.35 - 0.25 * h, 0.12 + 0.33 * h, 0.05 + 0.1 * h, 0.03 * (1 - h)], WaterSources);

        LatrineType latrine;
        if (hh.UnhygienicLatrine) latrine = hh.ULatrineType < 0.2 + 0.3 * h ? LatrineType.None : LatrineType.Unhygienic;
        else if (urban) latrine = Pick(hh.ULatrineType, [0.85, 0.15, 0, 0, 0], HygienicLatrines);
        else latrine = Pick(hh.ULatrineType, [0.45 - 0.3 * h, 0.25, 0.15, 0.07 + 0.15 * h, 0.08 + 0.2 * h], HygienicLatrines);

        var telecom = !hh.NoTelecom;
        bool tv = false, radio = false, computer = false, phone = false, loudspeaker = false;
        if (!hh.NoInfo)
        {
            tv = hh.UTv < 0.9 - 0.2 * h;
            phone = telecom && hh.UPhone < Math.Clamp(0.45 + 0.1 * r + 0.05 * (year - 2022) - 0.2 * h, 0.05, 0.97);
            computer = hh.UComputer < Math.Clamp(0.03 + 0.12 * (r - 0.5) + (urban ? 0.1 : 0), 0, 0.6);
            radio = hh.URadio < 0.06;
            loudspeaker = hh.ULoudspeaker < (urban ? 0.15 : 0.6);
            if (!(tv || radio || computer || phone || loudspeaker)) tv = true;
        }
        return new HouseholdFacts
        {
            Hamlet = "", DurableWalls = walls, DurableFrame = frame, DurableRoof = roof, Water = water, Latrine = latrine,
            UsesTelecom = telecom, HasTv = tv, HasRadio = radio, HasComputer = computer, HasInternetPhone = phone, LoudspeakerReach = loudspeaker,
        };
    }

    private static readonly WaterSource[] WaterSources =
        [WaterSource.Piped, WaterSource.DrilledWell, WaterSource.ProtectedWellOrSpring, WaterSource.RainWater, WaterSource.Bottled];
    private static readonly LatrineType[] HygienicLatrines =
        [LatrineType.Septic, LatrineType.SemiSeptic, LatrineType.PourFlush, LatrineType.VentilatedImprovedPit, LatrineType.DoubleVault];

    private static T Pick<T>(double u, ReadOnlySpan<double> weights, T[] values)
    {
        var total = 0.0;
        foreach (var w in weights) total += w;
        var x = u * total;
        for (var k = 0; k < weights.Length; k++)
        {
            x -= weights[k];
            if (x < 0) return values[k];
        }
        return values[^1];
    }

    // ---------------------------------------------------------------- members

    private static MemberFacts Member(DemoPerson p, DemoPerson head, DemoHousehold hh, double h, double r, bool poor, int year, DateOnly review)
    {
        var age = p.AgeAt(review);
        var inSchool = age >= 3 && (age < 6 ? p.Preschool : age < p.SchoolLeaveAge);
        var disabled = age >= p.DisabilityOnsetAge;
        var severe = disabled && p.SevereDisability;
        var minorityInHardship = p.Ethnic != DemoNames.Kinh && h >= 0.5;
        // Uninsured people cluster in households that skip voluntary insurance; children under 6, pupils,
        // the very old, the poor and ethnic minorities in difficult communes are covered by the state.
        var skipsInsurance = hh.UUninsured < Math.Max(0.03, 0.10 - 0.01 * (year - 2022)) && !poor && !minorityInHardship;
        var uninsured = age >= 6 && !inSchool && age < 80 && p.InsuranceU < (skipsInsurance ? 0.75 : 0.015);
        var noPension = p.PensionU >= 0.25;
        bool? malnourished = null;
        if (age < 16)
        {
            var pm = (age < 5 ? 0.04 + 0.2 * h : 0.01 + 0.06 * h) * (poor ? 1.5 : 1);
            malnourished = DemoHash.Unit(DemoHash.Of(p.Seed, (ulong)year, 2)) < pm;
        }
        return new MemberFacts
        {
            FullName = p.FullName, Sex = p.Sex, DateOfBirth = p.DateOfBirth, Relation = RelationOf(p, head),
            CitizenId = p.CitizenId is not null && age >= p.IdFromAge ? p.CitizenId : null,
            EthnicCode = p.Ethnic.Code,
            Education = age >= 6 ? EducationAt(p.EducationTarget, age) : null,
            InSchool = inSchool,
            HealthInsurance = !uninsured,
            Employment = EmploymentOf(p, age, inSchool, severe, h, r, year, review),
            Disability = disabled,
            Meritorious = p.Meritorious && age >= 1,
            SocialProtection = severe || (age >= 80 && noPension) || (age >= 75 && poor && noPension),
            Malnourished = malnourished,
        };
    }

    private static Education EducationAt(Education target, int age)
    {
        var e = Education.None;
        if (age >= 11 && target >= Education.Primary) e = Education.Primary;
        if (age >= 15 && target >= Education.LowerSecondary) e = Education.LowerSecondary;
        if (age >= 18 && target >= Education.UpperSecondary) e = Education.UpperSecondary;
        if (age >= 20 && target >= Education.Vocational) e = Education.Vocational;
        if (age >= 21 && target >= Education.College) e = Education.College;
        if (age >= 22 && target >= Education.University) e = Education.University;
        return e;
    }

    /// Null: a pupil or student of working age (the cell stays empty).
    private static Employment? EmploymentOf(DemoPerson p, int age, bool inSchool, bool severe, double h, double r, int year, DateOnly review)
    {
        if (age < 15) return Employment.NotWorkingAge;
        if (p.AgeMonthsAt(review) >= RetirementAge.Months(p.Sex, year)) return severe ? Employment.NoWorkingCapacity : Employment.NotWorkingAge;
        if (inSchool) return null;
        if (severe) return Employment.NoWorkingCapacity;
        var u = 0.8 * p.EmploymentU + 0.2 * DemoHash.Unit(DemoHash.Of(p.Seed, (ulong)year, 1));
        if (u > 0.98) return Employment.Unemployed;
        return u < DemoMath.Logistic(-1.8 - 1.2 * r + 2.2 * h) ? Employment.Unstable : Employment.Stable;
    }

    /// Relation to the head from generations and parent/spouse links, so it stays right when the
    /// head changes (the widow or an adult child takes over).
    internal static Relation RelationOf(DemoPerson p, DemoPerson head)
    {
        if (p == head) return Relation.Head;
        if (p.Spouse == head || head.Spouse == p) return Relation.Spouse;
        var d = p.Generation - head.Generation;
        switch (d)
        {
            case 0:
                return p.Parent is { } pp && head.Parent is { } hp && (pp == hp || pp == hp.Spouse || pp.Spouse == hp)
                    ? Relation.Sibling : Relation.Other;
            case 1:
                if (IsChildOf(p, head)) return Relation.Child;
                if (p.Spouse is { } s && IsChildOf(s, head)) return Relation.Other; // son- or daughter-in-law
                return p.Parent is { } parent && parent.Generation == head.Generation ? Relation.Grandchild : Relation.Other; // nephew, niece: cháu
            case >= 2:
                return Relation.Grandchild;
            case -1:
                // Parents and parents-in-law (the survey's "Cha/mẹ" covers both here).
                return IsChildOf(head, p) || (head.Spouse is { } hs && IsChildOf(hs, p)) ? Relation.Parent : Relation.Other;
            default:
                return Relation.Grandparent;
        }
    }

    private static bool IsChildOf(DemoPerson p, DemoPerson of) =>
        p.Parent is { } parent && (parent == of || parent == of.Spouse || parent.Spouse == of);
}
