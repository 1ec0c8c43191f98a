using System.CommandLine;
using GiamNgheo.App.Cli;
using GiamNgheo.Data.Classification;
using GiamNgheo.Data.Scorecards;

namespace GiamNgheo.App.Features.Scorecards;

/// `giamngheo scorecard load|list|answers import`.
public static class ScorecardCommand
{
    public static Command Build(CliContext cli)
    {
        var file = CliContext.File("Tệp JSON của Phiếu B (xem reference-data/scorecards/example-2022.json)");
        var load = new Command("load", "Nạp một phiên bản Phiếu B; nạp lại cùng phiên bản không thay đổi gì") { file };
        load.SetAction((pr, ct) => cli.RunAsync(pr, ct, async (services, o) =>
        {
            var info = pr.GetValue(file)!;
            if (CliContext.Missing(info) is { } missing) return CliContext.Fail(pr, missing);
            var loaded = await services.GetRequiredService<ScorecardCards>().LoadAsync(await File.ReadAllTextAsync(info.FullName, ct), info.Name, cli.Operator, ct);
            var r = loaded.Report;
            if (r.Outcome == LoadOutcome.Refused)
            {
                pr.InvocationConfiguration.Error.WriteLine($"Tệp {info.Name} bị từ chối, không có gì được ghi:");
                foreach (var e in r.Errors) pr.InvocationConfiguration.Error.WriteLine($"  trường «{e.Field}»" + (e.Value is null ? "" : $", giá trị «{e.Value}»") + $": {e.Message}");
                return 2;
            }
            var card = r.Card!;
            o.WriteLine(r.Outcome == LoadOutcome.Loaded
                ? $"Đã nạp {card.Label}, mã {card.Id}, phiên bản {card.Version}, áp dụng {card.FromYear}–{card.ToYear}: {card.Characteristics.Count} đặc điểm ({card.Characteristics.Count(c => c.Answered)} cần nhập câu trả lời), {card.Regions.Count} vùng."
                : $"Phiếu {card.Id} phiên bản {card.Version} đã được nạp trước đó, không thay đổi gì.");
            if (card.Example) o.WriteLine("  Lưu ý: đây là PHIẾU MẪU, điểm không phải của văn bản chính thức.");
            foreach (var (year, reports) in loaded.Reclassified) o.WriteLine($"  Năm {year}: " + ClassifyReports.Describe(reports));
            return 0;
        }));

        var list = new Command("list", "Liệt kê các phiên bản Phiếu B đã nạp; phiếu áp dụng cho một năm là phiếu nạp sau cùng bao trùm năm đó");
        list.SetAction((pr, ct) => cli.RunAsync(pr, ct, async (services, o) =>
        {
            var rows = await services.GetRequiredService<ScorecardCards>().ListAsync(ct);
            foreach (var r in rows)
                o.WriteLine($"{r.Id,-20} {r.Version,-14} {r.FromYear}–{r.ToYear}  {(r.Example ? "phiếu mẫu" : "chính thức"),-10} nạp {r.LoadedAt.ToLocalTime():dd/MM/yyyy HH:mm}  {r.Name}");
            o.WriteLine(rows.Count == 0 ? "Chưa nạp Phiếu B nào: thu nhập dùng để phân loại là thu nhập đã ghi." : $"{rows.Count} phiên bản");
            return 0;
        }));

        var answersFile = CliContext.File("Tệp CSV hoặc XLSX, mỗi dòng một câu trả lời: Mã hộ, Năm, Mã đặc điểm, Mã lựa chọn");
        var dryRun = new Option<bool>("--dry-run") { Description = "Chỉ kiểm tra, không ghi gì" };
        var import = new Command("import", "Nhập câu trả lời Phiếu B của các hộ (tất cả hoặc không gì cả)") { answersFile, dryRun };
        import.SetAction((pr, ct) => cli.RunAsync(pr, ct, async (services, o) =>
        {
            var info = pr.GetValue(answersFile)!;
            if (CliContext.Missing(info) is { } missing) return CliContext.Fail(pr, missing);
            AnswersImported r;
            await using (var stream = info.OpenRead())
                r = await services.GetRequiredService<ScorecardCards>().ImportAnswersAsync(stream, info.Name, pr.GetValue(dryRun), cli.Operator, ct);
            o.WriteLine(r.Message);
            foreach (var e in r.Report.Errors) o.WriteLine("  " + e);
            foreach (var (year, reports) in r.Reclassified) o.WriteLine($"  Năm {year}: " + ClassifyReports.Describe(reports));
            return r.Report.ErrorCount > 0 ? 2 : 0;
        }));
        var answers = new Command("answers", "Câu trả lời Phiếu B theo hộ và năm") { import };
        return new Command("scorecard", "Phiếu B: bảng chấm điểm ước tính thu nhập (Thông tư 07/2021/TT-BLĐTBXH)") { load, list, answers };
    }
}
