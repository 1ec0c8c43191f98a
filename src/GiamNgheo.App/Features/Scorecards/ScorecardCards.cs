using GiamNgheo.Data.Classification;
using GiamNgheo.Data.Model;
using GiamNgheo.Data.Scorecards;

namespace GiamNgheo.App.Features.Scorecards;

public sealed record CardLoaded(LoadReport Report, IReadOnlyList<(int Year, IReadOnlyList<ClassifyReport> Reports)> Reclassified);

public sealed record AnswersImported(AnswersImportReport Report, bool DryRun, IReadOnlyList<(int Year, IReadOnlyList<ClassifyReport> Reports)> Reclassified)
{
    public string Message => ScorecardAnswersImport.Describe(Report, DryRun);
}

/// Phiếu B of Circular 07/2021/TT-BLĐTBXH: card versions and the households' answers. A newly loaded card changes the
/// income of every household of its years, and an answers file that of the households it names: both reclassify
/// what they change.
public sealed class ScorecardCards(RegistryDb db, Reclassification reclassification, TimeProvider clock)
{
    public async Task<CardLoaded> LoadAsync(string json, string fileName, Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var r = await ScorecardStore.LoadAsync(db, json, fileName, actor.Name, now, ct);
        var reclassified = new List<(int, IReadOnlyList<ClassifyReport>)>();
        if (r.Outcome == LoadOutcome.Loaded)
            for (var y = r.Card!.FromYear; y <= r.Card.ToYear; y++)
                if (await reclassification.YearAsync(y, now, ct) is { Count: > 0 } reports) reclassified.Add((y, reports));
        return new CardLoaded(r, reclassified);
    }

    public Task<List<ScorecardRow>> ListAsync(CancellationToken ct) => ScorecardStore.ListAsync(db, ct);

    public async Task<AnswersImported> ImportAnswersAsync(Stream stream, string fileName, bool dryRun, Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var r = await ScorecardAnswersImport.ImportAsync(db, stream, fileName, dryRun, actor.Name, now, ct);
        var reclassified = new List<(int, IReadOnlyList<ClassifyReport>)>();
        foreach (var year in r.Communes.GroupBy(c => c.Year))
            reclassified.Add((year.Key, await reclassification.CommunesAsync(year.Key, year.Select(c => c.CommuneId).ToList(), now, ct)));
        return new AnswersImported(r, dryRun, reclassified);
    }
}
