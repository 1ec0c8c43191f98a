using GiamNgheo.Domain.Households;
using GiamNgheo.Domain.Units;

namespace GiamNgheo.Demo;

/// A synthetic person. Identity (name, sex, birth date, ID, ethnicity) never changes; the yearly
/// situation (education, school, insurance, work …) is derived from stable traits and the year.
internal sealed class DemoPerson
{
    public required string FamilyName { get; init; }
    public required string FullName { get; init; }
    public required Sex Sex { get; init; }
    public required DateOnly DateOfBirth { get; init; }
    public required DemoNames.Group Ethnic { get; init; }
    /// Generation relative to the family's founding head (0): parents −1, children +1 …; relations are
    /// computed from generations and parent/spouse links against whoever is head in a given year.
    public required int Generation { get; init; }
    public DemoPerson? Parent { get; init; }
    public DemoPerson? Spouse { get; set; }
    /// The household the person lives in; null once dead or gone.
    public DemoHousehold? Home { get; set; }
    public required ulong Seed { get; init; }
    public string? CitizenId { get; init; }
    /// The ID is shown from this age on (int.MaxValue: never registered in the demo).
    public int IdFromAge { get; init; }
    public Education EducationTarget { get; init; }
    /// Age (in years on the review date) at which the person stops attending school.
    public int SchoolLeaveAge { get; init; }
    public bool Preschool { get; init; }
    public int DisabilityOnsetAge { get; init; } = int.MaxValue;
    public bool SevereDisability { get; init; }
    public bool Meritorious { get; init; }
    public double InsuranceU { get; init; }
    public double EmploymentU { get; init; }
    public double PensionU { get; init; }

    public int AgeAt(DateOnly date)
    {
        var age = date.Year - DateOfBirth.Year;
        if (date < DateOfBirth.AddYears(age)) age--;
        return age;
    }

    public int AgeMonthsAt(DateOnly date) =>
        (date.Year - DateOfBirth.Year) * 12 + date.Month - DateOfBirth.Month - (date.Day < DateOfBirth.Day ? 1 : 0);
}

/// A synthetic household with its current state (the state of the last simulated review year).
internal sealed class DemoHousehold
{
    public required string Code { get; init; }
    public required ulong Seed { get; init; }
    public int Commune { get; set; }
    public int Hamlet { get; set; }
    public List<DemoPerson> Members { get; } = [];
    public DemoPerson Head { get; set; } = null!;
    public bool Alive { get; set; } = true;
    public string Phone { get; set; } = "";
    public string Address { get; set; } = "";

    /// Log of (income per person per month / poverty line), permanent part; grows each year.
    public double Level { get; set; }
    /// Transitory income component, AR(1), standard normal.
    public double Eps { get; set; }
    /// Household living-standard factor shared by the housing facts (correlates the deprivations).
    public double Standard { get; set; }

    public double UDurable { get; set; }
    public double UWater { get; set; }
    public double ULatrine { get; set; }
    public double UTelecom { get; set; }
    public double UInfo { get; set; }
    public double UPattern { get; set; }
    public double UWaterType { get; set; }
    public double ULatrineType { get; set; }
    public double UTv { get; set; }
    public double UPhone { get; set; }
    public double UComputer { get; set; }
    public double URadio { get; set; }
    public double ULoudspeaker { get; set; }
    public double UUninsured { get; set; }

    public bool NonDurable { get; set; }
    public bool UncleanWater { get; set; }
    public bool UnhygienicLatrine { get; set; }
    public bool NoTelecom { get; set; }
    public bool NoInfo { get; set; }
    public int AreaM2 { get; set; }
}

/// Household i of the province and everything that comes out of it (split households), simulated
/// year by year from 2022. Its whole trajectory depends only on (seed, i, its commune, the commune list).
internal sealed class DemoFamily
{
    public const int BaseYear = 2022;

    private readonly DemoSetup _setup;
    private readonly int _index;
    private readonly ulong _seed;
    private readonly Dictionary<int, int> _idCounters = [];
    private int _personCounter;

    public List<DemoHousehold> Households { get; } = [];

    public DemoFamily(DemoSetup setup, int index, int commune, int sequence)
    {
        _setup = setup;
        _index = index;
        _seed = DemoHash.Of(setup.Seed, (ulong)index, 0xFA41);
        var code = $"{setup.Communes[commune].Code2024}-{sequence:D5}";
        var hh = new DemoHousehold { Code = code, Seed = DemoHash.Of(_seed, 1), Commune = commune };
        var rng = new DemoRng(DemoHash.Of(hh.Seed, BaseYear));
        BuildBase(hh, rng);
        Households.Add(hh);
    }

    public void SimulateTo(int year)
    {
        for (var y = BaseYear + 1; y <= year; y++)
        {
            var count = Households.Count; // households split off this year start next year
            for (var k = 0; k < count; k++)
                if (Households[k].Alive) Step(Households[k], y);
        }
    }

    // ---------------------------------------------------------------- people

    private DemoPerson NewPerson(DemoRng rng, DemoHousehold hh, string family, DemoNames.Group g, Sex sex, DateOnly dob,
        int generation, DemoPerson? parent, double wealth)
    {
        var seed = DemoHash.Of(_seed, 0x9E0, (ulong)_personCounter++);
        var prng = new DemoRng(seed);
        var h = _setup.Communes[hh.Commune].Hardship;

        // Citizen ID: unique by construction. Within the family, people with the same birth year and sex
        // are counted (c = 0, 1); the key i·2 + c then fills the 6 serial digits through a bijection of
        // 0..999999 chosen per (birth year, sex), so two people can only share the serial when year or sex
        // differ. A third person of the same year and sex in one family (rare) is left without an ID.
        var counterKey = dob.Year * 2 + (sex == Sex.Female ? 1 : 0);
        var c = _idCounters.GetValueOrDefault(counterKey);
        _idCounters[counterKey] = c + 1;
        string? id = null;
        if (c <= 1)
        {
            var key = (long)_index * 2 + c;
            var block = (int)(key / 1_000_000);
            var offset = (long)(DemoHash.Of((ulong)_setup.IdOffset, (ulong)counterKey) % 1_000_000);
            var serial = (key % 1_000_000 * 683_747 + offset) % 1_000_000;
            var province = _setup.IdProvince(block);
            var centurySex = (dob.Year / 100 - 19) * 2 + (sex == Sex.Female ? 1 : 0);
            id = $"{province:D3}{centurySex}{dob.Year % 100:D2}{serial:D6}";
        }
        var idU = prng.NextDouble();
        var idFromAge = id is null || idU < 0.04 ? int.MaxValue : idU < 0.25 ? 0 : 14;

        // Education: cohort, commune hardship, ethnicity and household income.
        var minority = g != DemoNames.Kinh;
        var cohort = Math.Clamp((dob.Year - 1980) / 25.0, -1.6, 1.2);
        var score = prng.Normal() + 0.5 * Math.Clamp(wealth, -1, 2.5) - 1.0 * h * (minority ? 1.25 : 1.0) + cohort;
        var target = score < -2.3 ? Education.None
            : score < -1.5 ? Education.Primary
            : score < -0.4 ? Education.LowerSecondary
            : score < 0.5 ? Education.UpperSecondary
            : score < 0.9 ? Education.Vocational
            : score < 1.2 ? Education.College
            : Education.University;
        var leave = target switch
        {
            Education.None => prng.Between(8, 10),
            Education.Primary => 11,
            Education.LowerSecondary => 16,
            Education.UpperSecondary => 18,
            Education.Vocational => 20,
            Education.College => 21,
            _ => 22,
        };

        var disabled = prng.Chance(0.06);
        var onset = !disabled ? int.MaxValue : prng.Chance(0.3) ? 0 : prng.Between(20, 85);
        var severe = disabled && prng.Chance(0.35);
        var meritorious = dob.Year <= 1962 ? prng.Chance(0.06) : dob.Year <= 1975 && prng.Chance(0.01);

        // Two members of one household with the same full name would confuse the surveyor: draw again.
        var name = DemoNames.FullName(prng, family, g, sex, dob.Year);
        for (var attempt = 0; attempt < 8 && hh.Members.Exists(m => m.FullName == name); attempt++)
            name = DemoNames.FullName(prng, family, g, sex, dob.Year);
        return new DemoPerson
        {
            FamilyName = family,
            FullName = name,
            Sex = sex,
            DateOfBirth = dob,
            Ethnic = g,
            Generation = generation,
            Parent = parent,
            Seed = seed,
            CitizenId = id,
            IdFromAge = idFromAge,
            EducationTarget = target,
            SchoolLeaveAge = leave,
            Preschool = prng.Chance(0.95 - 0.2 * h),
            DisabilityOnsetAge = onset,
            SevereDisability = severe,
            Meritorious = meritorious,
            InsuranceU = prng.NextDouble(),
            EmploymentU = prng.NextDouble(),
            PensionU = prng.NextDouble(),
            Home = hh,
        };
    }

    private static DateOnly BirthDateForAge(DemoRng rng, int age, DateOnly review) =>
        review.AddYears(-age).AddDays(-rng.Below(365));

    private static DemoNames.Group SpouseGroup(DemoRng rng, DemoNames.Group own, double hardship)
    {
        if (rng.Chance(0.88)) return own;
        return own == DemoNames.Kinh ? DemoNames.PickEthnic(rng, Math.Max(hardship, 0.5)) : DemoNames.Kinh;
    }

    private static DemoPerson Add(DemoHousehold hh, DemoPerson p)
    {
        hh.Members.Add(p);
        p.Home = hh;
        return p;
    }

    private static void Marry(DemoPerson a, DemoPerson b)
    {
        a.Spouse = b;
        b.Spouse = a;
    }

    // ---------------------------------------------------------------- base year

    private void BuildBase(DemoHousehold hh, DemoRng rng)
    {
        var commune = _setup.Communes[hh.Commune];
        var h = commune.Hardship;
        var urban = _setup.Urban[hh.Commune];
        var review = UnitEras.ReviewDate(BaseYear);
        var g = DemoNames.PickEthnic(rng, h);
        var minority = g != DemoNames.Kinh;

        // Income level first: education of the children depends on it.
        hh.Level = 1.18 - 0.55 * h - 0.25 * h * h - (minority ? 0.18 : 0) + (urban ? 0.1 : 0) + 0.45 * rng.Normal();
        hh.Eps = rng.Normal();
        hh.Standard = rng.Normal();
        var wealth = hh.Level;

        hh.Hamlet = rng.Below(_setup.Hamlets[hh.Commune].Length);
        hh.Phone = NewPhone(rng);
        hh.Address = urban ? $"Số {rng.Between(1, 250)} đường {DemoNames.Street(rng)}" : "";

        ReadOnlySpan<double> types =
        [
            0.07 * (1 - 0.5 * h), // 0 single elderly
            0.035,                // 1 single adult
            0.09 * (1 - 0.4 * h), // 2 elderly couple
            0.46,                 // 3 couple with children
            0.06,                 // 4 single parent
            0.12,                 // 5 couple, children and the head's parent(s)
            0.165 * (1 + 0.3 * h), // 6 three generations: head, spouse, married son, grandchildren
        ];
        var type = rng.Weighted(types);
        var family = DemoNames.PickFamily(rng, g);

        DemoPerson NewAdult(int age, Sex sex, int gen, DemoPerson? parent, string fam, DemoNames.Group grp) =>
            Add(hh, NewPerson(rng, hh, fam, grp, sex, BirthDateForAge(rng, age, review), gen, parent, wealth));

        DemoPerson Partner(DemoPerson p)
        {
            var age = p.AgeAt(review);
            var grp = SpouseGroup(rng, p.Ethnic, h);
            var other = p.Sex == Sex.Male ? Sex.Female : Sex.Male;
            var partnerAge = other == Sex.Female ? Math.Max(18, age - rng.Between(-1, 6)) : Math.Max(19, age + rng.Between(-1, 6));
            var partner = NewAdult(Math.Min(partnerAge, 98), other, p.Generation, null, DemoNames.PickFamily(rng, grp), grp);
            Marry(p, partner);
            return partner;
        }

        // Children of a mother of the given age; returns how many were added.
        void Children(DemoPerson? father, DemoPerson mother, int extra, int maxAdultAge)
        {
            var lineage = father ?? mother;
            var motherAge = mother.AgeAt(review);
            ReadOnlySpan<double> counts = [0.08, 0.27, 0.45, 0.15, 0.05];
            var n = rng.Weighted(counts) + extra;
            if (rng.Chance(h)) n += rng.Between(0, 2);
            var age = motherAge - rng.Between(h > 0.5 ? 18 : 20, 27);
            for (var k = 0; k < n && hh.Members.Count < 9; k++)
            {
                if (age < 0) break;
                var stays = age < 18 || (age <= maxAdultAge && rng.Chance(age <= 24 ? 0.75 : age <= 30 ? 0.45 : 0.2));
                if (stays)
                {
                    var sex = rng.Chance(0.53) ? Sex.Male : Sex.Female;
                    NewAdult(age, sex, lineage.Generation + 1, lineage, lineage.FamilyName, lineage.Ethnic);
                }
                age -= rng.Between(2, 5);
            }
        }

        static int Triangular(DemoRng r, int min, int max) => min + (int)((max - min) * (r.NextDouble() + r.NextDouble()) / 2);

        switch (type)
        {
            case 0:
            {
                var sex = rng.Chance(0.7) ? Sex.Female : Sex.Male;
                hh.Head = NewAdult(Triangular(rng, 62, 94), sex, 0, null, family, g);
                break;
            }
            case 1:
                hh.Head = NewAdult(Triangular(rng, 22, 60), rng.Chance(0.6) ? Sex.Male : Sex.Female, 0, null, family, g);
                break;
            case 2:
            {
                hh.Head = NewAdult(Triangular(rng, 60, 90), Sex.Male, 0, null, family, g);
                Partner(hh.Head);
                break;
            }
            case 3:
            {
                var male = rng.Chance(0.85);
                var head = hh.Head = NewAdult(Triangular(rng, 23, 62), male ? Sex.Male : Sex.Female, 0, null, family, g);
                var spouse = Partner(head);
                var (father, mother) = male ? (head, spouse) : (spouse, head);
                Children(father, mother, 0, 35);
                break;
            }
            case 4:
            {
                var head = hh.Head = NewAdult(Triangular(rng, 26, 62), rng.Chance(0.8) ? Sex.Female : Sex.Male, 0, null, family, g);
                if (head.Sex == Sex.Female) Children(null, head, 0, 35);
                else
                {
                    // A widower: the children's mother is not in the household.
                    var ghostGroup = SpouseGroup(rng, g, h);
                    var mother = NewPerson(rng, hh, DemoNames.PickFamily(rng, ghostGroup), ghostGroup, Sex.Female,
                        BirthDateForAge(rng, Math.Max(18, head.AgeAt(review) - 3), review), 0, null, wealth);
                    mother.Home = null;
                    Marry(head, mother);
                    Children(head, mother, 0, 35);
                }
                if (hh.Members.Count == 1) Children(head.Sex == Sex.Male ? head : null, head, 1, 35);
                break;
            }
            case 5:
            {
                var headAge = Triangular(rng, 26, 52);
                var parentAge = headAge + rng.Between(21, 33);
                var bothParents = parentAge < 78 && rng.Chance(0.55);
                var fatherFirst = bothParents || rng.Chance(0.3);
                DemoPerson grandparent;
                if (fatherFirst)
                {
                    grandparent = NewAdult(parentAge, Sex.Male, -1, null, family, g);
                    if (bothParents) Partner(grandparent);
                }
                else grandparent = NewAdult(parentAge - rng.Between(0, 4), Sex.Female, -1, null, DemoNames.PickFamily(rng, g), g);
                var lineFamily = fatherFirst ? family : DemoNames.PickFamily(rng, g);
                var head = hh.Head = NewAdult(headAge, Sex.Male, 0, grandparent, lineFamily, g);
                // Head inserted after the parents; order of rows puts the head first anyway.
                var spouse = Partner(head);
                Children(head, spouse, 0, 30);
                break;
            }
            default:
            {
                var headAge = Triangular(rng, 48, 76);
                var head = hh.Head = NewAdult(headAge, rng.Chance(0.85) ? Sex.Male : Sex.Female, 0, null, family, g);
                DemoPerson father = head, mother;
                if (head.Sex == Sex.Male && rng.Chance(0.85)) mother = Partner(head);
                else if (head.Sex == Sex.Female && rng.Chance(0.6)) { father = Partner(head); mother = head; }
                else mother = head; // widowed head
                var sonAge = Math.Max(20, mother.AgeAt(review) - rng.Between(h > 0.5 ? 18 : 21, 30));
                var son = NewAdult(sonAge, Sex.Male, 1, father, father.FamilyName, father.Ethnic);
                var wife = Partner(son);
                Children(son, wife, 0, 0);
                // A younger unmarried child of the head sometimes still lives there.
                if (hh.Members.Count < 9 && sonAge > 24 && rng.Chance(0.35))
                    NewAdult(rng.Between(16, sonAge - 3), rng.Chance(0.5) ? Sex.Male : Sex.Female, 1, father, father.FamilyName, father.Ethnic);
                break;
            }
        }

        InitHousing(hh, rng, IncomeRatioLog(hh, review));
    }

    private static string NewPhone(DemoRng rng)
    {
        ReadOnlySpan<char> second = ['3', '5', '7', '8', '9'];
        Span<char> digits = stackalloc char[10];
        digits[0] = '0';
        digits[1] = second[rng.Below(second.Length)];
        for (var k = 2; k < 10; k++) digits[k] = (char)('0' + rng.Below(10));
        return new string(digits);
    }

    // ---------------------------------------------------------------- income and housing

    /// log(income per person per month / poverty line) in the year of the review date.
    public static double IncomeRatioLog(DemoHousehold hh, DateOnly review)
    {
        var n = hh.Members.Count;
        var dependants = 0;
        foreach (var m in hh.Members)
        {
            var age = m.AgeAt(review);
            if (age < 15 || age >= 60 || (m.SevereDisability && age >= m.DisabilityOnsetAge)) dependants++;
        }
        var share = n == 0 ? 0 : (double)dependants / n;
        return hh.Level + 0.3 * hh.Eps - 0.6 * (share - 0.35);
    }

    // Probability that a housing/information fact is deprived: logistic in commune hardship h and
    // r = log(income per person / line), plus the household's living-standard factor. Calibrated so that
    // few non-poor lowland households are deprived and most poor mountain households have several.
    private static double P(double a, double b, double c, double h, double r, DemoHousehold hh) =>
        DemoMath.Logistic(a + b * h - c * r - 0.6 * hh.Standard);

    private static double PNonDurable(double h, double r, DemoHousehold hh) => P(-1.2, 1.6, 2.6, h, r, hh);
    private static double PUnclean(double h, double r, DemoHousehold hh) => P(-2.2, 2.4, 2.2, h, r, hh);
    private static double PUnhygienic(double h, double r, DemoHousehold hh) => P(-1.1, 2.4, 2.2, h, r, hh);
    private static double PNoTelecom(double h, double r, DemoHousehold hh) => P(-2.7, 1.5, 2.2, h, r, hh);
    private static double PNoInfo(double h, double r, DemoHousehold hh) => P(-2.7, 1.5, 2.2, h, r, hh);

    private void InitHousing(DemoHousehold hh, DemoRng rng, double r)
    {
        var h = _setup.Communes[hh.Commune].Hardship;
        hh.UDurable = rng.NextDouble();
        hh.UWater = rng.NextDouble();
        hh.ULatrine = rng.NextDouble();
        hh.UTelecom = rng.NextDouble();
        hh.UInfo = 0.5 * hh.UTelecom + 0.5 * rng.NextDouble();
        hh.UPattern = rng.NextDouble();
        hh.UWaterType = rng.NextDouble();
        hh.ULatrineType = rng.NextDouble();
        hh.UTv = rng.NextDouble();
        hh.UPhone = rng.NextDouble();
        hh.UComputer = rng.NextDouble();
        hh.URadio = rng.NextDouble();
        hh.ULoudspeaker = rng.NextDouble();
        hh.UUninsured = rng.NextDouble();
        hh.NonDurable = hh.UDurable < PNonDurable(h, r, hh);
        hh.UncleanWater = hh.UWater < PUnclean(h, r, hh);
        hh.UnhygienicLatrine = hh.ULatrine < PUnhygienic(h, r, hh);
        hh.NoTelecom = hh.UTelecom < PNoTelecom(h, r, hh);
        hh.NoInfo = hh.UInfo < PNoInfo(h, r, hh);
        hh.AreaM2 = NewArea(rng, h, r, Math.Max(hh.Members.Count, 2));
    }

    private static int NewArea(DemoRng rng, double h, double r, int persons)
    {
        var perPerson = 8 * DemoMath.Exp(0.95 + 0.3 * Math.Clamp(r, -1.5, 3) - 0.35 * h + 0.35 * rng.Normal());
        return Math.Clamp((int)Math.Round(perPerson * persons), 8, 600);
    }

    private void UpdateHousing(DemoHousehold hh, DemoRng rng, double r)
    {
        var h = _setup.Communes[hh.Commune].Hardship;
        // Improvements follow income with a lag; rarely a disaster destroys a durable house.
        if (hh.NonDurable && hh.UDurable >= PNonDurable(h, r, hh) && rng.Chance(0.6))
        {
            hh.NonDurable = false;
            hh.AreaM2 = Math.Max(hh.AreaM2, NewArea(rng, h, r, hh.Members.Count));
        }
        else if (!hh.NonDurable && rng.Chance(0.002 + 0.004 * h)) hh.NonDurable = true;
        else if (!hh.NonDurable && r > 1 && rng.Chance(0.03)) hh.AreaM2 = Math.Min(600, (int)Math.Round(hh.AreaM2 * rng.Uniform(1.2, 1.5)));
        if (hh.UncleanWater && hh.UWater >= PUnclean(h, r, hh) && rng.Chance(0.6)) hh.UncleanWater = false;
        if (hh.UnhygienicLatrine && hh.ULatrine >= PUnhygienic(h, r, hh) && rng.Chance(0.6)) hh.UnhygienicLatrine = false;
        if (hh.NoTelecom && hh.UTelecom >= PNoTelecom(h, r, hh) && rng.Chance(0.7)) hh.NoTelecom = false;
        if (hh.NoInfo && hh.UInfo >= PNoInfo(h, r, hh) && rng.Chance(0.7)) hh.NoInfo = false;
    }

    // ---------------------------------------------------------------- one year

    private static double Mortality(int age, double h) => age switch
    {
        0 => 0.008 + 0.012 * h,
        < 15 => 0.0004,
        < 40 => 0.0012,
        >= 110 => 1.0,
        _ => Math.Min(0.6, DemoMath.Exp(-10.3 + 0.092 * age) * (1 + 0.2 * h)),
    };

    private static double Fertility(int age) => age switch
    {
        < 18 => 0,
        < 20 => 0.10,
        < 25 => 0.16,
        < 30 => 0.15,
        < 35 => 0.10,
        < 40 => 0.045,
        < 45 => 0.01,
        _ => 0,
    };

    private static bool IsChildOf(DemoPerson p, DemoPerson of) =>
        p.Parent is { } parent && (parent == of || parent == of.Spouse || parent.Spouse == of);

    private void Step(DemoHousehold hh, int year)
    {
        var rng = new DemoRng(DemoHash.Of(hh.Seed, (ulong)year));
        var previous = UnitEras.ReviewDate(year - 1);
        var review = UnitEras.ReviewDate(year);
        var h = _setup.Communes[hh.Commune].Hardship;

        // Deaths.
        for (var k = hh.Members.Count - 1; k >= 0; k--)
        {
            var m = hh.Members[k];
            if (rng.Chance(Mortality(m.AgeAt(previous), h)))
            {
                hh.Members.RemoveAt(k);
                m.Home = null;
            }
        }

        // Births.
        var mothers = hh.Members.Where(m => m.Sex == Sex.Female && m.Spouse?.Home == hh).ToList();
        foreach (var mother in mothers)
        {
            if (hh.Members.Count >= 9) break;
            var father = mother.Spouse!;
            var children = hh.Members.Count(c => c.Parent == mother || c.Parent == father);
            var parity = children switch { 0 => 1.4, 1 => 1.0, 2 => 0.3 + 0.5 * h, _ => 0.08 + 0.3 * h };
            if (!rng.Chance(Fertility(mother.AgeAt(previous)) * parity)) continue;
            var dob = previous.AddDays(1 + rng.Below(365));
            var sex = rng.Chance(0.53) ? Sex.Male : Sex.Female;
            Add(hh, NewPerson(rng, hh, father.FamilyName, father.Ethnic, sex, dob, mother.Generation + 1, father, hh.Level));
        }

        // Grown children marry, leave, or split off with their own family.
        var splitDone = false;
        var head = hh.Head;
        var grown = hh.Members.Where(m => m != head && m.Generation == head.Generation + 1 && IsChildOf(m, head)).ToList();
        foreach (var c in grown)
        {
            if (c.Home != hh) continue;
            var age = c.AgeAt(previous);
            if (age < 18) continue;
            var canSplit = !splitDone && hh.Code.Length + 6 <= 30;
            if (c.Spouse is null)
            {
                if (age > 38) continue;
                if (age <= 30 && rng.Chance(0.012)) { Leave(hh, c); continue; }
                if (age < 20 || !rng.Chance(c.Sex == Sex.Male ? 0.09 : 0.11)) continue;
                var outcome = rng.NextDouble();
                if (c.Sex == Sex.Female && outcome < 0.65) { Leave(hh, c); continue; }
                var split = c.Sex == Sex.Female || outcome < 0.45 || hh.Members.Count >= 9;
                if (split && !canSplit) continue; // one split a year per household: the wedding waits
                var spouse = NewSpouse(rng, hh, c, review);
                if (split)
                {
                    Split(hh, year, review, [c, spouse], c.Sex == Sex.Male ? c : spouse);
                    splitDone = true;
                }
                else Add(hh, spouse);
            }
            else if (c.Spouse.Home == hh && age >= 22 && canSplit && rng.Chance(0.05))
            {
                var branch = hh.Members.Where(m => m == c || m == c.Spouse || (m.Parent is { } p && (p == c || p == c.Spouse))).ToList();
                Split(hh, year, review, branch, c.Sex == Sex.Male ? c : c.Spouse);
                splitDone = true;
            }
        }

        // A few households move to another commune of the province.
        if (_setup.Communes.Count > 1 && rng.Chance(0.004))
        {
            var other = rng.Below(_setup.Communes.Count - 1);
            hh.Commune = other >= hh.Commune ? other + 1 : other;
            hh.Hamlet = rng.Below(_setup.Hamlets[hh.Commune].Length);
            hh.Address = _setup.Urban[hh.Commune] ? $"Số {rng.Between(1, 250)} đường {DemoNames.Street(rng)}" : "";
        }

        // Income: nominal growth 5–10 %, occasional lasting shocks (illness, crop loss), transitory part AR(1).
        hh.Level += DemoMath.Log(1 + rng.Uniform(0.05, 0.10));
        if (rng.Chance(0.06)) hh.Level -= rng.Uniform(0.1, 0.45);
        hh.Eps = 0.6 * hh.Eps + 0.8 * rng.Normal();

        if (!hh.Members.Contains(hh.Head) && !ChooseHead(hh, review))
        {
            Dissolve(hh);
            return;
        }
        UpdateHousing(hh, rng, IncomeRatioLog(hh, review));
    }

    private static void Leave(DemoHousehold hh, DemoPerson p)
    {
        hh.Members.Remove(p);
        p.Home = null;
    }

    private static void Dissolve(DemoHousehold hh)
    {
        foreach (var m in hh.Members) m.Home = null;
        hh.Members.Clear();
        hh.Alive = false;
    }

    /// The head died: the spouse takes over, else the eldest adult child, else the eldest adult;
    /// a household of children only is dissolved (taken in by relatives).
    private static bool ChooseHead(DemoHousehold hh, DateOnly review)
    {
        var old = hh.Head;
        DemoPerson? next = old.Spouse is { } s && s.Home == hh ? s : null;
        next ??= hh.Members.Where(m => m.Generation > old.Generation && m.AgeAt(review) >= 18)
            .OrderBy(m => m.DateOfBirth).FirstOrDefault();
        next ??= hh.Members.Where(m => m.AgeAt(review) >= 18).OrderBy(m => m.DateOfBirth).FirstOrDefault();
        next ??= hh.Members.Where(m => m.AgeAt(review) >= 16).OrderBy(m => m.DateOfBirth).FirstOrDefault();
        if (next is null) return false;
        hh.Head = next;
        return true;
    }

    private DemoPerson NewSpouse(DemoRng rng, DemoHousehold hh, DemoPerson c, DateOnly review)
    {
        var h = _setup.Communes[hh.Commune].Hardship;
        var grp = SpouseGroup(rng, c.Ethnic, h);
        var age = c.AgeAt(review);
        var sex = c.Sex == Sex.Male ? Sex.Female : Sex.Male;
        var spouseAge = sex == Sex.Female ? Math.Max(18, age - rng.Between(-1, 5)) : Math.Max(20, age + rng.Between(-1, 6));
        var spouse = NewPerson(rng, hh, DemoNames.PickFamily(rng, grp), grp, sex, BirthDateForAge(rng, spouseAge, review),
            c.Generation, null, hh.Level);
        spouse.Home = null;
        Marry(c, spouse);
        return spouse;
    }

    private void Split(DemoHousehold parent, int year, DateOnly review, List<DemoPerson> people, DemoPerson head)
    {
        var hh = new DemoHousehold
        {
            Code = $"{parent.Code}-T{year}",
            Seed = DemoHash.Of(parent.Seed, (ulong)year, 0x5B17),
            Commune = parent.Commune,
        };
        var srng = new DemoRng(DemoHash.Of(hh.Seed, 0));
        var hamlets = _setup.Hamlets[hh.Commune].Length;
        hh.Hamlet = srng.Chance(0.7) ? parent.Hamlet : srng.Below(hamlets);
        hh.Phone = NewPhone(srng);
        hh.Address = _setup.Urban[hh.Commune] ? $"Số {srng.Between(1, 250)} đường {DemoNames.Street(srng)}" : "";
        hh.Level = parent.Level - 0.1 + 0.25 * srng.Normal();
        hh.Eps = 0.5 * parent.Eps + 0.85 * srng.Normal();
        hh.Standard = 0.5 * parent.Standard + 0.85 * srng.Normal();
        foreach (var p in people)
        {
            parent.Members.Remove(p);
            Add(hh, p);
        }
        hh.Head = head;
        InitHousing(hh, srng, IncomeRatioLog(hh, review));
        Households.Add(hh);
    }
}
