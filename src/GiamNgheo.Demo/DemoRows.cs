using System.Globalization;
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

    private static readonly int Count = HouseholdFile.Columns.Count;
    private static readonly int CHousehold = HouseholdFile.IndexOf("household_code");
    private static readonly int CCommune = HouseholdFile.IndexOf("commune_code");
    private static readonly int CHamlet = HouseholdFile.IndexOf("hamlet");
    private static readonly int CAddress = HouseholdFile.IndexOf("address");
    private static readonly int CPhone = HouseholdFile.IndexOf("phone");
    private static readonly int CArea = HouseholdFile.IndexOf("area");
    private static readonly int CIncome = HouseholdFile.IndexOf("income");
    private static readonly int CHousingArea = HouseholdFile.IndexOf("housing_area");
    private static readonly int CWalls = HouseholdFile.IndexOf("durable_walls");
    private static readonly int CFrame = HouseholdFile.IndexOf("durable_frame");
    private static readonly int CRoof = HouseholdFile.IndexOf("durable_roof");
    private static readonly int CWater = HouseholdFile.IndexOf("water");
    private static readonly int CLatrine = HouseholdFile.IndexOf("latrine");
    private static readonly int CTelecom = HouseholdFile.IndexOf("telecom");
    private static readonly int CTv = HouseholdFile.IndexOf("tv");
    private static readonly int CRadio = HouseholdFile.IndexOf("radio");
    private static readonly int CComputer = HouseholdFile.IndexOf("computer");
    private static readonly int CInternetPhone = HouseholdFile.IndexOf("internet_phone");
    private static readonly int CLoudspeaker = HouseholdFile.IndexOf("loudspeaker");
    private static readonly int CName = HouseholdFile.IndexOf("full_name");
    private static readonly int CSex = HouseholdFile.IndexOf("sex");
    private static readonly int CBirth = HouseholdFile.IndexOf("date_of_birth");
    private static readonly int CRelation = HouseholdFile.IndexOf("relation");
    private static readonly int CId = HouseholdFile.IndexOf("citizen_id");
    private static readonly int CEthnic = HouseholdFile.IndexOf("ethnicity");
    private static readonly int CEducation = HouseholdFile.IndexOf("education");
    private static readonly int CInSchool = HouseholdFile.IndexOf("in_school");
    private static readonly int CInsurance = HouseholdFile.IndexOf("health_insurance");
    private static readonly int CEmployment = HouseholdFile.IndexOf("employment");
    private static readonly int CDisability = HouseholdFile.IndexOf("disability");
    private static readonly int CMeritorious = HouseholdFile.IndexOf("meritorious");
    private static readonly int CSocial = HouseholdFile.IndexOf("social_protection");
    private static readonly int CMalnourished = HouseholdFile.IndexOf("malnourished");

    private static readonly string Yes = Choices.YesNo.Label(true);
    private static readonly string No = Choices.YesNo.Label(false);
    private static string YesNo(bool b) => b ? Yes : No;

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

        var first = new string[Count];
        Array.Fill(first, "");
        first[CHousehold] = hh.Code;
        first[CCommune] = communeCode;
        first[CHamlet] = setup.Hamlets[hh.Commune][hh.Hamlet];
        first[CAddress] = hh.Address;
        first[CPhone] = hh.NoTelecom ? "" : hh.Phone;
        first[CArea] = Choices.Areas.Label(urban ? Area.Urban : Area.Rural);
        first[CIncome] = income.ToString("0", CultureInfo.InvariantCulture);
        first[CHousingArea] = hh.AreaM2.ToString(CultureInfo.InvariantCulture);
        HousingCells(first, hh, h, r, urban, year);

        var head = hh.Head;
        yield return MemberCells(first, head, head, hh, h, r, poor, year, review);
        // Head first, then spouse, children, parents, grandparents, grandchildren, siblings, others; older first.
        var others = hh.Members.Where(m => m != head)
            .Select(m => (Member: m, Relation: RelationOf(m, head)))
            .OrderBy(x => x.Relation).ThenBy(x => x.Member.DateOfBirth).ToList();
        foreach (var (m, _) in others)
        {
            var row = new string[Count];
            Array.Fill(row, "");
            row[CHousehold] = hh.Code;
            row[CCommune] = communeCode;
            yield return MemberCells(row, m, head, hh, h, r, poor, year, review);
        }
    }

    private static string Successor(DemoSetup setup, DemoHousehold hh)
    {
        var list = setup.Successors[hh.Commune];
        return list.Length == 1 ? list[0] : list[(int)(DemoHash.Of(setup.Seed, DemoHash.Of(hh.Code)) % (ulong)list.Length)];
    }

    private static void HousingCells(string[] row, DemoHousehold hh, double h, double r, bool urban, int year)
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
        row[CWalls] = YesNo(walls);
        row[CFrame] = YesNo(frame);
        row[CRoof] = YesNo(roof);

        WaterSource water;
        if (hh.UncleanWater) water = WaterSource.Unprotected;
        else if (urban) water = Pick(hh.UWaterType, [0.85, 0.08, 0.02, 0, 0.05], WaterSources);
        else water = Pick(hh.UWaterType, [0.45 - 0.15 * h, 0.35 - 0.25 * h, 0.12 + 0.33 * h, 0.05 + 0.1 * h, 0.03 * (1 - h)], WaterSources);
        row[CWater] = Choices.WaterSources.Label(water);

        LatrineType latrine;
        if (hh.UnhygienicLatrine) latrine = hh.ULatrineType < 0.2 + 0.3 * h ? LatrineType.None : LatrineType.Unhygienic;
        else if (urban) latrine = Pick(hh.ULatrineType, [0.85, 0.15, 0, 0, 0], HygienicLatrines);
        else latrine = Pick(hh.ULatrineType, [0.45 - 0.3 * h, 0.25, 0.15, 0.07 + 0.15 * h, 0.08 + 0.2 * h], HygienicLatrines);
        row[CLatrine] = Choices.Latrines.Label(latrine);

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
        row[CTelecom] = YesNo(telecom);
        row[CTv] = YesNo(tv);
        row[CRadio] = YesNo(radio);
        row[CComputer] = YesNo(computer);
        row[CInternetPhone] = YesNo(phone);
        row[CLoudspeaker] = YesNo(loudspeaker);
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

    private static string[] MemberCells(string[] row, DemoPerson p, DemoPerson head, DemoHousehold hh, double h, double r,
        bool poor, int year, DateOnly review)
    {
        var age = p.AgeAt(review);
        row[CName] = p.FullName;
        row[CSex] = Choices.Sexes.Label(p.Sex);
        row[CBirth] = p.DateOfBirthText;
        row[CRelation] = Choices.Relations.Label(RelationOf(p, head));
        if (p.CitizenId is not null && age >= p.IdFromAge) row[CId] = p.CitizenId;
        row[CEthnic] = p.Ethnic.Code;

        var inSchool = age >= 3 && (age < 6 ? p.Preschool : age < p.SchoolLeaveAge);
        if (age >= 6) row[CEducation] = Choices.Educations.Label(EducationAt(p.EducationTarget, age));
        row[CInSchool] = YesNo(inSchool);

        var disabled = age >= p.DisabilityOnsetAge;
        var severe = disabled && p.SevereDisability;
        var minorityInHardship = p.Ethnic != DemoNames.Kinh && h >= 0.5;
        // Uninsured people cluster in households that skip voluntary insurance; children under 6, pupils,
        // the very old, the poor and ethnic minorities in difficult communes are covered by the state.
        var skipsInsurance = hh.UUninsured < Math.Max(0.03, 0.10 - 0.01 * (year - 2022)) && !poor && !minorityInHardship;
        var uninsured = age >= 6 && !inSchool && age < 80 && p.InsuranceU < (skipsInsurance ? 0.75 : 0.015);
        row[CInsurance] = YesNo(!uninsured);

        row[CEmployment] = EmploymentOf(p, age, inSchool, severe, h, r, year, review) is { } e ? Choices.Employments.Label(e) : "";
        row[CDisability] = YesNo(disabled);
        row[CMeritorious] = YesNo(p.Meritorious && age >= 1);
        var noPension = p.PensionU >= 0.25;
        row[CSocial] = YesNo(severe || (age >= 80 && noPension) || (age >= 75 && poor && noPension));
        if (age < 16)
        {
            var pm = (age < 5 ? 0.04 + 0.2 * h : 0.01 + 0.06 * h) * (poor ? 1.5 : 1);
            row[CMalnourished] = YesNo(DemoHash.Unit(DemoHash.Of(p.Seed, (ulong)year, 2)) < pm);
        }
        return row;
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

    /// Retirement age under the Labour Code 2019 (recalled, not read here): men 60 years 3 months in 2021,
    /// +3 months a year up to 62; women 55 years 4 months in 2021, +4 months a year up to 60.
    private static int RetirementMonths(Sex sex, int year) => sex == Sex.Male
        ? Math.Min(62 * 12, 60 * 12 + 3 + 3 * (year - 2021))
        : Math.Min(60 * 12, 55 * 12 + 4 + 4 * (year - 2021));

    /// Null: a pupil or student of working age (the cell stays empty).
    private static Employment? EmploymentOf(DemoPerson p, int age, bool inSchool, bool severe, double h, double r, int year, DateOnly review)
    {
        if (age < 15) return Employment.NotWorkingAge;
        if (p.AgeMonthsAt(review) >= RetirementMonths(p.Sex, year)) return severe ? Employment.NoWorkingCapacity : Employment.NotWorkingAge;
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
