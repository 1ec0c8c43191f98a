using System.CommandLine;
using GiamNgheo.App.Features;
using GiamNgheo.App.Features.Demo;
using GiamNgheo.App.Web;

namespace GiamNgheo.App.Cli;

/// The `giamngheo` command line: the host commands (serve, db migrate) and each feature's commands.
public static class CliApp
{
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

    private static Command Serve(CliContext cli)
    {
        var urls = new Option<string>("--urls") { Description = "Địa chỉ lắng nghe", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var demo = new Option<bool>("--demo") { Description = "Nạp đơn vị hành chính và tỉnh mẫu (Bắc Giang/Bắc Ninh, 2024–2025) nếu cơ sở dữ liệu còn trống" };
        var cmd = new Command("serve", "Chạy trang web và API") { urls, demo };
        cmd.SetAction(async (pr, ct) =>
        {
            var o = pr.InvocationConfiguration.Output;
            var target = await cli.OpenAsync(pr, ct);
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
            var target = await cli.OpenAsync(pr, ct, finishFills: true);
            pr.InvocationConfiguration.Output.WriteLine($"Đã cập nhật cấu trúc: {target}");
            return 0;
        });
        return new Command("db", "Cơ sở dữ liệu") { migrate };
    }
}
