using System.CommandLine;
using GiamNgheo.App.Cli;
using GiamNgheo.Domain.Common;

namespace GiamNgheo.App.Features.Demo;

/// `giamngheo demo --province --year [--households] [--seed] [-o FILE.csv]`.
public static class DemoCommand
{
    public static Command Build(CliContext cli)
    {
        var province = new Option<string>("--province") { Description = "Mã tỉnh (theo danh mục 2024, ví dụ 24 = Bắc Giang)", Required = true };
        var year = CliContext.Year();
        var households = new Option<int>("--households") { Description = "Số hộ năm gốc 2022", DefaultValueFactory = _ => 5000 };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--output", "-o") { Description = "Chỉ ghi tệp CSV mẫu ra đây, không nhập" };
        var cmd = new Command("demo", "Tạo dữ liệu mẫu tổng hợp (không phải người thật) cho một tỉnh, cùng các hộ qua các năm") { province, year, households, seed, output };
        cmd.SetAction((pr, ct) => cli.RunAsync(pr, ct, async (services, o) =>
        {
            var demo = services.GetRequiredService<DemoProvinceSeed>();
            var spec = new DemoSpec(pr.GetValue(province)!, pr.GetValue(year), pr.GetValue(households), pr.GetValue(seed));
            if (pr.GetValue(output) is { } path)
            {
                Outcome<int> written;
                await using (var file = File.Create(path)) written = await demo.WriteCsvAsync(spec, file, ct);
                if (written.Failure is { } wf) return CliContext.Fail(pr, wf);
                o.WriteLine($"Đã ghi {VnFormat.Number(written.Value)} dòng: {path}");
                return 0;
            }
            var imported = await demo.ImportAsync(spec, cli.Operator, ct);
            if (imported.Failure is { } f) return CliContext.Fail(pr, f);
            o.WriteLine(imported.Value!.Message);
            foreach (var e in imported.Value.Report.Errors.Take(20)) o.WriteLine("  " + e);
            return imported.Value.Report.Applied ? 0 : 2;
        }));
        return cmd;
    }
}
