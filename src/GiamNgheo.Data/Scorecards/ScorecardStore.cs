using GiamNgheo.Data.Model;
using GiamNgheo.Data.Units;
using GiamNgheo.Domain.Classification;
using GiamNgheo.Domain.Common;
using GiamNgheo.Domain.Scorecards;
using GiamNgheo.Domain.Units;
using GiamNgheo.Files.Json;
using Microsoft.EntityFrameworkCore;
using GiamNgheo.Data.Changes;

namespace GiamNgheo.Data.Scorecards;

public enum LoadOutcome { Loaded, AlreadyLoaded, Refused }

public sealed record LoadReport(LoadOutcome Outcome, Scorecard? Card, IReadOnlyList<FieldError> Errors);

public sealed record ScorecardRow(string Id, string Version, string Name, int FromYear, int ToYear, bool Example, DateTime LoadedAt);

/// Loaded Phiếu B cards. The card of a review year is the one loaded last among those covering the year, so loading
/// the official card after the example replaces it without any change to the code.
public static class ScorecardStore
{
    /// Validates and stores one card version. A bad file is refused with its field and rule and nothing is stored;
    /// the same version with the same content is a no-op; the same version with other content is refused.
    public static async Task<LoadReport> LoadAsync(RegistryDb db, string json, string fileName, string actor, DateTime nowUtc, CancellationToken ct = default)
    {
        var (card, errors) = ScorecardFile.Read(json);
        if (card is null) return new LoadReport(LoadOutcome.Refused, null, errors);
        var hash = ScorecardFile.ContentHash(card);
        var existing = await db.Set<ScorecardVersion>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == card.Id && s.Version == card.Version, ct);
        if (existing is not null)
            return existing.ContentHash == hash
                ? new LoadReport(LoadOutcome.AlreadyLoaded, card, [])
                : new LoadReport(LoadOutcome.Refused, card, [new FieldError("version", card.Version,
                    $"phiên bản này của phiếu {card.Id} đã được nạp với nội dung khác; phiếu đã sửa phải mang phiên bản mới")]);
        db.Set<ScorecardVersion>().Add(new ScorecardVersion
        {
            Id = card.Id, Version = card.Version, Name = card.Name, FromYear = card.FromYear, ToYear = card.ToYear,
            Example = card.Example, ContentHash = hash, Json = ScorecardFile.Write(card), LoadedAt = nowUtc,
        });
        db.Set<ChangeRecord>().Add(new ChangeRecord
        {
            At = nowUtc, Actor = actor, Action = "scorecard.load", Subject = $"{card.Id}@{card.Version}",
            Summary = $"Nạp Phiếu B «{card.Label}» phiên bản {card.Version} ({card.FromYear}–{card.ToYear}) từ tệp {fileName}.",
        });
        await db.SaveChangesAsync(ct);
        return new LoadReport(LoadOutcome.Loaded, card, []);
    }

    public static Task<List<ScorecardRow>> ListAsync(RegistryDb db, CancellationToken ct = default) =>
        db.Set<ScorecardVersion>().AsNoTracking().OrderBy(s => s.FromYear).ThenBy(s => s.LoadedAt)
            .Select(s => new ScorecardRow(s.Id, s.Version, s.Name, s.FromYear, s.ToYear, s.Example, s.LoadedAt)).ToListAsync(ct);

    /// The card in force for a review year: the last loaded among those covering it; null when none is loaded.
    public static async Task<Scorecard?> ForYearAsync(RegistryDb db, int year, CancellationToken ct = default) =>
        ForYear(await LoadedAsync(db, year, ct), year);

    /// Every loaded card (or those covering one year), newest load first: a handful of rows, read before a bulk step.
    public static async Task<IReadOnlyList<Scorecard>> LoadedAsync(RegistryDb db, int? year = null, CancellationToken ct = default) =>
        (await db.Set<ScorecardVersion>().AsNoTracking().Where(s => year == null || (s.FromYear <= year && s.ToYear >= year))
            .Select(s => new { s.Json, s.LoadedAt }).ToListAsync(ct))
        .OrderByDescending(s => s.LoadedAt)
        .Select(s => ScorecardFile.Read(s.Json).Card ?? throw new InvalidOperationException("Phiếu B đã lưu không còn hợp lệ."))
        .ToList();

    /// The last loaded of the cards that covers the year.
    public static Scorecard? ForYear(IReadOnlyList<Scorecard> newestFirst, int year) => newestFirst.FirstOrDefault(c => c.Covers(year));

    /// GSO region (1–6) by province code and tree: reference-data/reference/regions.csv ("2024" or "2025" rows).
    private static readonly Lazy<Dictionary<(string Valid, string Province), int>> Regions = new(() =>
        ReferenceData.ReadCsv("reference/regions.csv").ToDictionary(r => (r["valid"], r["province_code"]), r => int.Parse(r["region_code"])));

    /// Commune id → GSO region of its province. The province is the commune's grandparent in the 2024 tree (province →
    /// district → commune) and its parent from 1 July 2025 (two tiers); the tree is told by the province's start date.
    public static async Task<Dictionary<long, int>> GsoRegionByCommuneAsync(RegistryDb db, long? communeId, CancellationToken ct)
    {
        var rows = await db.Set<Unit>().AsNoTracking()
            .Where(c => c.Level == UnitLevel.Commune && (communeId == null || c.Id == communeId))
            .Select(c => new
            {
                c.Id,
                Province = c.Parent!.Parent != null ? c.Parent.Parent.Code : c.Parent.Code,
                From = c.Parent!.Parent != null ? c.Parent.Parent.ValidFrom : c.Parent.ValidFrom,
            }).ToListAsync(ct);
        var result = new Dictionary<long, int>(rows.Count);
        foreach (var r in rows)
            if (Regions.Value.TryGetValue((r.From is null ? "2024" : "2025", r.Province), out var g)) result[r.Id] = g;
        return result;
    }

    /// Answers of one household-year, or of every household of the year (householdId null).
    public static async Task<Dictionary<long, Dictionary<string, string>>> AnswersAsync(RegistryDb db, int year, long? householdId, CancellationToken ct)
    {
        // Ordered, so the answers serialise the same way every run (they are part of a result's inputs hash).
        var rows = await db.Set<ScorecardAnswer>().AsNoTracking().Where(a => a.Year == year && (householdId == null || a.HouseholdId == householdId))
            .OrderBy(a => a.HouseholdId).ThenBy(a => a.CharacteristicCode)
            .Select(a => new { a.HouseholdId, a.CharacteristicCode, a.OptionCode }).ToListAsync(ct);
        return rows.GroupBy(a => a.HouseholdId).ToDictionary(g => g.Key, g => g.ToDictionary(a => a.CharacteristicCode, a => a.OptionCode));
    }
}

/// The one place a snapshot gets its Phiếu B input: the card of the year, the household's region and its answers.
/// With no card loaded for the year, snapshots pass through unchanged and the income entered is used.
public sealed class ProxyMeansInputs
{
    private readonly Scorecard? _card;
    private readonly Dictionary<long, int> _gsoRegion;
    private readonly Dictionary<long, Dictionary<string, string>> _answers;
    private static readonly Dictionary<string, string> NoAnswers = [];

    private ProxyMeansInputs(Scorecard? card, Dictionary<long, int> gsoRegion, Dictionary<long, Dictionary<string, string>> answers) =>
        (_card, _gsoRegion, _answers) = (card, gsoRegion, answers);

    public Scorecard? Card => _card;

    /// No card: snapshots pass through and the income entered is used.
    public static readonly ProxyMeansInputs None = new(null, [], []);

    /// For a whole year (batch), or for one household in one commune (the explanation page).
    public static async Task<ProxyMeansInputs> LoadAsync(RegistryDb db, int year, long? householdId = null, long? communeId = null, CancellationToken ct = default)
    {
        if (await ScorecardStore.ForYearAsync(db, year, ct) is not { } card) return None;
        return new(card, await ScorecardStore.GsoRegionByCommuneAsync(db, communeId, ct), await ScorecardStore.AnswersAsync(db, year, householdId, ct));
    }

    public HouseholdSnapshot Attach(long householdId, long communeId, HouseholdSnapshot snapshot)
    {
        if (_card is null) return snapshot;
        if (!_gsoRegion.TryGetValue(communeId, out var gso))
            throw new InvalidOperationException($"Không xác định được vùng kinh tế - xã hội của xã (id {communeId}) để chấm Phiếu B.");
        var region = _card.RegionFor(snapshot.Area, gso)
            ?? throw new InvalidOperationException($"Phiếu B {_card.Id} không có vùng cho {UnitTypes.AreaName(snapshot.Area)}, vùng {gso}.");
        return snapshot with { ProxyMeans = new ProxyMeansInput(_card, ScorecardFile.Key(_card), region.Code, _answers.GetValueOrDefault(householdId) ?? NoAnswers) };
    }
}
