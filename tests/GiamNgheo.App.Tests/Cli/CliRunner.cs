using System.CommandLine;
using GiamNgheo.App.Cli;

namespace GiamNgheo.App.Tests.Cli;

/// Runs `giamngheo` commands in-process against a SQLite file of their own (or the given database), output and errors
/// captured.
public sealed class CliRunner : IDisposable
{
    /// Another database than the SQLite file of its own (xUnit builds a class fixture with its one constructor).
    public string? Database { get; init; }

    public string Dir { get; } = Directory.CreateTempSubdirectory("giamngheo-cli-").FullName;
    public string Db => Database ?? Path.Combine(Dir, "cli.db");

    public async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync([.. args, "--db", Db], new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "GiamNgheo.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
    }
}
