using System.Globalization;
using GiamNgheo.Files.Tabular;
using GiamNgheo.Data.Households;
using GiamNgheo.Data.Model;
using GiamNgheo.Data.Units;
using GiamNgheo.Domain.Classification;
using GiamNgheo.Domain.Common;
using GiamNgheo.Domain.Standards;
using Microsoft.EntityFrameworkCore;

namespace GiamNgheo.Data.Classification;

public static class Simulate
{
    /// Classifies the scope's households of the year under the current standard and under the proposed one; writes nothing.
    public static async Task<SimulationReport> RunAsync(IDbContextFactory<RegistryDb> contexts, long unitId, int year, PovertyStandard current,
        PovertyStandard proposed, CancellationToken ct = default)
    {
        var simulation = new Simulation(current, proposed);
        await foreach (var h in HouseholdReads.ReadAsync(contexts, HouseholdSelection.Scope(unitId), year, withScorecard: true, ct: ct))
            simulation.Add(h.UnitId, h.Snapshot);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var names = await db.Set<Unit>().Where(u => simulation.ByUnit.Keys.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var scope = await db.Set<Unit>().Where(u => u.Id == unitId).Select(u => u.Name).SingleAsync(ct);
        return new SimulationReport(simulation, scope, names);
    }
}

/// One line of the simulation table: a commune, or the scope's total.
public sealed record SimulationRow(string Unit, int Households, int PoorBefore, int PoorAfter, int NearPoorBefore, int NearPoorAfter)
{
    public decimal? Rate(int n) => Households == 0 ? null : (decimal)n / Households;
}

/// The simulation as the CLI, the page and the xlsx export show it: one row per commune by name, then the total,
/// then the transition matrix.
public sealed class SimulationReport(Simulation simulation, string scopeName, IReadOnlyDictionary<long, string> communeNames)
{
    public Simulation Simulation { get; } = simulation;
    public string ScopeName { get; } = scopeName;

    public IReadOnlyList<SimulationRow> Communes { get; } = simulation.ByUnit
        .Select(x => new SimulationRow(communeNames[x.Key], x.Value.Before.Sum(), x.Value.Before[0], x.Value.After[0], x.Value.Before[1], x.Value.After[1]))
        .OrderBy(r => r.Unit, StringComparer.Create(VnFormat.Culture, false)).ToList();

    public SimulationRow Total { get; } = new($"Cộng {scopeName}", simulation.Households, simulation.Total(0, false), simulation.Total(0, true),
        simulation.Total(1, false), simulation.Total(1, true));

    public static readonly string[] Headers =
        ["Đơn vị", "Số hộ", "Hộ nghèo hiện tại", "Hộ nghèo theo chuẩn mới", "Tỷ lệ nghèo hiện tại (%)", "Tỷ lệ nghèo mới (%)", "Hộ cận nghèo hiện tại", "Hộ cận nghèo theo chuẩn mới"];

    /// The workbook: numbers as numbers (rates in percent, two decimals), the matrix below the table.
    public void WriteXlsx(Stream output)
    {
        static string N(decimal? v) => v is { } x ? x.ToString("0.##", CultureInfo.InvariantCulture) : "";
        IReadOnlyList<string> Row(SimulationRow r) =>
        [
            r.Unit, N(r.Households), N(r.PoorBefore), N(r.PoorAfter), N(r.Rate(r.PoorBefore) * 100), N(r.Rate(r.PoorAfter) * 100),
            N(r.NearPoorBefore), N(r.NearPoorAfter),
        ];
        var rows = Communes.Select(Row).Append(Row(Total)).Append([]).Concat(Matrix(N));
        XlsxWriter.Write(output, "Mô phỏng", Headers, rows, numberColumns: Enumerable.Range(1, Headers.Length - 1).ToHashSet());
    }

    /// The transition matrix with a header row (rows: current category, columns: under the proposed standard).
    public IEnumerable<IReadOnlyList<string>> Matrix(Func<decimal?, string> number)
    {
        var labels = Simulation.Order.Select(Classifier.Name).ToArray();
        yield return ["Hiện tại \\ Chuẩn mới", .. labels];
        for (var i = 0; i < labels.Length; i++)
            yield return [labels[i], .. Enumerable.Range(0, labels.Length).Select(j => number(Simulation.Transitions[i, j]))];
    }
}
