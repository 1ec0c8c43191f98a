using System.CommandLine;
using System.Text.Json;
using GiamNgheo.App.Cli;
using GiamNgheo.Data.Units;
using GiamNgheo.Domain.Common;
using GiamNgheo.Domain.Units;
using GiamNgheo.Files.Tabular;

namespace GiamNgheo.App.Features.Units;

/// `giamngheo units import|list|set-area`.
public static class UnitsCommand
{
    public static Command Build(CliContext cli)
    {
        var import = new Command("import", "Nạp đơn vị hành chính 2024 và từ 01/07/2025, phả hệ xã và danh mục dân tộc (chạy lại không thay đổi gì)");
        import.SetAction((pr, ct) => cli.RunAsync(pr, ct, async (services, o) =>
        {
            var r = await services.GetRequiredService<UnitDirectory>().ImportReferenceAsync(cli.Operator, ct);
            o.WriteLine($"Đơn vị: thêm {VnFormat.Number(r.Added)}, cập nhật {VnFormat.Number(r.Updated)}, không đổi {VnFormat.Number(r.Unchanged)}; " +
                        $"phả hệ: thêm {VnFormat.Number(r.LineageAdded)}; dân tộc: thêm {r.EthnicGroupsAdded}.");
            return 0;
        }));

        var parent = new Option<string?>("--parent") { Description = "Mã (hoặc tên) đơn vị cha (để trống: các tỉnh)" };
        var asOf = CliContext.AsOf();
        var search = new Option<string?>("--search") { Description = "Tìm theo tên, có hoặc không dấu" };
        var format = new Option<string>("--format") { DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv", "json");
        var list = new Command("list", "Liệt kê đơn vị hành chính đang có hiệu lực vào một ngày") { parent, asOf, search, format };
        list.SetAction((pr, ct) => cli.RunAsync(pr, ct, async (services, o) =>
        {
            var units = services.GetRequiredService<UnitDirectory>();
            var date = CliContext.DateOf(pr, asOf);
            List<UnitView> found;
            if (pr.GetValue(search) is { } s) found = await units.SearchAsync(s, date, 200, ct);
            else
            {
                var children = await units.ChildrenAsync(pr.GetValue(parent), date, ct);
                if (children.Failure is { } f) return CliContext.Fail(pr, f);
                found = children.Value!;
            }
            Write(o, found, pr.GetValue(format)!);
            return 0;
        }));

        var code = new Option<string>("--code") { Description = "Mã xã/phường", Required = true };
        var areaDate = CliContext.AsOf();
        var area = new Option<string>("--area") { Description = "urban (thành thị) hoặc rural (nông thôn)", Required = true };
        area.AcceptOnlyFromAmong("urban", "rural");
        var setArea = new Command("set-area", "Đặt khu vực thành thị/nông thôn của một xã (mặc định theo loại: phường, thị trấn là thành thị)") { code, areaDate, area };
        setArea.SetAction((pr, ct) => cli.RunAsync(pr, ct, async (services, o) =>
        {
            var value = pr.GetValue(area) == "urban" ? Area.Urban : Area.Rural;
            var unit = await services.GetRequiredService<UnitDirectory>().SetAreaAsync(pr.GetValue(code)!, CliContext.DateOf(pr, areaDate), value, cli.Operator, ct);
            if (unit.Failure is { } f) return CliContext.Fail(pr, f);
            o.WriteLine($"{unit.Value!.Name}: khu vực {UnitTypes.AreaName(value)}. Áp dụng cho các lần nhập sau; hộ đã nhập giữ khu vực đã ghi.");
            return 0;
        }));
        return new Command("units", "Đơn vị hành chính") { import, list, setArea };
    }

    private static void Write(TextWriter o, List<UnitView> units, string format)
    {
        string Valid(UnitView u) => (u.ValidFrom is { } f ? VnFormat.Date(f) : "") + "–" + (u.ValidTo is { } t ? VnFormat.Date(t) : "");
        switch (format)
        {
            case "json":
                o.WriteLine(JsonSerializer.Serialize(units.Select(u => new { u.Code, u.Name, u.Type, level = u.Level.ToString().ToLowerInvariant(), u.ValidFrom, u.ValidTo }),
                    new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
                break;
            case "csv":
                o.WriteLine("code,name,type,valid_from,valid_to");
                foreach (var u in units) o.WriteLine(CsvWriter.Line([u.Code, u.Name, u.Type, u.ValidFrom?.ToString("yyyy-MM-dd") ?? "", u.ValidTo?.ToString("yyyy-MM-dd") ?? ""]));
                break;
            default:
                foreach (var u in units) o.WriteLine($"{u.Code,-6} {u.Name,-40} {u.Type,-22} {Valid(u)}");
                o.WriteLine($"{VnFormat.Number(units.Count)} đơn vị");
                break;
        }
    }
}
