using System.Collections.Concurrent;
using System.Text;
using FsCheck.Xunit;
using GiamNgheo.Data.Households;
using GiamNgheo.Data.Model;
using GiamNgheo.Files.Exchange;
using Microsoft.EntityFrameworkCore;
using static GiamNgheo.Data.Tests.Households.Imports;
using static GiamNgheo.Data.Tests.Households.Sample;

namespace GiamNgheo.Data.Tests.Households;

/// Issue 8, point 9: random mutations of a valid file never crash the import and never change a household the file
/// does not name; after each one the registry's invariants hold (Imports.Import checks them).
public abstract class RandomFileTests(DatabaseKind kind)
{
    private static readonly string[] Junk =
    [
        "", " ", "#N/A", "#VALUE!", "\0", "\u001b[31m", "\u0007", "a\nb", new string('x', 300), "99999", "-1", "1e308", "0",
        "31/02/2000", "29/02/1971", "01/01/2999", "69140000.0000001", "36.000.000", "Chủ hộ", "Vợ/chồng", "Con", "Có", "Không",
        "Nguyễn Văn An".Normalize(NormalizationForm.FormD), "\uD800", "𝔸𝔹", "١٢٣", "07450", "07444", "024080000001", "abc", "'", "\"",
    ];

    private static readonly string[] Named = ["07444-00001", "07444-00002"];
    private const string Untouched = "07444-00003";

    /// A file of two households with 1–4 cells replaced, a row dropped or repeated, or a code changed.
    private static List<RawRow> Mutated(int seed)
    {
        var r = new Random(seed);
        var rows = Rows(Family(Named[0]), Family(Named[1], head: "Phạm Văn Em"));
        var junk = Junk.Append(Family(Untouched).Members[0].CitizenId!).ToArray();
        for (var n = r.Next(1, 5); n > 0; n--)
        {
            var i = r.Next(rows.Count);
            switch (r.Next(6))
            {
                case 0: rows.RemoveAt(i); break;
                case 1: rows.Insert(i, rows[i]); break;
                default:
                    var cells = rows[i].Cells.ToArray();
                    cells[r.Next(cells.Length)] = junk[r.Next(junk.Length)];
                    rows[i] = rows[i] with { Cells = cells };
                    break;
            }
            if (rows.Count == 0) break;
        }
        return rows.Select((row, i) => row with { Number = i + 2 }).ToList();
    }

    /// What the registry holds of the households outside <paramref name="named"/>.
    private static async Task<string> Outside(RegistryDb db, IReadOnlyCollection<string> named)
    {
        var ids = await db.Set<Household>().Where(h => !named.Contains(h.Code)).Select(h => h.Id).ToListAsync();
        var years = await db.Set<HouseholdYear>().Where(y => ids.Contains(y.HouseholdId)).OrderBy(y => y.HouseholdId).ThenBy(y => y.Year)
            .Select(y => $"{y.HouseholdId}/{y.Year}/{y.UnitId}/{EF.Property<string>(y, "Hamlet")}/{EF.Property<long?>(y, "Income12Months")}/{y.MemberCount}/{y.HeadName}").ToListAsync();
        var members = await db.Set<Membership>().Where(m => ids.Contains(m.HouseholdId)).OrderBy(m => m.PersonId)
            .Select(m => $"{m.PersonId}/{m.Year}/{m.HouseholdId}/{m.Position}/{EF.Property<string>(m.Person!, "FullName")}/{EF.Property<string?>(m.Person!, "CitizenId")}").ToListAsync();
        return string.Join("\n", years.Concat(members));
    }

    /// One database per provider for all the cases (a database each would exhaust PostgreSQL's connections): each case
    /// starts from what the cases before it left, which the invariant check covers too.
    private static readonly ConcurrentDictionary<DatabaseKind, Lazy<Task<DatabaseTarget>>> Databases = new();

    private static async Task<DatabaseTarget> SetUpAsync(DatabaseKind kind)
    {
        var target = await TestDatabases.WithUnitsAsync(kind);
        await using var db = target.Db();
        Assert.True((await Import(db, Rows(Family(Named[0]), Family(Named[1], head: "Phạm Văn Em"), Family(Untouched, head: "Lý Văn Ngoài")))).Applied);
        return target;
    }

    [Property(MaxTest = 40, Replay = null)]
    public bool ARandomlyMutatedFile_NeverCrashes_AndChangesOnlyTheHouseholdsItNames(int seed) =>
        Task.Run(async () =>
        {
            var target = await Databases.GetOrAdd(kind, k => new Lazy<Task<DatabaseTarget>>(() => SetUpAsync(k))).Value;
            await using var db = target.Db();
            var rows = Mutated(seed);
            var named = rows.Select(r => r.Cells[HouseholdFile.IndexOf(HouseholdFile.HouseholdCode)].Trim()).Where(c => c.Length > 0).Distinct().ToList();
            var before = await Outside(db, named);
            var report = await Import(db, rows);
            Assert.True(report.Applied || report.ErrorCount > 0);
            Assert.Equal(before, await Outside(db, named));
            return true;
        }).GetAwaiter().GetResult();
}

public sealed class SqliteRandomFileTests() : RandomFileTests(DatabaseKind.Sqlite);
public sealed class PostgresRandomFileTests() : RandomFileTests(DatabaseKind.Postgres);
