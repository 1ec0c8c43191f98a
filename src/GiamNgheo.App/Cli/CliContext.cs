using System.CommandLine;
using GiamNgheo.App.Features;
using GiamNgheo.Data.Model;
using GiamNgheo.Domain.Common;

namespace GiamNgheo.App.Cli;

/// What every command shares: the --db option, the services of the chosen database, the operator, and the way a
/// failure is printed (Vietnamese, on the error output): exit code 2 for a request refused (a bad option, a value a rule
/// refuses), 1 for a fault (a database that cannot be opened, a file that cannot be written).
public sealed class CliContext
{
    public Option<string?> Db { get; } = new("--db")
    {
        Description = "Cơ sở dữ liệu: đường dẫn tệp SQLite, 'Data Source=…' hoặc chuỗi kết nối PostgreSQL 'Host=…' (mặc định: biến GIAMNGHEO_DB hoặc data/giamngheo.db)",
        Recursive = true,
    };

    public Actor Operator { get; } = Actor.Operator();

    /// The database of the command, migrated; null, with the reason on the error output, when it cannot be opened (a
    /// missing folder, a malformed connection string, a server that does not answer). <paramref name="finishFills"/>:
    /// `db migrate` also finishes a fill of derived columns that was cut off (RegistryDbFactory.MigrateAsync).
    public async Task<DatabaseTarget?> OpenAsync(ParseResult pr, CancellationToken ct, bool finishFills = false)
    {
        try
        {
            var target = DatabaseTarget.Resolve(pr.GetValue(Db));
            await new RegistryDbFactory(target).MigrateAsync(ct, finishFills);
            return target;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The text of --db is not echoed: a PostgreSQL connection string may hold a password.
            pr.InvocationConfiguration.Error.WriteLine($"Không mở được cơ sở dữ liệu (--db hoặc biến {DatabaseTarget.EnvironmentVariable}): {e.Message}");
            return null;
        }
    }

    /// Runs a command's action in a scope of the app's services over the chosen database (migrated first).
    public async Task<int> RunAsync(ParseResult pr, CancellationToken ct, Func<IServiceProvider, TextWriter, Task<int>> action)
    {
        if (await OpenAsync(pr, ct) is not { } target) return 1;
        await using var root = new ServiceCollection().AddLogging().AddGiamNgheo(target).BuildServiceProvider();
        await using var scope = root.CreateAsyncScope();
        return await action(scope.ServiceProvider, pr.InvocationConfiguration.Output);
    }

    public static int Fail(ParseResult pr, string message)
    {
        pr.InvocationConfiguration.Error.WriteLine(message);
        return 2;
    }

    public static int Fail(ParseResult pr, Failure failure) =>
        Fail(pr, failure.Fields is { Count: > 0 } fields
            ? failure.Message + "\n  " + string.Join("\n  ", fields.Select(f => $"trường «{f.Field}»" + (f.Value is null ? "" : $", giá trị «{f.Value}»") + $": {f.Message}"))
            : failure.Message);

    /// `--as-of dd/MM/yyyy`: the date every lookup by code needs (a code alone is not a unit); <see cref="DateOf"/> gives
    /// today when it is absent. The default is said in the description, in the format the option asks for: a default
    /// value would be printed by the help in the machine's culture (12/01/2026 for 1 December).
    public static Option<DateOnly?> AsOf() => new("--as-of")
    {
        Description = $"Ngày hiệu lực dd/MM/yyyy (mặc định: hôm nay, {VnFormat.Date(DateOnly.FromDateTime(DateTime.Today))})",
        CustomParser = r =>
        {
            var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            if (VnFormat.TryParseDate(text, out var date)) return date;
            r.AddError($"Ngày «{text}» không hợp lệ; dùng dạng dd/MM/yyyy.");
            return null;
        },
    };

    public static DateOnly DateOf(ParseResult pr, Option<DateOnly?> asOf) => pr.GetValue(asOf) ?? DateOnly.FromDateTime(DateTime.Today);

    /// `--year`: checked as typed by the rule of every page and endpoint (ReviewYears), so that `--year abc` and
    /// `--year 0` are refused before a database is opened.
    public static Option<int> Year(string description = "Năm rà soát") => new("--year")
    {
        Description = description,
        Required = true,
        CustomParser = r =>
        {
            var year = 0;
            if (r.Tokens.Count == 1 && ReviewYears.Check(r.Tokens[0].Value, out year) is { } bad) r.AddError(bad.Message);
            return year;
        },
    };

    public static Argument<FileInfo> File(string description) => new("file") { Description = description };

    /// The file named on the command line, or a message naming it.
    public static string? Missing(FileInfo file) => file.Exists ? null : $"Không tìm thấy tệp {file.FullName}.";
}
