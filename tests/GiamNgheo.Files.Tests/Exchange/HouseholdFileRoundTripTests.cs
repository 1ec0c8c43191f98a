using FsCheck.Xunit;
using GiamNgheo.Domain.Households;
using GiamNgheo.Domain.Units;
using GiamNgheo.Files.Exchange;

namespace GiamNgheo.Domain.Tests.Households;

/// Export writes what import reads: ToCells is the inverse of the parser for every valid household.
public sealed class HouseholdFileRoundTripTests
{
    /// Names are letters only (a digit in a name is refused).
    private static readonly string[] Ordinals = ["Một", "Hai", "Ba", "Bốn", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười", "Đông", "Tây", "Nam", "Bắc"];

    private static T Pick<T>(Random r, IReadOnlyList<(T Value, string Label)> items) => items[r.Next(items.Count)].Value;

    private static (HouseholdFacts, List<MemberFacts>) RandomHousehold(int seed)
    {
        var r = new Random(seed);
        bool? MaybeBool() => r.Next(3) switch { 0 => null, 1 => true, _ => false };
        var facts = new HouseholdFacts
        {
            Hamlet = "Thôn " + r.Next(1, 30),
            Address = r.Next(2) == 0 ? null : $"Số {r.Next(1, 200)}, đường Lê Lợi",
            Phone = r.Next(2) == 0 ? null : "09" + r.Next(10_000_000, 99_999_999),
            Area = r.Next(3) switch { 0 => null, 1 => Area.Urban, _ => Area.Rural },
            Income12Months = r.Next(2) == 0 ? null : r.Next(0, 500_000) * 1000m,
            HousingAreaM2 = r.Next(2) == 0 ? null : r.Next(0, 4000) / 4m,
            DurableWalls = MaybeBool(), DurableFrame = MaybeBool(), DurableRoof = MaybeBool(),
            Water = r.Next(3) == 0 ? null : Pick(r, Choices.WaterSources.Items),
            Latrine = r.Next(3) == 0 ? null : Pick(r, Choices.Latrines.Items),
            UsesTelecom = MaybeBool(), HasTv = MaybeBool(), HasRadio = MaybeBool(), HasComputer = MaybeBool(),
            HasInternetPhone = MaybeBool(), LoudspeakerReach = MaybeBool(),
        };
        var members = Enumerable.Range(0, r.Next(1, 8)).Select(i =>
        {
            var dob = new DateOnly(1930, 1, 1).AddDays(r.Next(0, 34_000));
            return new MemberFacts
            {
                FullName = $"Người {Ordinals[i]} {Ordinals[(seed & 0x7FFFFFFF) % Ordinals.Length]} {Ordinals[(seed >> 8 & 0x7FFFFFFF) % Ordinals.Length]}",
                Sex = Pick(r, Choices.Sexes.Items), DateOfBirth = dob,
                Relation = i == 0 ? Relation.Head : Pick(r, Choices.Relations.Items.Where(x => x.Value != Relation.Head).ToList()),
                EthnicCode = FileRows.Ethnic.All[r.Next(FileRows.Ethnic.All.Count)].Code,
                Education = r.Next(4) == 0 ? null : Pick(r, Choices.Educations.Items), InSchool = MaybeBool(), HealthInsurance = MaybeBool(),
                Employment = r.Next(4) == 0 ? null : Pick(r, Choices.Employments.Items), Disability = MaybeBool(),
                Meritorious = dob.Year < 2000 ? MaybeBool() : false, SocialProtection = MaybeBool(), Malnourished = MaybeBool(),
            };
        }).Select(m => m with
        {
            CitizenId = m.DateOfBirth.Year >= 2000 ? null : $"024{(m.Sex == Sex.Female ? 1 : 0)}{m.DateOfBirth.Year % 100:D2}{seed & 0xFFFF:D6}",
        }).ToList();
        return (facts, members);
    }

    [Property(MaxTest = 300)]
    public bool ExportedRows_ParseBackToTheSameFacts(int seed)
    {
        var (facts, members) = RandomHousehold(seed);
        var rows = members.Select((m, i) => new RawRow(i + 2, HouseholdFile.ToCells("H-1", "07447", facts, m, i == 0, FileRows.Ethnic))).ToList();
        var block = Assert.Single(FileRows.Parser(2030).Parse(rows));
        Assert.Empty(block.Errors);
        Assert.Equal(facts, block.Facts);
        Assert.Equal(members, block.Members.Select(m => m.Facts));
        return true;
    }
}
