using System.CommandLine;
using GiamNgheo.App.Cli;
using GiamNgheo.Domain.Common;
using GiamNgheo.Domain.Statistics;

namespace GiamNgheo.App.Features.Mpi;

/// `giamngheo mpi --unit --year [--k 33,33]`.
public static class MpiCommand
{
    public static Command Build(CliContext cli)
    {
        var unit = new Option<string>("--unit") { Description = "Mã (hoặc tên) đơn vị có hiệu lực ngày rà soát của năm", Required = true };
        var year = CliContext.Year();
        var k = new Option<string?>("--k") { Description = "Ngưỡng nghèo đa chiều k, phần trăm tổng trọng số các chỉ số thiếu hụt, như trên trang (mặc định 33,33 = 1/3)" };
        var cmd = new Command("mpi", "Chỉ số nghèo đa chiều Alkire–Foster (H, A, M0 = H × A, đóng góp từng chỉ số) theo xã; trọng số: các chiều bằng nhau, các chỉ số trong một chiều bằng nhau") { unit, year, k };
        cmd.SetAction((pr, ct) => cli.RunAsync(pr, ct, async (services, o) =>
        {
            var result = await services.GetRequiredService<PovertyIndexReport>().ComputeAsync(pr.GetValue(unit)!, pr.GetValue(year), pr.GetValue(k), ct);
            if (result.Failure is { } f) return CliContext.Fail(pr, f);
            var v = result.Value!;
            string Line(string name, PovertyIndex i) =>
                $"  {name,-32} {VnFormat.Number(i.Households),8} hộ  H {VnFormat.Percent(i.H),8}  A {VnFormat.Percent(i.A),8}  M0 {i.M0.ToString("0.0000", VnFormat.Culture)}";
            o.WriteLine($"Chỉ số nghèo đa chiều, {v.Unit.Name}, năm {v.Year}, chỉ số của {v.Standard.Id}, k = {AlkireFoster.CutoffText(v.K)}%:");
            o.WriteLine(Line("Cộng", v.Total));
            foreach (var share in v.Total.Indicators)
                o.WriteLine($"    {v.Standard.Indicators.Single(r => r.Code == share.Code).Name,-42} tỷ lệ hộ nghèo đa chiều có thiếu hụt {VnFormat.Percent(share.CensoredHeadcount),8}  đóng góp {VnFormat.Percent(share.Contribution),8}");
            foreach (var (name, index) in v.Communes.OrderBy(c => c.Name)) o.WriteLine(Line(name, index));
            return 0;
        }));
        return cmd;
    }
}
