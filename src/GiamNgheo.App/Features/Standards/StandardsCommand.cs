using System.CommandLine;
using GiamNgheo.App.Cli;
using GiamNgheo.Data.Classification;
using GiamNgheo.Domain.Common;

namespace GiamNgheo.App.Features.Standards;

/// `giamngheo standards list|add`.
public static class StandardsCommand
{
    public static Command Build(CliContext cli)
    {
        var list = new Command("list", "Liệt kê chuẩn nghèo quốc gia (kèm theo phần mềm) và chuẩn địa phương đã nạp");
        list.SetAction((pr, ct) => cli.RunAsync(pr, ct, async (services, o) =>
        {
            var all = await services.GetRequiredService<StandardsCatalogue>().ListAsync(ct);
            foreach (var s in all.National) o.WriteLine($"{s.Id,-16} quốc gia   {s.FromYear}–{s.ToYear}  {s.Name}");
            foreach (var s in all.Local)
                o.WriteLine($"{s.Id,-16} địa phương {s.FromYear}–{s.ToYear}  {s.Name} — {s.Province.Name} (nạp {VnFormat.Date(DateOnly.FromDateTime(s.LoadedAt))} bởi {s.LoadedBy})");
            return 0;
        }));

        var file = CliContext.File("Tệp JSON của chuẩn địa phương (cùng định dạng reference-data/standards, \"scope\": \"local\")");
        var province = new Option<string>("--province") { Description = "Mã tỉnh áp dụng (có hiệu lực ngày rà soát của năm đầu của chuẩn)", Required = true };
        var add = new Command("add", "Nạp (hoặc thay) chuẩn nghèo cao hơn của một tỉnh, áp dụng bên cạnh chuẩn quốc gia, rồi phân loại lại các hộ của tỉnh") { file, province };
        add.SetAction((pr, ct) => cli.RunAsync(pr, ct, async (services, o) =>
        {
            var info = pr.GetValue(file)!;
            if (CliContext.Missing(info) is { } missing) return CliContext.Fail(pr, missing);
            var r = await services.GetRequiredService<StandardsCatalogue>().AddLocalAsync(await File.ReadAllTextAsync(info.FullName, ct), pr.GetValue(province)!, cli.Operator, ct);
            if (r.Failure is { } f) return CliContext.Fail(pr, $"Tệp {info.Name}: {f.Message}");
            var s = r.Value!.Standard;
            o.WriteLine(r.Value.Changed
                ? $"Đã nạp chuẩn địa phương {s.Id} cho {s.Province.Name}, năm {s.FromYear}–{s.ToYear}."
                : $"Chuẩn {s.Id} đã có, không thay đổi.");
            foreach (var (year, reports) in r.Value.Reclassified) o.WriteLine($"  Năm {year}: " + ClassifyReports.Describe(reports));
            return 0;
        }));
        return new Command("standards", "Chuẩn nghèo: quốc gia và của tỉnh") { list, add };
    }
}
