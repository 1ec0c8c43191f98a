using GiamNgheo.Data.Model;
using GiamNgheo.Data.Units;
using GiamNgheo.Domain.Common;
using GiamNgheo.Domain.Households;
using GiamNgheo.Domain.Units;
using Microsoft.EntityFrameworkCore;

namespace GiamNgheo.Data.Households;

/// <param name="StandardId">The standard whose stored result each row carries (and <paramref name="Category"/> filters on).</param>
public sealed record HouseholdFilter(long? UnitId, int Year, string? Hamlet = null, string? Text = null, long? After = null, int PageSize = 50,
    string? StandardId = null, int? Category = null);

/// <param name="Category">The stored category under the filter's standard; null when not classified.</param>
public sealed record HouseholdRow(long Id, string Code, string? HeadName, string Hamlet, string CommuneName, int MemberCount, long? Income12Months, Area Area,
    int? Category = null);

public sealed record HouseholdPage(IReadOnlyList<HouseholdRow> Rows, long? NextAfter);

public sealed record MemberView(long PersonId, int Position, MemberFacts Facts);

public sealed record HouseholdYearView(long HouseholdId, string Code, int Year, UnitView Commune, HouseholdFacts Facts,
    Area Area, IReadOnlyList<MemberView> Members, IReadOnlyList<int> Years);

public static class HouseholdQueries
{
    /// One page of households of a unit scope in a year, ordered by id; the next page starts after the last id
    /// (keyset paging: page 5,000 costs what page 1 costs).
    public static async Task<HouseholdPage> ListAsync(RegistryDb db, HouseholdFilter f, CancellationToken ct = default)
    {
        var q = db.HouseholdYears.AsNoTracking().Where(y => y.Year == f.Year);
        if (f.UnitId is { } unitId) q = q.Where(y => UnitQueries.CommuneIdsUnder(db, unitId).Contains(y.UnitId));
        if (!string.IsNullOrWhiteSpace(f.Hamlet)) q = q.Where(y => y.Hamlet == f.Hamlet);
        if (!string.IsNullOrWhiteSpace(f.Text))
        {
            var t = f.Text.Trim();
            q = q.Where(y => y.Household!.Code.Contains(t) || (y.HeadName != null && y.HeadName.Contains(t)));
        }
        var results = db.ClassificationResults.Where(r => r.Year == f.Year && r.StandardId == f.StandardId);
        if (f.Category is { } category) q = q.Where(y => results.Any(r => r.HouseholdId == y.HouseholdId && r.Category == category));
        if (f.After is { } after) q = q.Where(y => y.HouseholdId > after);
        var rows = await q.OrderBy(y => y.HouseholdId).Take(f.PageSize + 1)
            .Select(y => new HouseholdRow(y.HouseholdId, y.Household!.Code, y.HeadName, y.Hamlet, y.Unit!.Name, y.MemberCount, y.Income12Months, y.Area,
                results.Where(r => r.HouseholdId == y.HouseholdId).Select(r => (int?)r.Category).FirstOrDefault()))
            .ToListAsync(ct);
        var more = rows.Count > f.PageSize;
        if (more) rows.RemoveAt(rows.Count - 1);
        return new HouseholdPage(rows, more ? rows[^1].Id : null);
    }

    public static Task<List<string>> HamletsAsync(RegistryDb db, long unitId, int year, CancellationToken ct = default) =>
        db.HouseholdYears.AsNoTracking().Where(y => y.Year == year && y.UnitId == unitId)
            .Select(y => y.Hamlet).Distinct().OrderBy(h => h).ToListAsync(ct);

    public static async Task<long?> IdByCodeAsync(RegistryDb db, string code, CancellationToken ct = default) =>
        await db.Households.Where(h => h.Code == code).Select(h => (long?)h.Id).FirstOrDefaultAsync(ct);

    /// A household in a review year (default: its latest year), with its members and the years on record.
    public static async Task<HouseholdYearView?> ByIdAsync(RegistryDb db, long id, int? year, CancellationToken ct = default)
    {
        var years = await db.HouseholdYears.Where(y => y.HouseholdId == id).Select(y => y.Year).OrderBy(y => y).ToListAsync(ct);
        if (years.Count == 0) return null;
        var chosen = year is { } wanted && years.Contains(wanted) ? wanted : years[^1];
        var y = await db.HouseholdYears.AsNoTracking().Include(x => x.Household).Include(x => x.Unit)
            .FirstAsync(x => x.HouseholdId == id && x.Year == chosen, ct);
        var members = await db.Memberships.AsNoTracking().Where(m => m.HouseholdId == id && m.Year == chosen)
            .OrderBy(m => m.Position).Include(m => m.Person).ToListAsync(ct);
        var u = y.Unit!;
        return new HouseholdYearView(id, y.Household!.Code, chosen,
            new UnitView(u.Id, u.Code, u.Name, u.Type, u.Level, u.ParentId, u.ValidFrom, u.ValidTo, u.Area),
            ToFacts(y), y.Area, members.Select(m => new MemberView(m.PersonId, m.Position, ToFacts(m))).ToList(), years);
    }

    public static HouseholdFacts ToFacts(HouseholdYear y) => new()
    {
        Hamlet = y.Hamlet, Address = y.Address, Phone = y.Phone, Area = y.AreaFromUnit ? null : y.Area,
        Income12Months = y.Income12Months, HousingAreaM2 = y.HousingAreaM2 is { } a ? (decimal)a : null,
        DurableWalls = y.DurableWalls, DurableFrame = y.DurableFrame, DurableRoof = y.DurableRoof, Water = y.Water, Latrine = y.Latrine,
        UsesTelecom = y.UsesTelecom, HasTv = y.HasTv, HasRadio = y.HasRadio, HasComputer = y.HasComputer,
        HasInternetPhone = y.HasInternetPhone, LoudspeakerReach = y.LoudspeakerReach,
    };

    public static MemberFacts ToFacts(Membership m) => new()
    {
        FullName = m.Person!.FullName, Sex = m.Person.Sex, DateOfBirth = m.Person.DateOfBirth, CitizenId = m.Person.CitizenId,
        EthnicCode = m.Person.EthnicCode, Relation = m.Relation, Education = m.Education, InSchool = m.InSchool,
        HealthInsurance = m.HealthInsurance, Employment = m.Employment, Disability = m.Disability, Meritorious = m.Meritorious,
        SocialProtection = m.SocialProtection, Malnourished = m.Malnourished,
    };

    /// Saves an edited member of one year: identity on the person, the year's situation on the membership.
    public static async Task<IReadOnlyList<FieldError>> UpdateMemberAsync(RegistryDb db, long householdId, int year, long personId,
        MemberFacts facts, string actor, DateTime nowUtc, CancellationToken ct = default)
    {
        var errors = MemberRules.Validate(facts, UnitEras.ReviewDate(year)).ToList();
        if (facts.Relation == Relation.Head && await db.Memberships.AnyAsync(m => m.HouseholdId == householdId && m.Year == year && m.PersonId != personId && m.Relation == Relation.Head, ct))
            errors.Add(new(nameof(MemberFacts.Relation), "Chủ hộ", "Hộ đã có chủ hộ; mỗi hộ đúng một chủ hộ."));
        if (errors.Count > 0) return errors;

        var m = await db.Memberships.Include(x => x.Person).Include(x => x.HouseholdYear)
            .SingleAsync(x => x.HouseholdId == householdId && x.Year == year && x.PersonId == personId, ct);
        var p = m.Person!;
        p.FullName = facts.FullName.Trim(); p.Sex = facts.Sex; p.DateOfBirth = facts.DateOfBirth; p.CitizenId = facts.CitizenId; p.EthnicCode = facts.EthnicCode;
        m.Relation = facts.Relation; m.Education = facts.Education; m.InSchool = facts.InSchool; m.HealthInsurance = facts.HealthInsurance;
        m.Employment = facts.Employment; m.Disability = facts.Disability; m.Meritorious = facts.Meritorious;
        m.SocialProtection = facts.SocialProtection; m.Malnourished = facts.Malnourished;
        if (m.Relation == Relation.Head) m.HouseholdYear!.HeadName = p.FullName;
        db.Changes.Add(new ChangeRecord
        {
            At = nowUtc, Actor = actor, Action = "member.update", Subject = $"{householdId}/{year}/{personId}",
            Summary = $"Sửa thông tin thành viên {p.FullName} (năm {year}).",
        });
        await db.SaveChangesAsync(ct);
        return [];
    }
}
