using GiamNgheo.Domain.Households;

namespace GiamNgheo.Demo;

/// Household i of the province and everything that comes out of it (split households), simulated
/// year by year from 2022. Its whole trajectory depends only on (seed, i, its commune, the commune list).
internal sealed partial class DemoFamily
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
}
