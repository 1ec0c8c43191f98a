using System.Data.Common;
using System.Text;
using GiamNgheo.Data.Bulk;
using GiamNgheo.Data.Model;
using GiamNgheo.Data.Units;
using GiamNgheo.Domain.Classification;
using GiamNgheo.Domain.Households;
using GiamNgheo.Domain.Units;
using Microsoft.EntityFrameworkCore;

namespace GiamNgheo.Data.Households;

/// Which household-years to read: every one of a unit scope (a commune, a district or a province), or one household.
public sealed record HouseholdSelection(long? UnitId, long? HouseholdId)
{
    public static HouseholdSelection Scope(long unitId) => new(unitId, null);
    public static HouseholdSelection One(long householdId) => new(null, householdId);
}

/// A household-year as the registry holds it. Code, commune code and person ids are read only when asked for (the
/// batch classification of a whole country does not need them); the stored hash and category only under a standard.
public sealed record HouseholdRead(long HouseholdId, long UnitId, HouseholdSnapshot Snapshot)
{
    public string? Code { get; init; }
    public string? CommuneCode { get; init; }
    /// The person of each member, in member order.
    public IReadOnlyList<long>? PersonIds { get; init; }
    public string? StoredHash { get; init; }
    public Category? StoredCategory { get; init; }
}

/// The one place that reads households' facts: households and members of a selection, in household id order, from two
/// ordered reads on two connections merged here (plain data readers: this is the hot path of a national run). The
/// columns and their reading are built from the field list (HouseholdFields), so a new fact is read without a change here.
public static class HouseholdReads
{
    private static readonly FactReader<HouseholdFacts> Households = new(
        FactColumns.HouseholdYear.Select(f => (f, "y." + f.Key)), ["y.area", "y.area_from_unit"]);

    private static readonly FactReader<MemberFacts> Members = new(
        HouseholdFields.Member.All.Select(f => (f, (f.Owner == FactOwner.Person ? "p." : "m.") + f.Key)), []);

    public static async IAsyncEnumerable<HouseholdRead> ReadAsync(IDbContextFactory<RegistryDb> contexts, HouseholdSelection selection, int year,
        bool withCodes = false, bool withPeople = false, string? standardId = null, bool withScorecard = false,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        // For classification, the Phiếu B card of the year and its answers, read before the ordered reads start.
        var proxyMeans = Scorecards.ProxyMeansInputs.None;
        if (withScorecard)
            await using (var db = await contexts.CreateDbContextAsync(ct))
                proxyMeans = await Scorecards.ProxyMeansInputs.LoadAsync(db, year, selection.HouseholdId, ct: ct);
        await using var dbYears = await contexts.CreateDbContextAsync(ct);
        await using var dbMembers = await contexts.CreateDbContextAsync(ct);
        await dbYears.Database.OpenConnectionAsync(ct);
        await dbMembers.Database.OpenConnectionAsync(ct);

        var where = selection.HouseholdId is not null ? "y.household_id = @household" : $"y.unit_id IN {UnitQueries.CommunesUnderSql}";
        var parameters = new List<(string, object?)> { ("@year", year),
            selection.HouseholdId is { } one ? ("@household", one) : ("@unit", selection.UnitId ?? throw new ArgumentException("A selection names a unit or a household.")) };
        var extra = new StringBuilder();
        var joins = new StringBuilder();
        if (withCodes)
        {
            extra.Append(", h.code, u.code");
            joins.Append(" JOIN households h ON h.id = y.household_id JOIN units u ON u.id = y.unit_id");
        }
        if (standardId is not null)
        {
            extra.Append(", r.inputs_hash, r.category");
            joins.Append(" LEFT JOIN classification_results r ON r.household_id = y.household_id AND r.year = y.year AND r.standard_id = @standard");
            parameters.Add(("@standard", standardId));
        }
        await using var yearsCmd = Sql.Command(dbYears, $"""
            SELECT y.household_id, y.unit_id, {Households.Columns}{extra}
            FROM household_years y{joins}
            WHERE y.year = @year AND {where} ORDER BY y.household_id
            """, [.. parameters]);
        await using var membersCmd = Sql.Command(dbMembers, $"""
            SELECT m.household_id, m.person_id, {Members.Columns}
            FROM memberships m JOIN people p ON p.id = m.person_id
            WHERE m.year = @year AND m.household_id IN (SELECT y.household_id FROM household_years y WHERE y.year = @year AND {where})
            ORDER BY m.household_id, m.position
            """, [.. parameters]);
        await using var years = await yearsCmd.ExecuteReaderAsync(ct);
        await using var members = await membersCmd.ExecuteReaderAsync(ct);
        var hasMember = await members.ReadAsync(ct);
        var reviewDate = UnitEras.ReviewDate(year);
        var next = 2 + Households.Width;
        while (await years.ReadAsync(ct))
        {
            var householdId = years.GetInt64(0);
            var list = new List<MemberFacts>();
            var people = withPeople ? new List<long>() : null;
            while (hasMember && members.GetInt64(0) < householdId) hasMember = await members.ReadAsync(ct);
            while (hasMember && members.GetInt64(0) == householdId)
            {
                list.Add(Members.Read(members, 2, out _));
                people?.Add(members.GetInt64(1));
                hasMember = await members.ReadAsync(ct);
            }
            var facts = Households.Read(years, 2, out var areaCodes);
            var area = (Area)areaCodes[0]!.Value;
            // The Area fact is what the household stated: nothing when the commune's area applies.
            FactColumns.AreaFact.SetCode(facts, areaCodes.Bool(1) == true ? null : (int)area);
            var unitId = years.GetInt64(1);
            var snapshot = proxyMeans.Attach(householdId, unitId, new HouseholdSnapshot(facts, area, list, reviewDate));
            var at = next;
            yield return new HouseholdRead(householdId, unitId, snapshot)
            {
                Code = withCodes ? years.GetString(at++) : null,
                CommuneCode = withCodes ? years.GetString(at++) : null,
                PersonIds = people,
                StoredHash = standardId is null ? null : Text(years, at++),
                StoredCategory = standardId is null || years.IsDBNull(at) ? null : (Category)years.GetInt32(at),
            };
        }
    }

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}

/// Reads one record's facts from a data reader with the columns of its declared facts: text, money, measures and dates
/// one column each; the codes (yes/no and list values) packed into one integer, 4 bits each (0 = null, else value + 1),
/// since a data reader pays more per column than SQL pays to pack them (measured on SQLite at 100k households: the
/// members read took half the time with 6 columns instead of 15). Extra codes (columns that are not facts) come first.
internal sealed class FactReader<T> where T : class
{
    private readonly (Fact<T> Fact, string Column)[] _plain;
    private readonly Fact<T>[] _codes;
    private readonly int _extra;

    public FactReader(IEnumerable<(Fact<T> Fact, string Column)> facts, IReadOnlyList<string> extraCodes)
    {
        var all = facts.ToList();
        _plain = all.Where(x => x.Fact.Storage != FactStorage.Code).ToArray();
        var codes = all.Where(x => x.Fact.Storage == FactStorage.Code).ToList();
        _codes = codes.Select(x => x.Fact).ToArray();
        _extra = extraCodes.Count;
        var packed = extraCodes.Concat(codes.Select(x => x.Column)).ToList();
        if (packed.Count > 16) throw new InvalidOperationException($"{typeof(T).Name}: {packed.Count} codes do not pack into one 64-bit column.");
        Columns = string.Join(", ", _plain.Select(x => x.Column).Append(
            string.Join(" | ", packed.Select((c, i) => $"(CAST(coalesce(CAST({c} AS integer) + 1, 0) AS bigint) << {4 * i})"))));
    }

    /// The select list: one column per plain fact, then the packed codes.
    public string Columns { get; }
    public int Width => _plain.Length + 1;

    public T Read(DbDataReader r, int at, out PackedCodes extras)
    {
        var facts = FactList<T>.New();
        for (var i = 0; i < _plain.Length; i++)
        {
            var (fact, _) = _plain[i];
            var o = at + i;
            var isNull = r.IsDBNull(o);
            switch (fact.Storage)
            {
                case FactStorage.Text: fact.SetText(facts, isNull ? null : r.GetString(o)); break;
                case FactStorage.Money: fact.SetNumber(facts, isNull ? null : r.GetInt64(o)); break;
                case FactStorage.Measure: fact.SetNumber(facts, isNull ? null : (decimal)r.GetDouble(o)); break;
                case FactStorage.Date: fact.SetDate(facts, r.GetFieldValue<DateOnly>(o)); break;
            }
        }
        var codes = new PackedCodes(r.GetInt64(at + _plain.Length));
        for (var j = 0; j < _codes.Length; j++) _codes[j].SetCode(facts, codes[_extra + j]);
        extras = codes;
        return facts;
    }
}

internal readonly record struct PackedCodes(long Packed)
{
    public int? this[int i] => (int)(Packed >> (4 * i) & 15) is var v && v > 0 ? v - 1 : null;
    public bool? Bool(int i) => this[i] is { } v ? v != 0 : null;
}
