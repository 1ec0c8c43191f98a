using System.CommandLine;
using GiamNgheo.App.Cli;
using GiamNgheo.Data.Classification;
using GiamNgheo.Domain.Common;

namespace GiamNgheo.App.Features.Simulate;

/// `giamngheo simulate --unit --year --standard FILE [-o FILE.xlsx]`.
public static class SimulateCommand
{
    public static Command Build(CliContext cli)
    {
        var unit = new Option<string>("--unit") { Description = "Mã (hoặc tên) đơn vị có hiệu lực ngày rà soát của năm", Required = true };
        var year = CliContext.Year("Năm rà soát (thông tin của năm này)");
        var standardFile = new Option<FileInfo>("--standard") { Description = "Tệp JSON của chuẩn đề xuất", Required = true };
        var output = new Option<string?>("--output", "-o") { Description = "Ghi bảng kết quả ra tệp .xlsx" };
        var cmd = new Command("simulate", "Mô phỏng chuẩn nghèo mới trên thông tin của một năm: số hộ trước/sau theo đơn vị và ma trận chuyển đổi; không ghi gì") { unit, year, standardFile, output };
        cmd.SetAction((pr, ct) => cli.RunAsync(pr, ct, async (services, o) =>
        {
            var file = pr.GetValue(standardFile)!;
            if (CliContext.Missing(file) is { } missing) return CliContext.Fail(pr, missing);
            var y = pr.GetValue(year);
            var result = await services.GetRequiredService<StandardSimulation>().RunFileAsync(pr.GetValue(unit)!, y, await File.ReadAllTextAsync(file.FullName, ct), ct);
            if (result.Failure is { } f) return CliContext.Fail(pr, $"Tệp chuẩn {file.Name}: {f.Message}");
            var report = result.Value!;
            var t = report.Total;
            var proposed = report.Simulation.Proposed;
            string Rate(SimulationRow r, int n) => r.Rate(n) is { } x ? VnFormat.Percent(x) : "";
            o.WriteLine($"Mô phỏng {report.ScopeName}, thông tin năm {y}: {report.Simulation.Current.Id} → {proposed.Id} ({proposed.Name}). Không có thay đổi nào được ghi.");
            o.WriteLine($"  hộ nghèo {VnFormat.Number(t.PoorBefore)} → {VnFormat.Number(t.PoorAfter)}; hộ cận nghèo {VnFormat.Number(t.NearPoorBefore)} → {VnFormat.Number(t.NearPoorAfter)} (trên {VnFormat.Number(t.Households)} hộ)");
            foreach (var r in report.Communes.Append(t))
                o.WriteLine($"    {r.Unit,-32} {VnFormat.Number(r.Households),8} hộ  nghèo {VnFormat.Number(r.PoorBefore),6} → {VnFormat.Number(r.PoorAfter),-6} ({Rate(r, r.PoorBefore)} → {Rate(r, r.PoorAfter)})  cận nghèo {VnFormat.Number(r.NearPoorBefore)} → {VnFormat.Number(r.NearPoorAfter)}");
            o.WriteLine("  Chuyển đổi (hàng: hiện tại, cột: chuẩn mới):");
            foreach (var line in report.Matrix(n => VnFormat.Number((long)(n ?? 0))).Skip(1)) o.WriteLine("    " + string.Join(" | ", line));
            if (pr.GetValue(output) is { } path)
            {
                await using var f2 = File.Create(path);
                report.WriteXlsx(f2);
                o.WriteLine($"Đã ghi {path}");
            }
            return 0;
        }));
        return cmd;
    }
}
