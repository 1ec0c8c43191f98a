using System.Diagnostics;
using GiamNgheo.Data.Classification;
using GiamNgheo.Data.Model;
using GiamNgheo.Domain.Classification;

namespace GiamNgheo.Bench;

public static class Micro
{
    public static async Task RunAsync(string db)
    {
        var target = DatabaseTarget.Parse(db);
        var list = new List<HouseholdSnapshot>();
        var sw = Stopwatch.StartNew();
        await foreach (var (_, _, s) in BatchClassification.SnapshotsAsync(target, 15, 2024, CancellationToken.None)) list.Add(s);
        Console.WriteLine($"read {list.Count} in {sw.Elapsed.TotalSeconds:0.00}");
        var std = HouseholdClassification.Standards.ForYear(2024);
        for (var k = 0; k < 3; k++)
        {
            sw.Restart();
            foreach (var s in list) Classifier.Classify(std, s);
            Console.WriteLine($"classify {sw.Elapsed.TotalSeconds:0.00}");
        }
        foreach (var rule in std.Indicators)
        {
            sw.Restart();
            foreach (var s in list) Indicators.Evaluate(rule, s);
            Console.WriteLine($"{rule.Code} {rule.Function} {sw.Elapsed.TotalSeconds:0.000}");
        }
    }
}
