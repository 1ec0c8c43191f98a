using System.Diagnostics;
using GiamNgheo.Bench;
using GiamNgheo.Data.Model;
using GiamNgheo.Files.Exchange;

// Import benchmark (issue: foundation, point 10): prints figures, asserts nothing. See bench/README.md.
// `files` measures the peak memory of the file readers alone (issue 8) and needs no database.
if (args.Contains("files"))
{
    GiamNgheo.Bench.FilesBench.Run(ArgText("--work") ?? Path.Combine(Path.GetTempPath(), "giamngheo-bench"), Arg("--mb", 100));
    return 0;
}
var households = Arg("--households", 500_000);
var pg = ArgText("--pg") ?? Environment.GetEnvironmentVariable("GIAMNGHEO_BENCH_PG");
var work = ArgText("--work") ?? Path.Combine(Path.GetTempPath(), "giamngheo-bench");
Directory.CreateDirectory(work);

Console.WriteLine($"GiamNgheo {(args.Contains("classify") ? "classification" : "import")} benchmark — {households:N0} base households, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
var results = new List<ImportBench.Result>();
ImportBench.Keep = args.Contains("--keep") ? households : null;
var file = await ImportBench.PrepareFileAsync(work, households);
// --keep: the classification benchmark loads into a database named after the size and reuses it on the next run,
// so that a 5M run does not pay the 10–15 min import again; --load-only stops after the load.
ClassifyBench.LoadOnly = args.Contains("--load-only");
// `classify` measures issue 3's batch classification; the default measures the import.
Func<DatabaseTarget, ImportBench.DemoFile, Task<List<ImportBench.Result>>> run = args.Contains("classify") ? ClassifyBench.RunAsync : ImportBench.RunAsync;
if (!args.Contains("--skip-sqlite")) results.AddRange(await run(ImportBench.Sqlite(work), file));
if (pg is not null) results.AddRange(await run(ImportBench.Postgres(pg), file));
else Console.WriteLine("(no PostgreSQL: pass --pg or GIAMNGHEO_BENCH_PG, or run bench/run.sh)");

Console.WriteLine();
Console.WriteLine($"{"database",-11} {"step",-34} {"seconds",8} {"households/s",13} {"members/s",11} {"× plain",8}");
foreach (var r in results)
{
    var plain = results.First(x => x.Database == r.Database && x.IsBaseline).Seconds;
    Console.WriteLine($"{r.Database,-11} {r.Step,-34} {r.Seconds,8:0.00} {file.Households / r.Seconds,13:N0} {file.Members / r.Seconds,11:N0} {r.Seconds / plain,8:0.00}");
}
return 0;

int Arg(string name, int fallback) => ArgText(name) is { } v ? int.Parse(v) : fallback;
string? ArgText(string name) { var i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : null; }

namespace GiamNgheo.Bench
{
    using GiamNgheo.App;
    using GiamNgheo.App.Features.Demo;
    using Microsoft.Extensions.DependencyInjection;
    using GiamNgheo.Data.Households;
    using GiamNgheo.Data.Model;
    using GiamNgheo.Data.Units;
    using Microsoft.Data.Sqlite;
    using Microsoft.EntityFrameworkCore;
    using Npgsql;

    public static class ImportBench
    {
        public sealed record DemoFile(string Path, int Households, int Members);
        public sealed record Result(string Database, string Step, double Seconds, bool IsBaseline);

        public static int? Keep;

        public static DatabaseTarget Sqlite(string work)
        {
            if (Keep is { } n) return DatabaseTarget.Parse(System.IO.Path.Combine(work, $"bench-keep-{n}.db"));
            var path = System.IO.Path.Combine(work, "bench.db");
            foreach (var f in Directory.GetFiles(work, "bench.db*")) File.Delete(f);
            return DatabaseTarget.Parse(path);
        }

        public static DatabaseTarget Postgres(string server)
        {
            var name = Keep is { } n ? $"bench_keep_{n}" : $"bench_{DateTime.UtcNow:yyyyMMddHHmmss}";
            using (var c = new NpgsqlConnection(server))
            {
                c.Open();
                if (Keep is not null)
                {
                    using var exists = new NpgsqlCommand($"SELECT count(*) FROM pg_database WHERE datname = '{name}'", c);
                    if ((long)exists.ExecuteScalar()! > 0)
                        return DatabaseTarget.Parse(new NpgsqlConnectionStringBuilder(server) { Database = name, CommandTimeout = 0 }.ConnectionString);
                }
                using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", c);
                cmd.ExecuteNonQuery();
            }
            return DatabaseTarget.Parse(new NpgsqlConnectionStringBuilder(server) { Database = name, CommandTimeout = 0 }.ConnectionString);
        }

        /// The demo province of Bắc Giang (2024 units) with the given base households, as the exchange CSV.
        public static async Task<DemoFile> PrepareFileAsync(string work, int households)
        {
            var path = System.IO.Path.Combine(work, $"demo-24-2024-{households}.csv");
            // A fresh scratch database each run: one left by an older schema would not migrate.
            foreach (var f in Directory.GetFiles(work, "units.db*")) File.Delete(f);
            var scratch = DatabaseTarget.Parse(System.IO.Path.Combine(work, "units.db"));
            await new RegistryDbFactory(scratch).MigrateAsync();
            await using (var db = new RegistryDbFactory(scratch).CreateDbContext()) await UnitImport.RunAsync(db);
            var sw = Stopwatch.StartNew();
            // The file is deterministic: a kept run reuses it.
            if (Keep is null || !File.Exists(path))
            {
                await using var services = new ServiceCollection().AddLogging().AddGiamNgheo(scratch).BuildServiceProvider();
                await using var scope = services.CreateAsyncScope();
                await using var f = File.Create(path);
                var written = await scope.ServiceProvider.GetRequiredService<DemoProvinceSeed>().WriteCsvAsync(new DemoSpec("24", 2024, households, 1), f, CancellationToken.None);
                if (written.Failure is { } failure) throw new InvalidOperationException(failure.Message);
            }
            // The rows of a household are contiguous: count code changes, without holding the file.
            int members = 0, householdCount = 0;
            var previous = "";
            foreach (var line in File.ReadLines(path).Skip(1))
            {
                members++;
                var code = line[..line.IndexOf(',')];
                if (code != previous) householdCount++;
                previous = code;
            }
            var file = new DemoFile(path, householdCount, members);
            Console.WriteLine($"demo file: {file.Households:N0} households, {file.Members:N0} members, {new FileInfo(path).Length / 1e6:0.0} MB, generated in {sw.Elapsed.TotalSeconds:0.0} s");
            return file;
        }

        public static async Task<List<Result>> RunAsync(DatabaseTarget target, DemoFile file)
        {
            var name = target.Kind == DatabaseKind.Sqlite ? "SQLite" : "PostgreSQL";
            await new RegistryDbFactory(target).MigrateAsync();
            await using (var db = new RegistryDbFactory(target).CreateDbContext()) await UnitImport.RunAsync(db);
            var results = new List<Result>
            {
                new(name, target.Kind == DatabaseKind.Sqlite ? "plain INSERT (prepared, 1 tx)" : "plain COPY (csv, text columns)", await PlainAsync(target, file), true),
            };
            foreach (var step in new[] { "giamngheo import (new)", "giamngheo import (same file again)" })
            {
                await using var db = new RegistryDbFactory(target).CreateDbContext();
                db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
                var sw = Stopwatch.StartNew();
                var report = await HouseholdFiles.ImportAsync(db, file.Path, 2024, false, "bench", DateTime.UtcNow, CancellationToken.None,
                    Environment.GetEnvironmentVariable("GIAMNGHEO_BENCH_TRACE") is null ? null : Console.Out);
                sw.Stop();
                if (!report.Applied) throw new InvalidOperationException(string.Join("; ", report.Errors.Take(5)));
                results.Add(new(name, step, sw.Elapsed.TotalSeconds, false));
                Console.WriteLine($"{name}: {step} {sw.Elapsed.TotalSeconds:0.00} s; peak working set of this process so far {System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0} MB");
            }
            return results;
        }

        /// The same rows loaded with nothing but the database's fastest plain path: the baseline.
        private static async Task<double> PlainAsync(DatabaseTarget target, DemoFile file)
        {
            var columns = string.Join(", ", HouseholdFile.Columns.Select(c => c.Key + " text"));
            var sw = new Stopwatch();
            if (target.Kind == DatabaseKind.Postgres)
            {
                await using var c = new NpgsqlConnection(target.ConnectionString);
                await c.OpenAsync();
                await using (var create = new NpgsqlCommand($"CREATE TABLE plain_rows ({columns})", c)) await create.ExecuteNonQueryAsync();
                sw.Start();
                await using (var writer = await c.BeginTextImportAsync("COPY plain_rows FROM STDIN (FORMAT csv, HEADER true)"))
                using (var reader = new StreamReader(file.Path))
                {
                    var buffer = new char[1 << 16];
                    int n;
                    while ((n = await reader.ReadAsync(buffer)) > 0) await writer.WriteAsync(buffer, 0, n);
                }
                sw.Stop();
            }
            else
            {
                await using var c = new SqliteConnection(target.ConnectionString);
                await c.OpenAsync();
                await using (var create = c.CreateCommand()) { create.CommandText = $"CREATE TABLE plain_rows ({columns})"; await create.ExecuteNonQueryAsync(); }
                sw.Start();
                await using var tx = c.BeginTransaction();
                await using var insert = c.CreateCommand();
                insert.Transaction = tx;
                insert.CommandText = $"INSERT INTO plain_rows VALUES ({string.Join(", ", HouseholdFile.Columns.Select((_, i) => "$p" + i))})";
                var ps = HouseholdFile.Columns.Select((_, i) => insert.Parameters.Add(new SqliteParameter("$p" + i, ""))).ToArray();
                insert.Prepare();
                using var reader = GiamNgheo.Files.Tabular.TabularFile.Open(File.OpenRead(file.Path), GiamNgheo.Files.Tabular.FileFormat.Csv);
                foreach (var (_, cells) in reader.Rows())
                {
                    for (var i = 0; i < ps.Length; i++) ps[i].Value = cells[i];
                    await insert.ExecuteNonQueryAsync();
                }
                await tx.CommitAsync();
                sw.Stop();
            }
            Console.WriteLine($"{target.Kind}: plain load {sw.Elapsed.TotalSeconds:0.00} s");
            return sw.Elapsed.TotalSeconds;
        }
    }
}
