using GiamNgheo.Data.Bulk;
using GiamNgheo.Data.Model;
using GiamNgheo.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace GiamNgheo.Data.Households;

/// Household-years written before the folded head name existed (migration HeadNameFolded) get it after the migration:
/// folding is C# (diacritics and đ), so neither database can compute the column itself. Batches by key; a database that
/// is up to date reads one empty batch.
public static class FoldedHeadNames
{
    /// The migration that added household_years.head_name_folded (its id after the timestamp).
    public const string Migration = "HeadNameFolded";

    private const int Batch = 50_000;

    private sealed record Folded(long HouseholdId, int Year, string Name);

    private static readonly StagingColumn<Folded>[] Columns =
    [
        new("household_id", ColumnType.Long, f => f.HouseholdId),
        new("year", ColumnType.Int, f => f.Year),
        new("head_name_folded", ColumnType.Text, f => f.Name),
    ];

    public static async Task<int> BackfillAsync(RegistryDb db, CancellationToken ct = default)
    {
        var total = 0;
        await db.Database.OpenConnectionAsync(ct);
        while (true)
        {
            var batch = await Sql.ListAsync(db, $"""
                SELECT household_id, year, head_name FROM household_years
                WHERE head_name_folded IS NULL AND head_name IS NOT NULL ORDER BY household_id, year LIMIT {Batch}
                """, r => new Folded(r.GetInt64(0), r.GetInt32(1), VietnameseText.Fold(r.GetString(2))), ct);
            if (batch.Count == 0) return total;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await using (var stage = await StagingTable<Folded>.CreateAsync(db, "stage_folded", Columns, ct))
            {
                foreach (var f in batch) await stage.WriteAsync(f, ct);
                await stage.CompleteAsync(ct);
            }
            await Sql.ExecuteAsync(db, """
                UPDATE household_years SET head_name_folded = s.head_name_folded
                FROM stage_folded s WHERE household_years.household_id = s.household_id AND household_years.year = s.year
                """, ct);
            await tx.CommitAsync(ct);
            total += batch.Count;
        }
    }
}
