using GiamNgheo.Data.Households;
using GiamNgheo.Data.Model;
using static GiamNgheo.Data.Tests.Households.Imports;
using static GiamNgheo.Data.Tests.Households.Sample;

namespace GiamNgheo.Data.Tests.Households;

/// The invariant check finds each way a registry can be broken (here broken on purpose, behind the import's back).
public abstract class RegistryInvariantsTests(DatabaseKind kind)
{
    [Theory]
    [InlineData("UPDATE household_years SET member_count = 5", "hộ ghi 5 thành viên, chủ hộ «Nguyễn Văn An», nhưng có 3 thành viên, chủ hộ «Nguyễn Văn An»")]
    [InlineData("UPDATE household_years SET head_name = 'Ai Khác'", "chủ hộ «Ai Khác», nhưng có 3 thành viên, chủ hộ «Nguyễn Văn An»")]
    [InlineData("UPDATE memberships SET relation = 1", "hộ có 3 chủ hộ")]
    [InlineData("UPDATE memberships SET relation = 2 WHERE relation = 1", "hộ có 0 chủ hộ")]
    [InlineData("UPDATE people SET citizen_id = '024080000001'", "Số CCCD này thuộc về 3 người")]
    public async Task ABrokenRegistry_IsNamed(string corruption, string expected)
    {
        var target = await TestDatabases.WithUnitsAsync(kind);
        await using var db = target.Db();
        Assert.True((await Import(db, Rows(Family("07444-00001")))).Applied);
        await Bulk.Sql.ExecuteAsync(db, corruption, default);

        var broken = await RegistryInvariants.BrokenAsync(db, null, null);
        Assert.Contains(expected, Assert.Single(broken).Message);
        Assert.Single(await RegistryInvariants.BrokenAsync(db, 2024, "SELECT id FROM households"));
        Assert.Empty(await RegistryInvariants.BrokenAsync(db, 2025, "SELECT id FROM households")); // nothing in 2025
    }
}

public sealed class SqliteRegistryInvariantsTests() : RegistryInvariantsTests(DatabaseKind.Sqlite);
public sealed class PostgresRegistryInvariantsTests() : RegistryInvariantsTests(DatabaseKind.Postgres);
