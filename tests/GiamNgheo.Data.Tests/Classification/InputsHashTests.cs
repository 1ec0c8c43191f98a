using System.Reflection;
using GiamNgheo.Data.Classification;
using GiamNgheo.Domain.Classification;
using GiamNgheo.Domain.Households;
using GiamNgheo.Domain.Units;
using static GiamNgheo.Data.Tests.Households.Sample;
using GiamNgheo.Files.Json;

namespace GiamNgheo.Data.Tests.Classification;

/// `classify` skips a household whose inputs hash is unchanged, so every input must move the hash. The fields are
/// found by reflection: a field added to the snapshot (a Phiếu B item, say) but not to InputsHash fails here.
public sealed class InputsHashTests
{
    private static readonly byte[] Standard = [1, 2, 3];

    private static HouseholdSnapshot Base() => new(
        Facts() with { Address = "Số 1", Phone = "0912345678", Area = Area.Rural, HasTv = false, HasRadio = true, HasComputer = false, LoudspeakerReach = true },
        Area.Urban,
        [Person("Nguyễn Văn An", 1980, Relation.Head, citizenId: "024080000001") with
            { InSchool = false, Disability = false, Meritorious = false, SocialProtection = false, Malnourished = false }],
        new DateOnly(2024, 9, 1));

    /// Another value of the same type: a different non-null value, and null where the type allows it.
    private static IEnumerable<object?> Others(Type type, object? value)
    {
        var inner = Nullable.GetUnderlyingType(type) ?? type;
        if (value is not null && (!type.IsValueType || Nullable.GetUnderlyingType(type) is not null)) yield return null;
        if (inner == typeof(string)) yield return (string?)value + "x";
        else if (inner == typeof(bool)) yield return value is not true;
        else if (inner == typeof(decimal)) yield return (decimal?)value + 1 ?? 1m;
        else if (inner == typeof(DateOnly)) yield return ((DateOnly?)value ?? new DateOnly(2000, 1, 1)).AddDays(1);
        else if (inner.IsEnum) yield return Enum.GetValues(inner).Cast<object>().First(v => !v.Equals(value));
        else throw new InvalidOperationException($"{type.Name}: a new kind of input; write it in InputsHash and teach this test to vary it.");
    }

    private static IEnumerable<PropertyInfo> Inputs(Type t) =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.Name != "EqualityContract");

    [Fact]
    public void EveryHouseholdFact_ChangesTheHash()
    {
        var hash = new InputsHash(Standard);
        var original = hash.Of(Base());
        var checkedFields = 0;
        foreach (var p in Inputs(typeof(HouseholdFacts)))
            foreach (var other in Others(p.PropertyType, p.GetValue(Base().Facts)))
            {
                var facts = Base().Facts with { };
                p.SetValue(facts, other);
                Assert.True(original != hash.Of(Base() with { Facts = facts }), $"HouseholdFacts.{p.Name} = {other ?? "null"} leaves the hash unchanged");
                checkedFields++;
            }
        Assert.True(checkedFields >= 17);
    }

    [Fact]
    public void EveryMemberFact_TheMemberCount_AndTheSnapshotsOwnFields_ChangeTheHash()
    {
        var hash = new InputsHash(Standard);
        var original = hash.Of(Base());
        foreach (var p in Inputs(typeof(MemberFacts)))
            foreach (var other in Others(p.PropertyType, p.GetValue(Base().Members[0])))
            {
                var member = Base().Members[0] with { };
                p.SetValue(member, other);
                Assert.True(original != hash.Of(Base() with { Members = [member] }), $"MemberFacts.{p.Name} = {other ?? "null"} leaves the hash unchanged");
            }
        foreach (var p in Inputs(typeof(HouseholdSnapshot))
                     .Where(p => p.Name is not (nameof(HouseholdSnapshot.Facts) or nameof(HouseholdSnapshot.Members) or nameof(HouseholdSnapshot.ProxyMeans))))
            foreach (var other in Others(p.PropertyType, p.GetValue(Base())))
            {
                var snapshot = Base() with { };
                p.SetValue(snapshot, other);
                Assert.True(original != hash.Of(snapshot), $"HouseholdSnapshot.{p.Name} leaves the hash unchanged");
            }
        Assert.NotEqual(original, hash.Of(Base() with { Members = [.. Base().Members, Base().Members[0]] }));
        Assert.NotEqual(original, new InputsHash([1, 2, 4]).Of(Base()));
    }

    /// Under a Phiếu B card the card, the region and every answer decide the estimated income.
    [Fact]
    public void ThePhieuBCard_ItsRegion_AndEachAnswer_ChangeTheHash()
    {
        using var reader = new StreamReader(GiamNgheo.Data.ReferenceData.Open("scorecards/example-2022.json"));
        var card = ScorecardFile.Read(reader.ReadToEnd()).Card!;
        var answers = new Dictionary<string, string> { ["B10"] = "1", ["B11"] = "0" };
        var hash = new InputsHash(Standard);
        var withCard = Base() with { ProxyMeans = new(card, ScorecardFile.Key(card), "rural-1", answers) };
        var original = hash.Of(withCard);

        Assert.NotEqual(hash.Of(Base()), original);
        Assert.NotEqual(original, hash.Of(Base() with { ProxyMeans = new(card, ScorecardFile.Key(card), "rural-2", answers) }));
        Assert.NotEqual(original, hash.Of(Base() with { ProxyMeans = new(card, ScorecardFile.Key(card), "rural-1", new Dictionary<string, string>(answers) { ["B11"] = "1" }) }));
        Assert.NotEqual(original, hash.Of(Base() with { ProxyMeans = new(card, ScorecardFile.Key(card), "rural-1", new Dictionary<string, string> { ["B10"] = "1" }) }));
        Assert.NotEqual(original, hash.Of(Base() with { ProxyMeans = new(card with { Version = "khac" }, ScorecardFile.Key(card with { Version = "khac" }), "rural-1", answers) }));
        // The same answers given in another order are the same input.
        Assert.Equal(original, hash.Of(Base() with { ProxyMeans = new(card, ScorecardFile.Key(card), "rural-1", new Dictionary<string, string> { ["B11"] = "0", ["B10"] = "1" }) }));
    }

    [Fact]
    public void SameInputs_SameHash_AcrossInstances()
    {
        Assert.Equal(new InputsHash(Standard).Of(Base()), new InputsHash(Standard).Of(Base()));
        // Text boundaries count: moving a character from the address to the phone is a change.
        var a = Base() with { Facts = Base().Facts with { Address = "ab", Phone = "c" } };
        var b = Base() with { Facts = Base().Facts with { Address = "a", Phone = "bc" } };
        Assert.NotEqual(new InputsHash(Standard).Of(a), new InputsHash(Standard).Of(b));
    }
}

/// The hash of stored results must survive the field-list refactor: a database classified before it is not rewritten
/// after it. The expected value was computed by the hand-written InputsHash of version 61744a5.
public sealed class InputsHashStabilityTests
{
    [Fact]
    public void AFixedHousehold_HashesAsBeforeTheFieldList()
    {
        var s = new HouseholdSnapshot(
            new HouseholdFacts
            {
                Hamlet = "Thôn 1", Address = "Số 1", Phone = "0912345678", Area = Area.Rural, Income12Months = 36_000_000m, HousingAreaM2 = 45.5m,
                DurableWalls = true, DurableFrame = false, DurableRoof = null, Water = WaterSource.DrilledWell, Latrine = LatrineType.PourFlush,
                UsesTelecom = true, HasTv = false, HasRadio = true, HasComputer = null, HasInternetPhone = true, LoudspeakerReach = false,
            },
            Area.Urban,
            [
                new MemberFacts { FullName = "Nguyễn Văn An", Sex = Sex.Male, DateOfBirth = new DateOnly(1980, 3, 15), Relation = Relation.Head, CitizenId = "024080000001",
                    EthnicCode = "01", Education = Education.UpperSecondary, InSchool = false, HealthInsurance = true, Employment = Employment.Unstable,
                    Disability = false, Meritorious = null, SocialProtection = false, Malnourished = null },
                new MemberFacts { FullName = "Trần Thị Bình", Sex = Sex.Female, DateOfBirth = new DateOnly(2019, 7, 2), Relation = Relation.Child,
                    EthnicCode = "02", InSchool = true, Malnourished = true },
            ],
            new DateOnly(2024, 9, 1));
        Assert.Equal("8BE78EE68C8E36E2A7EBC07FCE928591", new InputsHash([1, 2, 3]).Of(s));
    }
}
