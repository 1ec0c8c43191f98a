using GiamNgheo.Domain.Households;
using GiamNgheo.Domain.Units;

namespace GiamNgheo.Demo;

/// One simulated year: deaths, births, marriages, households that split off or move, and the changes of income and housing.
internal sealed partial class DemoFamily
{
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
