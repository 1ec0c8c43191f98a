using System.CommandLine;
using GiamNgheo.App.Cli;
using GiamNgheo.Domain.Common;
using GiamNgheo.Files.Tabular;

namespace GiamNgheo.App.Features.Import;

/// `giamngheo households template|import|export`: the exchange file on the command line.
public static class HouseholdsCommand
{
    public static Command Build(CliContext cli)
    {
        var templateFormat = new Option<string>("--format") { DefaultValueFactory = _ => "xlsx" };
        templateFormat.AcceptOnlyFromAmong("csv", "xlsx");
        var templateOut = new Option<string?>("--output", "-o") { Description = "Tệp ghi ra (mặc định: mau-nhap-ho.xlsx/.csv)" };
        var template = new Command("template", "Ghi tệp mẫu nhập hộ (tiêu đề tiếng Việt, một dòng ví dụ, trang hướng dẫn)") { templateFormat, templateOut };
        template.SetAction(async (pr, ct) =>
        {
            var fmt = pr.GetValue(templateFormat)!;
            var path = pr.GetValue(templateOut) ?? $"mau-nhap-ho.{fmt}";
            await using (var f = File.Create(path))
                await HouseholdExchange.WriteTemplateAsync(f, TabularFile.Named(fmt, FileFormat.Xlsx), ct);
            pr.InvocationConfiguration.Output.WriteLine($"Đã ghi mẫu: {path}");
            return 0;
        });

        var file = CliContext.File("Tệp CSV hoặc XLSX theo mẫu");
        var year = CliContext.Year();
        var dryRun = new Option<bool>("--dry-run") { Description = "Chỉ kiểm tra, không ghi gì" };
        var errorsOut = new Option<string?>("--errors-out") { Description = "Với tệp XLSX bị từ chối: ghi bản sao có cột Lỗi và ô lỗi tô màu" };
        var import = new Command("import", "Nhập danh sách hộ và thành viên (tất cả hoặc không gì cả)") { file, year, dryRun, errorsOut };
        import.SetAction((pr, ct) => cli.RunAsync(pr, ct, async (services, o) =>
        {
            var info = pr.GetValue(file)!;
            if (CliContext.Missing(info) is { } missing) return CliContext.Fail(pr, missing);
            Outcome<ImportOutcome> result;
            await using (var stream = info.OpenRead())
                result = await services.GetRequiredService<HouseholdExchange>().ImportFileAsync(stream, info.Name, pr.GetValue(year), pr.GetValue(dryRun), cli.Operator, ct);
            if (result.Failure is { } f) return CliContext.Fail(pr, f);
            var outcome = result.Value!;
            o.WriteLine(outcome.Message);
            foreach (var e in outcome.Report.Errors) o.WriteLine("  " + e);
            foreach (var line in Data.Households.HouseholdFiles.Details(outcome.Report)) o.WriteLine("  " + line);
            if (outcome.Report.ErrorCount > 0 && pr.GetValue(errorsOut) is { } outPath && outcome.Report.Layout?.Format == FileFormat.Xlsx)
            {
                await using var original = info.OpenRead();
                await File.WriteAllBytesAsync(outPath, HouseholdExchange.ErrorCopy(original, outcome.Report), ct);
                o.WriteLine($"Bản sao có đánh dấu lỗi: {outPath}");
            }
            return outcome.Report.ErrorCount > 0 ? 2 : 0;
        }));

        var unit = new Option<string>("--unit") { Description = "Mã (hoặc tên) đơn vị: tỉnh, huyện hoặc xã", Required = true };
        var exportYear = CliContext.Year();
        var exportFormat = new Option<string>("--format") { DefaultValueFactory = _ => "csv" };
        exportFormat.AcceptOnlyFromAmong("csv", "xlsx");
        var exportOut = new Option<string?>("--output", "-o") { Description = "Tệp ghi ra (mặc định: ho-<mã>-<năm>.<định dạng>)" };
        var export = new Command("export", "Xuất danh sách hộ của một đơn vị theo mẫu nhập") { unit, exportYear, exportFormat, exportOut };
        export.SetAction((pr, ct) => cli.RunAsync(pr, ct, async (services, o) =>
        {
            var y = pr.GetValue(exportYear);
            var fmt = pr.GetValue(exportFormat)!;
            var temp = Path.GetTempFileName();
            Outcome<ExportResult> result;
            await using (var f = File.Create(temp))
                result = await services.GetRequiredService<HouseholdExchange>().ExportAsync(pr.GetValue(unit)!, y, TabularFile.Named(fmt, FileFormat.Csv), f, ct);
            if (result.Failure is { } failure)
            {
                File.Delete(temp);
                return CliContext.Fail(pr, failure);
            }
            var path = pr.GetValue(exportOut) ?? $"ho-{result.Value!.Unit.Code}-{y}.{fmt}";
            File.Move(temp, path, overwrite: true);
            o.WriteLine($"Đã xuất {VnFormat.Number(result.Value!.Rows)} dòng thành viên của {result.Value.Unit.Name} năm {y}: {path}");
            return 0;
        }));
        return new Command("households", "Hộ gia đình: tệp trao đổi (mẫu, nhập, xuất)") { template, import, export };
    }
}
