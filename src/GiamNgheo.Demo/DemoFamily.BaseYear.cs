using GiamNgheo.Domain.Households;
using GiamNgheo.Domain.Units;

namespace GiamNgheo.Demo;

/// The base year (2022): the household as the simulation first draws it.
internal sealed partial class DemoFamily
{
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
}
