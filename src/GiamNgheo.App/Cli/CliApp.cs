using System.CommandLine;
using System.CommandLine.Completions;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using GiamNgheo.App.Features;
using GiamNgheo.App.Features.Demo;
using GiamNgheo.App.Web;

namespace GiamNgheo.App.Cli;

/// The `giamngheo` command line: the host commands (serve, db migrate) and each feature's commands.
public static class CliApp
{
    /// The command line as `giamngheo` runs it (Program.cs), and as the tests run it. Its output and error output go
    /// through TerminalText. A parse error is said in Vietnamese (exit code 2) in place of System.CommandLine's English
    /// and help page; a fault is one Vietnamese line (exit code 1), never a stack trace.
    public static async Task<int> RunAsync(IReadOnlyList<string> args, InvocationConfiguration? configuration = null)
    {
        var config = configuration ?? new InvocationConfiguration();
        config.Output = new TerminalText(config.Output);
        config.Error = new TerminalText(config.Error);
        config.EnableDefaultExceptionHandler = false;
        // A value typed with a leading @ (a name, a path) is that value, not a file of arguments to read.
        var pr = Root().Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (pr.Action is ParseErrorAction)
        {
            foreach (var line in ParseErrors(pr)) config.Error.WriteLine(line);
            config.Error.WriteLine($"Xem các tùy chọn: {CommandPath(pr.CommandResult)} --help");
            return 2;
        }
        try
        {
            return await pr.InvokeAsync(config);
        }
        catch (OperationCanceledException)
        {
            config.Error.WriteLine("Đã dừng lệnh.");
            return 130;
        }
        catch (Exception e)
        {
            config.Error.WriteLine(e switch
            {
                System.Data.Common.DbException => $"Lỗi cơ sở dữ liệu: {e.Message}",
                IOException or UnauthorizedAccessException => $"Lỗi đọc, ghi (tệp hoặc mạng): {e.Message}",
                _ => $"Lỗi hệ thống ({e.GetType().Name}): {e.Message} Hãy báo cho quản trị viên.",
            });
            return 1;
        }
    }

    public static RootCommand Root()
    {
        var cli = new CliContext();
        var root = new RootCommand("GiamNgheo — hệ thống quản lý hộ nghèo, hộ cận nghèo");
        root.Options.Add(cli.Db);
        root.Subcommands.Add(Serve(cli));
        root.Subcommands.Add(Database(cli));
        foreach (var feature in FeatureList.All)
            foreach (var command in feature.Commands(cli)) root.Subcommands.Add(command);
        // With no subcommand there is nothing to do: say what there is (never start the server unasked).
        root.SetAction(pr =>
        {
            pr.InvocationConfiguration.Output.WriteLine("Hãy chọn một lệnh; ví dụ: giamngheo serve --demo. Các lệnh:");
            foreach (var c in root.Subcommands) pr.InvocationConfiguration.Output.WriteLine($"  {c.Name,-12} {c.Description}");
            pr.InvocationConfiguration.Output.WriteLine("Thêm --help sau một lệnh để xem các tùy chọn của lệnh đó.");
            return 1;
        });
        return root;
    }

    /// System.CommandLine has no Vietnamese resources: each of its errors is said again from what it is about (the
    /// option, the argument, the word not understood). The messages of our own parsers (--year, --as-of) are kept.
    private static List<string> ParseErrors(ParseResult pr)
    {
        var lines = new List<string>();
        foreach (var e in pr.Errors)
        {
            if (e.Message.Any(c => c > 127)) lines.Add(e.Message);
            else if (e.SymbolResult is OptionResult o) lines.Add(OptionError(o));
            else if (e.SymbolResult is ArgumentResult { Parent: OptionResult owner }) lines.Add(OptionError(owner));
            else if (e.SymbolResult is ArgumentResult a)
                lines.Add(a.Tokens.Count == 0
                    ? $"Lệnh «{CommandPath(a)}» thiếu đối số «{a.Argument.Name}»{About(a.Argument.Description)}."
                    : $"Đối số «{a.Argument.Name}»: giá trị «{a.Tokens[0].Value}» không hợp lệ.");
            else if (e.SymbolResult is CommandResult { Command: { Action: null, Subcommands.Count: > 0 } group })
                lines.Add($"Lệnh «{CommandPath(e.SymbolResult)}» cần một lệnh con: {string.Join(", ", group.Subcommands.Select(c => c.Name))}.");
            // The words not understood are said below, one line each.
            else if (e.SymbolResult is not CommandResult || pr.UnmatchedTokens.Count == 0) lines.Add($"Lệnh không hợp lệ ({e.Message}).");
        }
        var command = pr.CommandResult.Command;
        foreach (var token in pr.UnmatchedTokens)
            lines.Add(command.Subcommands.Count > 0 && !token.StartsWith('-')
                ? $"Lệnh «{CommandPath(pr.CommandResult)}» không có lệnh con «{token}»; có: {string.Join(", ", command.Subcommands.Select(c => c.Name))}."
                : token.StartsWith('-')
                    ? $"Lệnh «{CommandPath(pr.CommandResult)}» không có tùy chọn «{token}»."
                    : $"Lệnh «{CommandPath(pr.CommandResult)}» không nhận đối số «{token}».");
        return lines.Distinct().ToList();
    }

    private static string OptionError(OptionResult o)
    {
        var name = o.Option.Name;
        // The values an option accepts (AcceptOnlyFromAmong, true/false) are its completions.
        var allowed = o.Option.GetCompletions(CompletionContext.Empty).Select(c => c.Label).ToList();
        var expected = allowed.Count > 0 ? $"; dùng một trong: {string.Join(", ", allowed)}"
            : o.Option.ValueType == typeof(int) || o.Option.ValueType == typeof(long) ? "; cần một số nguyên" : "";
        if (o.IdentifierTokenCount == 0) return $"Thiếu tùy chọn {name}{About(o.Option.Description)}{expected}.";
        if (o.Tokens.Count == 0) return $"Tùy chọn {name} cần một giá trị{About(o.Option.Description)}{expected}.";
        if (o.Tokens.Count > 1) return $"Tùy chọn {name} chỉ nhận một giá trị; đã có {o.Tokens.Count}: {string.Join(", ", o.Tokens.Select(t => $"«{t.Value}»"))}.";
        return $"Tùy chọn {name}: giá trị «{o.Tokens[0].Value}» không hợp lệ{expected}.";
    }

    private static string About(string? description) => string.IsNullOrEmpty(description) ? "" : $": {description}";

    private static string CommandPath(SymbolResult? result)
    {
        var names = new List<string>();
        for (var r = result; r is not null; r = r.Parent)
            if (r is CommandResult { Parent: not null } c) names.Insert(0, c.Command.Name);
        return string.Join(" ", ["giamngheo", .. names]);
    }

    private static Command Serve(CliContext cli)
    {
        var urls = new Option<string>("--urls") { Description = "Địa chỉ lắng nghe", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var demo = new Option<bool>("--demo") { Description = "Nạp đơn vị hành chính và tỉnh mẫu (Bắc Giang/Bắc Ninh, 2024–2025) nếu cơ sở dữ liệu còn trống" };
        var cmd = new Command("serve", "Chạy trang web và API") { urls, demo };
        cmd.SetAction(async (pr, ct) =>
        {
            var o = pr.InvocationConfiguration.Output;
            if (await cli.OpenAsync(pr, ct) is not { } target) return 1;
            var app = WebHost.Build(["--urls", pr.GetValue(urls)!], target);
            if (pr.GetValue(demo))
                await using (var scope = app.Services.CreateAsyncScope())
                    await scope.ServiceProvider.GetRequiredService<DemoProvinceSeed>().EnsureAsync(cli.Operator, o, ct);
            await app.StartAsync(ct);
            o.WriteLine($"GiamNgheo đang chạy: {string.Join(", ", app.Urls)} ({target})");
            await app.WaitForShutdownAsync(ct);
            return 0;
        });
        return cmd;
    }

    private static Command Database(CliContext cli)
    {
        var migrate = new Command("migrate", "Tạo hoặc nâng cấp cơ sở dữ liệu");
        migrate.SetAction(async (pr, ct) =>
        {
            if (await cli.OpenAsync(pr, ct, finishFills: true) is not { } target) return 1;
            pr.InvocationConfiguration.Output.WriteLine($"Đã cập nhật cấu trúc: {target}");
            return 0;
        });
        return new Command("db", "Cơ sở dữ liệu") { migrate };
    }
}
