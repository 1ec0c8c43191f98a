using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GiamNgheo.Data.Model;

/// The one source of database contexts, registered in DI: the scoped context of a request or command and the extra
/// connections of batch work (classification reads on two connections while it writes on a third) all come from here,
/// so an interceptor registered once (the audit trail of a later issue) sees every context.
public sealed class RegistryDbFactory(DatabaseTarget target, IEnumerable<IInterceptor> interceptors) : IDbContextFactory<RegistryDb>
{
    private readonly IReadOnlyList<IInterceptor> _interceptors = interceptors.ToList();

    public RegistryDbFactory(DatabaseTarget target) : this(target, []) { }

    public DatabaseTarget Target => target;

    public RegistryDb CreateDbContext() => target.CreateContext(_interceptors);

    /// Creates the SQLite folder if needed, applies pending migrations, and fills what a migration added but cannot
    /// compute (the folded head names) when that migration has just run. Every command and the server start here, so an
    /// up-to-date database pays nothing: the search for unfilled rows reads the whole table (seconds at national scale).
    /// <paramref name="finishFills"/> (`giamngheo db migrate`) searches anyway, and so finishes a fill that was cut off.
    public async Task MigrateAsync(CancellationToken ct = default, bool finishFills = false)
    {
        if (target.Kind == DatabaseKind.Sqlite)
        {
            var path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(target.ConnectionString).DataSource;
            var dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        }
        await using var db = CreateDbContext();
        // Write-ahead log: readers (the pages, the classification's reads) never wait for a writer, and a writer waits
        // only for the one other writer (HouseholdMerge.BeginWriteAsync). The mode is kept in the file.
        if (target.Kind == DatabaseKind.Sqlite) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL", ct);
        var pending = await db.Database.GetPendingMigrationsAsync(ct);
        await db.Database.MigrateAsync(ct);
        if (finishFills || pending.Any(m => m.EndsWith("_" + Households.FoldedHeadNames.Migration, StringComparison.Ordinal)))
            await Households.FoldedHeadNames.BackfillAsync(db, ct);
    }
}
