using GiamNgheo.Data.Classification;
using GiamNgheo.Data.Model;
using GiamNgheo.Data.Units;
using GiamNgheo.Domain.Classification;
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

/// A household in one review year. <see cref="Snapshot"/> is what classification reads (with the year's Phiếu B input).
public sealed record HouseholdYearView(long HouseholdId, string Code, int Year, UnitView Commune, HouseholdFacts Facts,
    Area Area, IReadOnlyList<MemberView> Members, IReadOnlyList<int> Years)
{
    public required HouseholdSnapshot Snapshot { get; init; }
}

public static class HouseholdQueries
{
    /// One page of households of a unit scope in a year, ordered by id; the next page starts after the last id
    /// (keyset paging: page 5,000 costs what page 1 costs).
    public static async Task<HouseholdPage> ListAsync(RegistryDb db, HouseholdFilter f, CancellationToken ct = default)
    {
        var q = Filtered(db, f);
        if (f.After is { } after) q = q.Where(y => y.HouseholdId > after);
        var results = Results(db, f);
        var rows = await q.OrderBy(y => y.HouseholdId).Take(f.PageSize + 1)
            .Select(y => new HouseholdRow(y.HouseholdId, y.Household!.Code, y.HeadName, EF.Property<string>(y, nameof(HouseholdFacts.Hamlet)), y.Unit!.Name,
                y.MemberCount, EF.Property<long?>(y, nameof(HouseholdFacts.Income12Months)), y.Area,
                results.Where(r => r.HouseholdId == y.HouseholdId).Select(r => (int?)r.Category).FirstOrDefault()))
            .ToListAsync(ct);
        var more = rows.Count > f.PageSize;
        if (more) rows.RemoveAt(rows.Count - 1);
        return new HouseholdPage(rows, more ? rows[^1].Id : null);
    }

    /// How many households the filter finds over all its pages.
    public static Task<int> CountAsync(RegistryDb db, HouseholdFilter f, CancellationToken ct = default) => Filtered(db, f).CountAsync(ct);

    private static IQueryable<ClassificationResult> Results(RegistryDb db, HouseholdFilter f) =>
        db.Set<ClassificationResult>().Where(r => r.Year == f.Year && r.StandardId == f.StandardId);

    private static IQueryable<HouseholdYear> Filtered(RegistryDb db, HouseholdFilter f)
    {
        var q = db.Set<HouseholdYear>().AsNoTracking().Where(y => y.Year == f.Year);
        if (f.UnitId is { } unitId) q = q.Where(y => UnitQueries.CommuneIdsUnder(db, unitId).Contains(y.UnitId));
        if (!string.IsNullOrWhiteSpace(f.Hamlet)) q = q.Where(y => EF.Property<string>(y, nameof(HouseholdFacts.Hamlet)) == f.Hamlet);
        if (!string.IsNullOrWhiteSpace(f.Text))
        {
            // The code as typed; the head's name with or without diacritics, in any case.
            var t = f.Text.Trim();
            var folded = VietnameseText.Fold(t);
            q = q.Where(y => y.Household!.Code.Contains(t) || (y.HeadNameFolded != null && y.HeadNameFolded.Contains(folded)));
        }
        var results = Results(db, f);
        if (f.Category is { } category) q = q.Where(y => results.Any(r => r.HouseholdId == y.HouseholdId && r.Category == category));
        return q;
    }

    public static Task<List<string>> HamletsAsync(RegistryDb db, long unitId, int year, CancellationToken ct = default) =>
        db.Set<HouseholdYear>().AsNoTracking().Where(y => y.Year == year && y.UnitId == unitId)
            .Select(y => EF.Property<string>(y, nameof(HouseholdFacts.Hamlet))).Distinct().OrderBy(h => h).ToListAsync(ct);

    public static async Task<long?> IdByCodeAsync(RegistryDb db, string code, CancellationToken ct = default) =>
        await db.Set<Household>().Where(h => h.Code == code).Select(h => (long?)h.Id).FirstOrDefaultAsync(ct);

    /// A household in a review year (default: its latest year), with its members and the years on record.
    public static async Task<HouseholdYearView?> ByIdAsync(IDbContextFactory<RegistryDb> contexts, RegistryDb db, long id, int? year, CancellationToken ct = default)
    {
        var years = await db.Set<HouseholdYear>().Where(y => y.HouseholdId == id).Select(y => y.Year).OrderBy(y => y).ToListAsync(ct);
        if (years.Count == 0) return null;
        var chosen = year is { } wanted && years.Contains(wanted) ? wanted : years[^1];
        var read = await HouseholdReads.ReadAsync(contexts, HouseholdSelection.One(id), chosen, withCodes: true, withPeople: true, withScorecard: true, ct: ct).SingleAsync(ct);
        var commune = await UnitQueries.ByIdAsync(db, read.UnitId, ct) ?? throw new InvalidOperationException($"unit {read.UnitId} is missing");
        var s = read.Snapshot;
        return new HouseholdYearView(id, read.Code!, chosen, commune, s.Facts, s.Area,
            s.Members.Select((m, i) => new MemberView(read.PersonIds![i], i + 1, m)).ToList(), years) { Snapshot = s };
    }
}
