using Npgsql;

namespace GiamNgheo.Data.Tests;

/// <summary>
/// The PostgreSQL server the tests may use: scripts/test.sh starts a throwaway cluster and exports
/// GIAMNGHEO_TEST_PG (an Npgsql connection string to its maintenance database).
/// </summary>
public static class PostgresServer
{
    public const string EnvironmentVariable = "GIAMNGHEO_TEST_PG";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } cs ? cs : null;

    /// <summary>Creates a fresh, empty database <c>t_&lt;guid&gt;</c> and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var server = ConnectionString
            ?? throw new InvalidOperationException($"{EnvironmentVariable} is not set; run the tests through scripts/test.sh.");
        var name = $"t_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }
}
