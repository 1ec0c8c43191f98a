using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace GiamNgheo.Data.Model;

/// One model for both databases; each provider has its own subclass so each keeps its own migrations.
public abstract class RegistryDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<UnitLineage> UnitLineages => Set<UnitLineage>();
    public DbSet<EthnicGroupRow> EthnicGroups => Set<EthnicGroupRow>();
    public DbSet<Household> Households => Set<Household>();
    public DbSet<HouseholdYear> HouseholdYears => Set<HouseholdYear>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<ChangeRecord> Changes => Set<ChangeRecord>();
    public DbSet<ClassificationResult> ClassificationResults => Set<ClassificationResult>();
    public DbSet<LocalStandard> LocalStandards => Set<LocalStandard>();
    public DbSet<ScorecardVersion> Scorecards => Set<ScorecardVersion>();
    public DbSet<ScorecardAnswer> ScorecardAnswers => Set<ScorecardAnswer>();

    public abstract DatabaseKind Kind { get; }

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<Unit>(e =>
        {
            e.HasIndex(u => new { u.Code, u.ValidFrom }).IsUnique();
            e.HasIndex(u => u.ParentId);
            e.HasIndex(u => u.FoldedName);
            e.Property(u => u.Code).HasMaxLength(5);
            e.Property(u => u.Name).HasMaxLength(100);
            e.Property(u => u.FoldedName).HasMaxLength(100);
            e.Property(u => u.Type).HasMaxLength(30);
            e.HasOne(u => u.Parent).WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<UnitLineage>(e =>
        {
            e.HasKey(l => new { l.OldUnitId, l.NewUnitId });
            e.HasOne<Unit>().WithMany().HasForeignKey(l => l.OldUnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Unit>().WithMany().HasForeignKey(l => l.NewUnitId).OnDelete(DeleteBehavior.Restrict);
            e.Property(l => l.MergeType).HasMaxLength(10);
            e.Property(l => l.Basis).HasMaxLength(30);
        });
        b.Entity<EthnicGroupRow>(e =>
        {
            e.HasKey(g => g.Code);
            e.Property(g => g.Code).HasMaxLength(2);
            e.Property(g => g.Name).HasMaxLength(50);
        });
        b.Entity<Household>(e =>
        {
            e.HasIndex(h => h.Code).IsUnique();
            e.Property(h => h.Code).HasMaxLength(30);
        });
        b.Entity<HouseholdYear>(e =>
        {
            e.HasKey(y => new { y.HouseholdId, y.Year });
            e.HasOne(y => y.Household).WithMany(h => h.Years).HasForeignKey(y => y.HouseholdId);
            e.HasOne(y => y.Unit).WithMany().HasForeignKey(y => y.UnitId).OnDelete(DeleteBehavior.Restrict);
            // The household list pages by (unit, year, household id).
            e.HasIndex(y => new { y.UnitId, y.Year, y.HouseholdId });
            e.HasIndex(y => new { y.Year, y.UnitId, y.Hamlet });
            e.Property(y => y.Hamlet).HasMaxLength(100);
            e.Property(y => y.Address).HasMaxLength(200);
            e.Property(y => y.Phone).HasMaxLength(11);
            e.Property(y => y.HeadName).HasMaxLength(100);
        });
        b.Entity<Person>(e =>
        {
            e.Property(p => p.FullName).HasMaxLength(100);
            e.Property(p => p.CitizenId).HasMaxLength(12);
            e.Property(p => p.EthnicCode).HasMaxLength(2);
            e.HasIndex(p => p.CitizenId);
        });
        b.Entity<Membership>(e =>
        {
            e.HasKey(m => new { m.PersonId, m.Year });
            e.HasOne(m => m.Person).WithMany().HasForeignKey(m => m.PersonId);
            e.HasOne(m => m.HouseholdYear).WithMany(y => y.Members).HasForeignKey(m => new { m.HouseholdId, m.Year });
            e.HasIndex(m => new { m.HouseholdId, m.Year, m.Position });
        });
        b.Entity<ClassificationResult>(e =>
        {
            e.HasKey(r => new { r.HouseholdId, r.Year, r.StandardId });
            // No foreign key to household_years: a result is derived data, written only by classification from the
            // household-years it has just read, and rewritten from them at any time. On PostgreSQL the key's row-by-row
            // check cost 6 of the 9.3 s of writing 515k results (README, classification benchmark). Whatever deletes
            // a household-year must delete its results.
            e.Property(r => r.StandardId).HasMaxLength(40);
            e.Property(r => r.DeprivedIndicators).HasMaxLength(200);
            e.Property(r => r.InputsHash).HasMaxLength(64);
            // Results computed before Phiếu B cards existed used the income entered.
            e.Property(r => r.IncomeSource).HasMaxLength(100).HasDefaultValue(Domain.Classification.IncomeSources.Entered);
        });
        b.Entity<ScorecardVersion>(e =>
        {
            e.ToTable("scorecards");
            e.HasKey(s => new { s.Id, s.Version });
            e.Property(s => s.Id).HasMaxLength(40);
            e.Property(s => s.Version).HasMaxLength(40);
            e.Property(s => s.Name).HasMaxLength(200);
            e.Property(s => s.ContentHash).HasMaxLength(64);
        });
        b.Entity<ScorecardAnswer>(e =>
        {
            e.HasKey(a => new { a.HouseholdId, a.Year, a.CharacteristicCode });
            e.HasOne<HouseholdYear>().WithMany().HasForeignKey(a => new { a.HouseholdId, a.Year });
            e.Property(a => a.CharacteristicCode).HasMaxLength(20);
            e.Property(a => a.OptionCode).HasMaxLength(20);
        });
        b.Entity<LocalStandard>(e =>
        {
            e.Property(s => s.Id).HasMaxLength(40);
            e.Property(s => s.Name).HasMaxLength(200);
            e.Property(s => s.LoadedBy).HasMaxLength(100);
            e.HasOne(s => s.Province).WithMany().HasForeignKey(s => s.ProvinceId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<ChangeRecord>(e =>
        {
            e.Property(c => c.Actor).HasMaxLength(100);
            e.Property(c => c.Action).HasMaxLength(50);
            e.Property(c => c.Subject).HasMaxLength(100);
        });

        // snake_case names, so the hand-written bulk and report SQL reads naturally on both databases.
        foreach (var entity in b.Model.GetEntityTypes())
        {
            entity.SetTableName(SnakeCase(entity.GetTableName()!));
            foreach (var p in entity.GetProperties()) p.SetColumnName(SnakeCase(p.Name));
            foreach (var k in entity.GetKeys()) k.SetName(SnakeCase(k.GetName()!));
            foreach (var fk in entity.GetForeignKeys()) fk.SetConstraintName(SnakeCase(fk.GetConstraintName()!));
            foreach (var ix in entity.GetIndexes()) ix.SetDatabaseName(SnakeCase(ix.GetDatabaseName()!));
        }
    }

    internal static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_' && !char.IsUpper(name[i - 1])) sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }
}

public enum DatabaseKind { Sqlite, Postgres }

public sealed class SqliteRegistryDb(DbContextOptions<SqliteRegistryDb> options) : RegistryDb(options)
{
    public override DatabaseKind Kind => DatabaseKind.Sqlite;
}

public sealed class PostgresRegistryDb(DbContextOptions<PostgresRegistryDb> options) : RegistryDb(options)
{
    public override DatabaseKind Kind => DatabaseKind.Postgres;
}

public sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteRegistryDb>
{
    public SqliteRegistryDb CreateDbContext(string[] args) => (SqliteRegistryDb)DatabaseTarget.Parse("Data Source=design.db").CreateContext();
}

public sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresRegistryDb>
{
    public PostgresRegistryDb CreateDbContext(string[] args) => (PostgresRegistryDb)DatabaseTarget.Parse("Host=localhost;Database=design").CreateContext();
}
