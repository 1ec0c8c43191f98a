using System.CommandLine;
using GiamNgheo.App.Cli;
using GiamNgheo.Domain.Classification;
using GiamNgheo.Domain.Common;

namespace GiamNgheo.App.Features.Results;

/// `giamngheo classify --unit --year [--standard FILE]`.
public static class ClassifyCommand
{
    public static Command Build(CliContext cli)
    {
        var unit = new Option<string>("--unit") { Description = "Mã (hoặc tên) đơn vị (xã, huyện, tỉnh) có hiệu lực ngày rà soát của năm", Required = true };
        var year = CliContext.Year();
        var standardFile = new Option<FileInfo?>("--standard") { Description = "Tệp JSON của một chuẩn khác (mặc định: chuẩn quốc gia của năm và chuẩn địa phương của tỉnh)" };
        var cmd = new Command("classify", "Phân loại hộ theo chuẩn nghèo của năm và lưu kết quả (chỉ ghi lại khi thông tin hoặc chuẩn thay đổi)") { unit, year, standardFile };
        cmd.SetAction((pr, ct) => cli.RunAsync(pr, ct, async (services, o) =>
        {
            string? json = null;
            if (pr.GetValue(standardFile) is { } file)
            {
                if (CliContext.Missing(file) is { } missing) return CliContext.Fail(pr, missing);
                json = await File.ReadAllTextAsync(file.FullName, ct);
            }
            var result = await services.GetRequiredService<ClassificationResults>().ClassifyAsync(pr.GetValue(unit)!, pr.GetValue(year), json, cli.Operator, ct);
            if (result.Failure is { } f) return CliContext.Fail(pr, f);
            var r = result.Value!;
            o.WriteLine(r.Card is { } card
                ? $"Thu nhập ước tính theo Phiếu B: {card.Label}, phiên bản {card.Version}."
                : "Thu nhập: thu nhập 12 tháng đã ghi (chưa nạp Phiếu B cho năm này).");
            foreach (var report in r.Reports)
            {
                o.WriteLine($"{r.Unit.Name}, năm {r.Year}, chuẩn {report.StandardId}: {VnFormat.Number(report.Households)} hộ, ghi mới/thay đổi {VnFormat.Number(report.Changed)}.");
                foreach (var (category, n) in report.Counts.Where(c => c.Value > 0))
                    o.WriteLine($"  {Classifier.Name(category),-28} {VnFormat.Number(n),10}  {(report.Households == 0 ? "" : VnFormat.Percent((decimal)n / report.Households))}");
            }
            return 0;
        }));
        return cmd;
    }
}
