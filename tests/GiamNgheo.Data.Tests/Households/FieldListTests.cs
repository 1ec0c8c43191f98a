using System.Reflection;
using GiamNgheo.Data.Households;
using GiamNgheo.Data.Model;
using GiamNgheo.Domain.Households;
using GiamNgheo.Domain.Units;
using GiamNgheo.Files.Exchange;
using Microsoft.EntityFrameworkCore;
using static GiamNgheo.Data.Tests.Households.Sample;

namespace GiamNgheo.Data.Tests.Households;

/// The facts of a household and of its members are declared once (HouseholdFields); everything that carries them is
/// built from that list. These tests fail when a fact is missing anywhere: from the list, the file's columns, the
/// database's columns, or the path a fact travels (file → staging → merge → batch read).
public abstract class FieldListTests(DatabaseKind kind)
{
    private static readonly DateTime Now = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);

    private static IEnumerable<PropertyInfo> Properties(Type t) =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.Name != "EqualityContract");

    [Fact]
    public void EveryFactOfTheRecords_IsDeclaredOnce_AndHasAColumnInTheFile()
    {
        Assert.Equal(Properties(typeof(HouseholdFacts)).Select(p => p.Name).Order(), HouseholdFields.Household.All.Select(f => f.Name).Order());
        Assert.Equal(Properties(typeof(MemberFacts)).Select(p => p.Name).Order(), HouseholdFields.Member.All.Select(f => f.Name).Order());
        var keys = HouseholdFile.Columns.Select(c => c.Key).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.All(HouseholdFields.Household.All, f => Assert.Contains(f.Key, keys));
        Assert.All(HouseholdFields.Member.All, f => Assert.Contains(f.Key, keys));
        Assert.Equal(2 + HouseholdFields.Household.All.Count + HouseholdFields.Member.All.Count, keys.Count);
    }

    [Fact]
    public async Task EveryFact_IsAColumnOfItsTable_WithItsTypeLengthAndNullability()
    {
        await using var db = (await TestDatabases.WithUnitsAsync(kind)).Db();
        var tables = new Dictionary<FactOwner, Type> { [FactOwner.HouseholdYear] = typeof(HouseholdYear), [FactOwner.Person] = typeof(Person), [FactOwner.Membership] = typeof(Membership) };
        void Check<T>(Fact<T> f) where T : class
        {
            if (f.Name == nameof(HouseholdFacts.Area)) return; // kept as the area that applies + area_from_unit (HouseholdYear)
            var entity = db.Model.FindEntityType(tables[f.Owner])!;
            var p = entity.FindProperty(f.Name);
            Assert.True(p is not null, $"{f.Name} has no column in {entity.GetTableName()}");
            Assert.Equal(f.Key, p!.GetColumnName());
            Assert.Equal(f.StoredType, p.ClrType);
            Assert.Equal(f.MaxLength, p.GetMaxLength());
            Assert.Equal(!f.Required || (f.StoredType.IsValueType && Nullable.GetUnderlyingType(f.StoredType) is not null), p.IsNullable);
        }
        foreach (var f in HouseholdFields.Household.All) Check(f);
        foreach (var f in HouseholdFields.Member.All) Check(f);
    }

    /// Another valid value of a fact, or null where the fact allows it: one household per value, so that a fact left out
    /// of the staging columns, the merge or the batch read comes back different.
    private static IEnumerable<object?> Others(string key, Type type, object? value)
    {
        var inner = Nullable.GetUnderlyingType(type) ?? type;
        if (value is not null && (!type.IsValueType || Nullable.GetUnderlyingType(type) is not null) && key is not ("hamlet" or "full_name" or "ethnic_code"))
            yield return null;
        switch (key)
        {
            case "hamlet": yield return "Thôn Khác"; break;
            case "address": yield return "Số 2, ngõ 3"; break;
            case "phone": yield return "02043123456"; break;
            case "full_name": yield return "Lê Thị Khác"; break;
            case "ethnic_code": yield return "07"; break;
            case "citizen_id": yield return "024183000777"; break; // the spouse: female, born 1983
            case "date_of_birth": yield return new DateOnly(1984, 2, 29); break;
            default:
                if (inner == typeof(bool)) yield return value is not true;
                else if (inner == typeof(decimal)) yield return key == "housing_area_m2" ? 37.25m : 12_345_000m;
                else if (inner.IsEnum)
                    foreach (var v in Enum.GetValues(inner).Cast<object>().Where(v => !v.Equals(value) && !(key == "relation" && v.Equals(Relation.Head))
                                 && !(key == "sex" && v.Equals(Sex.Male))))
                        yield return v;
                else throw new InvalidOperationException($"{key}: a new kind of fact; teach this test to vary it.");
                break;
        }
    }

    [Fact]
    public async Task EveryFact_ComesBackAsImported_ThroughStagingMergeAndTheBatchRead()
    {
        var target = await TestDatabases.WithUnitsAsync(kind);
        await using var db = target.Db();
        var baseline = Family("07444-00000");
        baseline = baseline with
        {
            Facts = baseline.Facts with { Address = "Số 1", Phone = "0912345678", Area = Area.Rural, HasTv = true, HasRadio = false, HasComputer = true, LoudspeakerReach = false },
            Members = [baseline.Members[0], baseline.Members[1] with { InSchool = false, Disability = false, Meritorious = false, SocialProtection = false, Malnourished = false }, baseline.Members[2]],
        };
        var households = new List<H> { baseline };
        foreach (var p in Properties(typeof(HouseholdFacts)))
            foreach (var other in Others(HouseholdFields.Household.Named(p.Name).Key, p.PropertyType, p.GetValue(baseline.Facts)))
            {
                var facts = baseline.Facts with { };
                p.SetValue(facts, other);
                households.Add(baseline with { Code = $"07444-{households.Count:D5}", Facts = facts });
            }
        foreach (var p in Properties(typeof(MemberFacts)))
            foreach (var other in Others(HouseholdFields.Member.Named(p.Name).Key, p.PropertyType, p.GetValue(baseline.Members[1])))
            {
                var spouse = baseline.Members[1] with { };
                p.SetValue(spouse, other);
                households.Add(baseline with { Code = $"07444-{households.Count:D5}", Members = [baseline.Members[0], spouse, baseline.Members[2]] });
            }
        // Each variation is its own household: the heads' citizen IDs must not repeat.
        households = households.Select((h, i) => h with { Members = [h.Members[0] with { CitizenId = $"024080{i:D6}" }, .. h.Members[1..]] }).ToList();
        var report = await Imports.Import(db, Rows([.. households]));
        Assert.True(report.Applied, string.Join("; ", report.Errors.Take(5)));
        Assert.True(households.Count > 60, $"only {households.Count} variations");

        var lucNam = (await GiamNgheo.Data.Units.UnitQueries.ByCodeAsync(db, "218", new DateOnly(2024, 9, 1)))!;
        var read = new Dictionary<string, HouseholdRead>();
        await foreach (var h in HouseholdReads.ReadAsync(target.Contexts(), HouseholdSelection.Scope(lucNam.Id), 2024, withCodes: true)) read[h.Code!] = h;
        foreach (var h in households)
        {
            Assert.Equal(h.Facts, read[h.Code].Snapshot.Facts);
            Assert.Equal(h.Members, read[h.Code].Snapshot.Members);
        }
    }
}

public sealed class SqliteFieldListTests() : FieldListTests(DatabaseKind.Sqlite);
public sealed class PostgresFieldListTests() : FieldListTests(DatabaseKind.Postgres);
