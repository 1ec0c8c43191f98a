using System.CommandLine;
using System.Text.Json;
using GiamNgheo.App.Web;
using GiamNgheo.Data.Classification;
using GiamNgheo.Data.Demo;
using GiamNgheo.Files.Tabular;
using GiamNgheo.Data.Households;
using GiamNgheo.Data.Model;
using GiamNgheo.Data.Units;
using GiamNgheo.Domain.Common;
using GiamNgheo.Domain.Households;
using GiamNgheo.Domain.Units;
using Microsoft.EntityFrameworkCore;
using GiamNgheo.Files.Json;

namespace GiamNgheo.App.Cli;

/// The `giamngheo` command line. Every command calls the same Data/Domain code as the pages and the API.
public static class Commands
{
    private static readonly Option<string?> Db = new("--db")
    {
        Description = "Cơ sở dữ liệu: đường dẫn tệp SQLite, 'Data Source=…' hoặc chuỗi kết nối PostgreSQL 'Host=…' (mặc định: biến GIAMNGHEO_DB hoặc data/giamngheo.db)",
        Recursive = true,
    };

    public static RootCommand Root()
    {
        var root = new RootCommand("GiamNgheo — hệ thống quản lý hộ nghèo, hộ cận nghèo");
        root.Options.Add(Db);
        root.Subcommands.Add(Serve());
        root.Subcommands.Add(DbCommand());
        root.Subcommands.Add(UnitsCommand());
        root.Subcommands.Add(HouseholdsCommand());
        root.Subcommands.Add(DemoCommand());
        root.Subcommands.Add(ClassifyCommand());
        root.Subcommands.Add(StandardsCommand());
        root.Subcommands.Add(SimulateCommand());
        root.Subcommands.Add(PovertyIndexCommand());
        root.Subcommands.Add(ScorecardCommand());
        return root;
    }

    private static async Task<DatabaseTarget> OpenAsync(ParseResult pr, CancellationToken ct)
    {
        var target = DatabaseTarget.Resolve(pr.GetValue(Db));
        await target.MigrateAsync(ct);
        return target;
    }

    private static Command Serve()
    {
        var urls = new Option<string>("--urls") { Description = "Địa chỉ lắng nghe", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var demo = new Option<bool>("--demo") { Description = "Nạp đơn vị hành chính và tỉnh mẫu (Bắc Giang/Bắc Ninh, 2024–2025) nếu cơ sở dữ liệu còn trống" };
        var cmd = new Command("serve", "Chạy trang web và API") { urls, demo };
        cmd.SetAction(async (pr, ct) =>
        {
            var o = pr.InvocationConfiguration.Output;
            var target = await OpenAsync(pr, ct);
            if (pr.GetValue(demo)) await DemoSeed.EnsureAsync(target, o, ct);
            var app = WebHost.Build(["--urls", pr.GetValue(urls)!], target);
            await app.StartAsync(ct);
            o.WriteLine($"GiamNgheo đang chạy: {string.Join(", ", app.Urls)} ({target})");
            await app.WaitForShutdownAsync(ct);
            return 0;
        });
        return cmd;
    }

    private static Command DbCommand()
    {
        var migrate = new Command("migrate", "Tạo hoặc nâng cấp cơ sở dữ liệu");
        migrate.SetAction(async (pr, ct) =>
        {
            var o = pr.InvocationConfiguration.Output;
            var target = await OpenAsync(pr, ct);
            o.WriteLine($"Đã cập nhật cấu trúc: {target}");
            return 0;
        });
        return new Command("db", "Cơ sở dữ liệu") { migrate };
    }

    private static Command UnitsCommand()
    {
        var import = new Command("import", "Nạp đơn vị hành chính 2024 và từ 01/07/2025, phả hệ xã và danh mục dân tộc (chạy lại không thay đổi gì)");
        import.SetAction(async (pr, ct) =>
        {
            var o = pr.InvocationConfiguration.Output;
            await using var db = (await OpenAsync(pr, ct)).CreateContext();
            var r = await UnitImport.RunAsync(db, ct);
            o.WriteLine($"Đơn vị: thêm {VnFormat.Number(r.Added)}, cập nhật {VnFormat.Number(r.Updated)}, không đổi {VnFormat.Number(r.Unchanged)}; " +
                              $"phả hệ: thêm {VnFormat.Number(r.LineageAdded)}; dân tộc: thêm {r.EthnicGroupsAdded}.");
            return 0;
        });

        var parent = new Option<string?>("--parent") { Description = "Mã đơn vị cha (để trống: các tỉnh)" };
        var asOf = AsOf();
        var search = new Option<string?>("--search") { Description = "Tìm theo tên, có hoặc không dấu" };
        var format = new Option<string>("--format") { DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv", "json");
        var list = new Command("list", "Liệt kê đơn vị hành chính đang có hiệu lực vào một ngày") { parent, asOf, search, format };
        list.SetAction(async (pr, ct) =>
        {
            var o = pr.InvocationConfiguration.Output;
            var date = pr.GetValue(asOf);
            await using var db = (await OpenAsync(pr, ct)).CreateContext();
            List<UnitView> units;
            if (pr.GetValue(search) is { } s) units = await UnitQueries.SearchAsync(db, s, date, 200, ct);
            else
            {
                long? parentId = null;
                if (pr.GetValue(parent) is { } code)
                {
                    var p = await UnitQueries.ByCodeAsync(db, code, date, ct);
                    if (p is null) return Fail(pr, $"Không có đơn vị mã {code} có hiệu lực ngày {VnFormat.Date(date)}.");
                    parentId = p.Id;
                }
                units = await UnitQueries.ChildrenAsync(db, parentId, date, ct);
            }
            WriteUnits(o, units, pr.GetValue(format)!);
            return 0;
        });
        var code = new Option<string>("--code") { Description = "Mã xã/phường", Required = true };
        var areaDate = AsOf();
        var area = new Option<string>("--area") { Description = "urban (thành thị) hoặc rural (nông thôn)", Required = true };
        area.AcceptOnlyFromAmong("urban", "rural");
        var setArea = new Command("set-area", "Đặt khu vực thành thị/nông thôn của một xã (mặc định theo loại: phường, thị trấn là thành thị)") { code, areaDate, area };
        setArea.SetAction(async (pr, ct) =>
        {
            var o = pr.InvocationConfiguration.Output;
            var date = pr.GetValue(areaDate);
            await using var db = (await OpenAsync(pr, ct)).CreateContext();
            var value = pr.GetValue(area) == "urban" ? Area.Urban : Area.Rural;
            var unit = await UnitAreas.SetAsync(db, pr.GetValue(code)!, date, value, Environment.UserName, DateTime.UtcNow, ct);
            if (unit is null) return Fail(pr, $"Không có xã/phường mã {pr.GetValue(code)} có hiệu lực ngày {VnFormat.Date(date)}.");
            o.WriteLine($"{unit.Name}: khu vực {UnitTypes.AreaName(value)}. Áp dụng cho các lần nhập sau; hộ đã nhập giữ khu vực đã ghi.");
            return 0;
        });
        return new Command("units", "Đơn vị hành chính") { import, list, setArea };
    }

    /// `--as-of dd/MM/yyyy`: the date every lookup by code needs (a code alone is not a unit). Default: today.
    private static Option<DateOnly> AsOf() => new("--as-of")
    {
        Description = "Ngày hiệu lực dd/MM/yyyy (mặc định: hôm nay)",
        DefaultValueFactory = _ => DateOnly.FromDateTime(DateTime.Today),
        CustomParser = r =>
        {
            var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            if (VnFormat.TryParseDate(text, out var date)) return date;
            r.AddError($"Ngày «{text}» không hợp lệ; dùng dạng dd/MM/yyyy.");
            return default;
        },
    };

    private static void WriteUnits(TextWriter o, List<UnitView> units, string format)
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

    private static Command HouseholdsCommand()
    {
        var templateFormat = new Option<string>("--format") { DefaultValueFactory = _ => "xlsx" };
        templateFormat.AcceptOnlyFromAmong("csv", "xlsx");
        var templateOut = new Option<string?>("--output", "-o") { Description = "Tệp ghi ra (mặc định: mau-nhap-ho.xlsx/.csv)" };
        var template = new Command("template", "Ghi tệp mẫu nhập hộ (tiêu đề tiếng Việt, một dòng ví dụ, trang hướng dẫn)") { templateFormat, templateOut };
        template.SetAction(async (pr, ct) =>
        {
            var o = pr.InvocationConfiguration.Output;
            var fmt = pr.GetValue(templateFormat)!;
            var path = pr.GetValue(templateOut) ?? $"mau-nhap-ho.{fmt}";
            await using var f = File.Create(path);
            await HouseholdTemplate.WriteAsync(f, fmt == "xlsx" ? FileFormat.Xlsx : FileFormat.Csv, ct);
            o.WriteLine($"Đã ghi mẫu: {path}");
            return 0;
        });

        var file = new Argument<FileInfo>("file") { Description = "Tệp CSV hoặc XLSX theo mẫu" };
        var year = new Option<int>("--year") { Description = "Năm rà soát", Required = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Chỉ kiểm tra, không ghi gì" };
        var errorsOut = new Option<string?>("--errors-out") { Description = "Với tệp XLSX bị từ chối: ghi bản sao có cột Lỗi và ô lỗi tô màu" };
        var import = new Command("import", "Nhập danh sách hộ và thành viên (tất cả hoặc không gì cả)") { file, year, dryRun, errorsOut };
        import.SetAction(async (pr, ct) =>
        {
            var o = pr.InvocationConfiguration.Output;
            var info = pr.GetValue(file)!;
            if (!info.Exists) return Fail(pr, $"Không tìm thấy tệp {info.FullName}.");
            await using var db = (await OpenAsync(pr, ct)).CreateContext();
            var report = await HouseholdFiles.ImportAsync(db, info.FullName, pr.GetValue(year), pr.GetValue(dryRun), Environment.UserName, DateTime.UtcNow, ct);
            o.WriteLine(HouseholdFiles.Describe(report));
            if (report.Applied) o.WriteLine(Reclassification.Describe(await Reclassification.AfterImportAsync(db, report, DateTime.UtcNow, ct)));
            foreach (var e in report.Errors) o.WriteLine("  " + e);
            foreach (var d in report.Duplicates) o.WriteLine($"  Nghi trùng ({d.Kind}): {d.Description}");
            if (report.ErrorCount > 0 && pr.GetValue(errorsOut) is { } outPath && TabularFile.FromFileName(info.Name) == FileFormat.Xlsx)
            {
                await using var original = info.OpenRead();
                await File.WriteAllBytesAsync(outPath, HouseholdFiles.AnnotateErrors(original, report), ct);
                o.WriteLine($"Bản sao có đánh dấu lỗi: {outPath}");
            }
            return report.ErrorCount > 0 ? 2 : 0;
        });

        var unit = new Option<string>("--unit") { Description = "Mã đơn vị (tỉnh, huyện hoặc xã)", Required = true };
        var exportYear = new Option<int>("--year") { Description = "Năm rà soát", Required = true };
        var exportFormat = new Option<string>("--format") { DefaultValueFactory = _ => "csv" };
        exportFormat.AcceptOnlyFromAmong("csv", "xlsx");
        var exportOut = new Option<string?>("--output", "-o") { Description = "Tệp ghi ra (mặc định: ho-<mã>-<năm>.<định dạng>)" };
        var export = new Command("export", "Xuất danh sách hộ của một đơn vị theo mẫu nhập") { unit, exportYear, exportFormat, exportOut };
        export.SetAction(async (pr, ct) =>
        {
            var o = pr.InvocationConfiguration.Output;
            var y = pr.GetValue(exportYear);
            await using var db = (await OpenAsync(pr, ct)).CreateContext();
            if (await UnitForYearAsync(pr, db, pr.GetValue(unit)!, y, ct) is not { } u) return 2;
            var fmt = pr.GetValue(exportFormat)!;
            var path = pr.GetValue(exportOut) ?? $"ho-{u.Code}-{y}.{fmt}";
            await using var f = File.Create(path);
            var n = await HouseholdFiles.ExportAsync(db, f, u.Id, y, fmt == "xlsx" ? FileFormat.Xlsx : FileFormat.Csv, ct);
            o.WriteLine($"Đã xuất {VnFormat.Number(n)} dòng thành viên của {u.Name} năm {y}: {path}");
            return 0;
        });
        return new Command("households", "Hộ gia đình và thành viên") { template, import, export };
    }

    private static Command DemoCommand()
    {
        var province = new Option<string>("--province") { Description = "Mã tỉnh (theo danh mục 2024, ví dụ 24 = Bắc Giang)", Required = true };
        var year = new Option<int>("--year") { Description = "Năm rà soát", Required = true };
        var households = new Option<int>("--households") { Description = "Số hộ năm gốc 2022", DefaultValueFactory = _ => 5000 };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--output", "-o") { Description = "Chỉ ghi tệp CSV mẫu ra đây, không nhập" };
        var cmd = new Command("demo", "Tạo dữ liệu mẫu tổng hợp (không phải người thật) cho một tỉnh, cùng các hộ qua các năm") { province, year, households, seed, output };
        cmd.SetAction(async (pr, ct) =>
        {
            var o = pr.InvocationConfiguration.Output;
            var target = await OpenAsync(pr, ct);
            await using var db = target.CreateContext();
            var spec = new DemoSpec(pr.GetValue(province)!, pr.GetValue(year), pr.GetValue(households), pr.GetValue(seed));
            if (pr.GetValue(output) is { } path)
            {
                await using var f = File.Create(path);
                var rows = await DemoSeed.WriteCsvAsync(db, spec, f, ct);
                o.WriteLine($"Đã ghi {VnFormat.Number(rows)} dòng: {path}");
                return 0;
            }
            var report = await DemoSeed.ImportAsync(db, spec, ct);
            o.WriteLine(HouseholdFiles.Describe(report));
            foreach (var e in report.Errors.Take(20)) o.WriteLine("  " + e);
            return report.Applied ? 0 : 2;
        });
        return cmd;
    }

    private static Command ClassifyCommand()
    {
        var unit = new Option<string>("--unit") { Description = "Mã đơn vị (xã, huyện, tỉnh) có hiệu lực ngày rà soát của năm", Required = true };
        var year = new Option<int>("--year") { Description = "Năm rà soát", Required = true };
        var standardFile = new Option<FileInfo?>("--standard") { Description = "Tệp JSON của một chuẩn khác (mặc định: chuẩn quốc gia của năm)" };
        var cmd = new Command("classify", "Phân loại hộ theo chuẩn nghèo của năm và lưu kết quả (chỉ ghi lại khi thông tin hoặc chuẩn thay đổi)") { unit, year, standardFile };
        cmd.SetAction(async (pr, ct) =>
        {
            var o = pr.InvocationConfiguration.Output;
            var target = await OpenAsync(pr, ct);
            var y = pr.GetValue(year);
            GiamNgheo.Domain.Standards.PovertyStandard? standard = null;
            if (pr.GetValue(standardFile) is { } file && (standard = await ReadStandardAsync(pr, file, ct)) is null) return 2;
            await using var db = target.CreateContext();
            if (await UnitForYearAsync(pr, db, pr.GetValue(unit)!, y, ct) is not { } u) return 2;
            // Without --standard: the year's national standard and the province's local standards, as after an import.
            var reports = standard is null
                ? await Reclassification.RunAsync(target, u.Id, y, DateTime.UtcNow, ct)
                : [await BatchClassification.RunAsync(target, u.Id, y, standard, DateTime.UtcNow, ct)];
            if (reports.Count == 0) return Fail(pr, $"Không có chuẩn nghèo quốc gia cho năm {y}.");
            o.WriteLine(await GiamNgheo.Data.Scorecards.ScorecardStore.ForYearAsync(db, y, ct) is { } card
                ? $"Thu nhập ước tính theo Phiếu B: {card.Label}, phiên bản {card.Version}."
                : "Thu nhập: thu nhập 12 tháng đã ghi (chưa nạp Phiếu B cho năm này).");
            foreach (var r in reports)
            {
                o.WriteLine($"{u.Name}, năm {y}, chuẩn {r.StandardId}: {VnFormat.Number(r.Households)} hộ, ghi mới/thay đổi {VnFormat.Number(r.Changed)}.");
                foreach (var (category, n) in r.Counts.Where(c => c.Value > 0))
                    o.WriteLine($"  {GiamNgheo.Domain.Classification.Classifier.Name(category),-28} {VnFormat.Number(n),10}  {(r.Households == 0 ? "" : VnFormat.Percent((decimal)n / r.Households))}");
            }
            return 0;
        });
        return cmd;
    }

    private static Command StandardsCommand()
    {
        var list = new Command("list", "Liệt kê chuẩn nghèo quốc gia (kèm theo phần mềm) và chuẩn địa phương đã nạp");
        list.SetAction(async (pr, ct) =>
        {
            var o = pr.InvocationConfiguration.Output;
            await using var db = (await OpenAsync(pr, ct)).CreateContext();
            foreach (var s in HouseholdClassification.Standards.All)
                o.WriteLine($"{s.Id,-16} quốc gia   {s.FromYear}–{s.ToYear}  {s.Name}");
            foreach (var s in await LocalStandards.ListAsync(db, ct))
                o.WriteLine($"{s.Id,-16} địa phương {s.FromYear}–{s.ToYear}  {s.Name} — {s.Province.Name} (nạp {VnFormat.Date(DateOnly.FromDateTime(s.LoadedAt))} bởi {s.LoadedBy})");
            return 0;
        });

        var file = new Argument<FileInfo>("file") { Description = "Tệp JSON của chuẩn địa phương (cùng định dạng reference-data/standards, \"scope\": \"local\")" };
        var province = new Option<string>("--province") { Description = "Mã tỉnh áp dụng (có hiệu lực ngày rà soát của năm đầu của chuẩn)", Required = true };
        var add = new Command("add", "Nạp (hoặc thay) chuẩn nghèo cao hơn của một tỉnh, áp dụng bên cạnh chuẩn quốc gia, rồi phân loại lại các hộ của tỉnh") { file, province };
        add.SetAction(async (pr, ct) =>
        {
            var o = pr.InvocationConfiguration.Output;
            var info = pr.GetValue(file)!;
            if (!info.Exists) return Fail(pr, $"Không tìm thấy tệp {info.FullName}.");
            var target = await OpenAsync(pr, ct);
            await using var db = target.CreateContext();
            var r = await LocalStandards.AddAsync(db, await File.ReadAllTextAsync(info.FullName, ct), pr.GetValue(province)!, Environment.UserName, DateTime.UtcNow, ct);
            if (r.Saved is not { } s) return Fail(pr, $"Tệp {info.Name} không được nạp:\n  " + string.Join("\n  ", r.Problems));
            o.WriteLine(r.Changed
                ? $"Đã nạp chuẩn địa phương {s.Id} cho {s.Province.Name}, năm {s.FromYear}–{s.ToYear}."
                : $"Chuẩn {s.Id} đã có, không thay đổi.");
            if (!r.Changed) return 0;
            foreach (var y in Enumerable.Range(s.FromYear, s.ToYear - s.FromYear + 1))
                if (await db.HouseholdYears.AnyAsync(h => h.Year == y, ct)
                    && await UnitQueries.ByCodeAsync(db, s.Province.Code, UnitEras.ReviewDate(y), ct) is { } p && p.Id == s.Province.Id)
                    o.WriteLine($"  Năm {y}: " + Reclassification.Describe(await Reclassification.RunAsync(target, p.Id, y, DateTime.UtcNow, ct)));
            return 0;
        });
        return new Command("standards", "Chuẩn nghèo: quốc gia và của tỉnh") { list, add };
    }

    private static Command SimulateCommand()
    {
        var unit = new Option<string>("--unit") { Description = "Mã đơn vị có hiệu lực ngày rà soát của năm", Required = true };
        var year = new Option<int>("--year") { Description = "Năm rà soát (thông tin của năm này)", Required = true };
        var standardFile = new Option<FileInfo>("--standard") { Description = "Tệp JSON của chuẩn đề xuất", Required = true };
        var output = new Option<string?>("--output", "-o") { Description = "Ghi bảng kết quả ra tệp .xlsx" };
        var cmd = new Command("simulate", "Mô phỏng chuẩn nghèo mới trên thông tin của một năm: số hộ trước/sau theo đơn vị và ma trận chuyển đổi; không ghi gì") { unit, year, standardFile, output };
        cmd.SetAction(async (pr, ct) =>
        {
            var o = pr.InvocationConfiguration.Output;
            if (await ReadStandardAsync(pr, pr.GetValue(standardFile)!, ct) is not { } proposed) return 2;
            var target = await OpenAsync(pr, ct);
            var y = pr.GetValue(year);
            await using var db = target.CreateContext();
            if (await UnitForYearAsync(pr, db, pr.GetValue(unit)!, y, ct) is not { } u) return 2;
            var report = await Simulate.RunAsync(target, u.Id, y, proposed, ct);
            var t = report.Total;
            string Rate(SimulationRow r, int n) => r.Rate(n) is { } x ? VnFormat.Percent(x) : "";
            o.WriteLine($"Mô phỏng {u.Name}, thông tin năm {y}: {report.Simulation.Current.Id} → {proposed.Id} ({proposed.Name}). Không có thay đổi nào được ghi.");
            o.WriteLine($"  hộ nghèo {VnFormat.Number(t.PoorBefore)} → {VnFormat.Number(t.PoorAfter)}; hộ cận nghèo {VnFormat.Number(t.NearPoorBefore)} → {VnFormat.Number(t.NearPoorAfter)} (trên {VnFormat.Number(t.Households)} hộ)");
            foreach (var r in report.Communes.Append(t))
                o.WriteLine($"    {r.Unit,-32} {VnFormat.Number(r.Households),8} hộ  nghèo {VnFormat.Number(r.PoorBefore),6} → {VnFormat.Number(r.PoorAfter),-6} ({Rate(r, r.PoorBefore)} → {Rate(r, r.PoorAfter)})  cận nghèo {VnFormat.Number(r.NearPoorBefore)} → {VnFormat.Number(r.NearPoorAfter)}");
            o.WriteLine("  Chuyển đổi (hàng: hiện tại, cột: chuẩn mới):");
            foreach (var line in report.Matrix(n => VnFormat.Number((long)(n ?? 0))).Skip(1)) o.WriteLine("    " + string.Join(" | ", line));
            if (pr.GetValue(output) is { } path)
            {
                await using var f = File.Create(path);
                report.WriteXlsx(f);
                o.WriteLine($"Đã ghi {path}");
            }
            return 0;
        });
        return cmd;
    }

    private static Command PovertyIndexCommand()
    {
        var unit = new Option<string>("--unit") { Description = "Mã đơn vị có hiệu lực ngày rà soát của năm", Required = true };
        var year = new Option<int>("--year") { Description = "Năm rà soát", Required = true };
        var k = new Option<decimal>("--k") { Description = "Ngưỡng nghèo đa chiều: tỷ lệ có trọng số của các chỉ số thiếu hụt (mặc định 1/3)", DefaultValueFactory = _ => 1m / 3 };
        var cmd = new Command("mpi", "Chỉ số nghèo đa chiều Alkire–Foster (H, A, M0 = H × A, đóng góp từng chỉ số) theo xã; trọng số: các chiều bằng nhau, các chỉ số trong một chiều bằng nhau") { unit, year, k };
        cmd.SetAction(async (pr, ct) =>
        {
            var o = pr.InvocationConfiguration.Output;
            var target = await OpenAsync(pr, ct);
            var y = pr.GetValue(year);
            await using var db = target.CreateContext();
            if (await UnitForYearAsync(pr, db, pr.GetValue(unit)!, y, ct) is not { } u) return 2;
            var standard = HouseholdClassification.Standards.ForYear(y);
            var weights = GiamNgheo.Domain.Statistics.AlkireFoster.NestedWeights(standard.Indicators);
            (GiamNgheo.Domain.Statistics.PovertyIndex Total, Dictionary<long, GiamNgheo.Domain.Statistics.PovertyIndex> ByCommune) result;
            try { result = await PovertyIndexByUnit.RunAsync(target, u.Id, y, standard, weights, pr.GetValue(k), ct); }
            catch (ArgumentOutOfRangeException e) { return Fail(pr, e.Message.Split(" (Parameter")[0]); }
            var names = db.Units.Where(x => result.ByCommune.Keys.Contains(x.Id)).ToDictionary(x => x.Id, x => x.Name);
            string Line(string name, GiamNgheo.Domain.Statistics.PovertyIndex i) =>
                $"  {name,-32} {VnFormat.Number(i.Households),8} hộ  H {VnFormat.Percent(i.H),8}  A {VnFormat.Percent(i.A),8}  M0 {i.M0.ToString("0.0000", VnFormat.Culture)}";
            o.WriteLine($"Chỉ số nghèo đa chiều, {u.Name}, năm {y}, chỉ số của {standard.Id}, k = {pr.GetValue(k).ToString("0.###", VnFormat.Culture)}:");
            o.WriteLine(Line("Cộng", result.Total));
            foreach (var share in result.Total.Indicators)
                o.WriteLine($"    {standard.Indicators.Single(r => r.Code == share.Code).Name,-42} tỷ lệ thiếu hụt (đã kiểm duyệt) {VnFormat.Percent(share.CensoredHeadcount),8}  đóng góp {VnFormat.Percent(share.Contribution),8}");
            foreach (var (id, index) in result.ByCommune.OrderBy(x => names[x.Key])) o.WriteLine(Line(names[id], index));
            return 0;
        });
        return cmd;
    }

    /// Phiếu B (Circular 07/2021/TT-BLĐTBXH): load a card version, list the loaded ones, import the answers.
    private static Command ScorecardCommand()
    {
        var file = new Argument<FileInfo>("file") { Description = "Tệp JSON của Phiếu B (xem reference-data/scorecards/example-2022.json)" };
        var load = new Command("load", "Nạp một phiên bản Phiếu B; nạp lại cùng phiên bản không thay đổi gì") { file };
        load.SetAction(async (pr, ct) =>
        {
            var o = pr.InvocationConfiguration.Output;
            var info = pr.GetValue(file)!;
            if (!info.Exists) return Fail(pr, $"Không tìm thấy tệp {info.FullName}.");
            await using var db = (await OpenAsync(pr, ct)).CreateContext();
            var r = await GiamNgheo.Data.Scorecards.ScorecardStore.LoadAsync(db, await File.ReadAllTextAsync(info.FullName, ct), info.Name, Environment.UserName, DateTime.UtcNow, ct);
            if (r.Outcome == GiamNgheo.Data.Scorecards.LoadOutcome.Refused)
            {
                pr.InvocationConfiguration.Error.WriteLine($"Tệp {info.Name} bị từ chối, không có gì được ghi:");
                foreach (var e in r.Errors) pr.InvocationConfiguration.Error.WriteLine($"  trường «{e.Field}»" + (e.Value is null ? "" : $", giá trị «{e.Value}»") + $": {e.Message}");
                return 2;
            }
            var card = r.Card!;
            o.WriteLine(r.Outcome == GiamNgheo.Data.Scorecards.LoadOutcome.Loaded
                ? $"Đã nạp {card.Label}, mã {card.Id}, phiên bản {card.Version}, áp dụng {card.FromYear}–{card.ToYear}: {card.Characteristics.Count} đặc điểm ({card.Characteristics.Count(c => c.Answered)} cần nhập câu trả lời), {card.Regions.Count} vùng."
                : $"Phiếu {card.Id} phiên bản {card.Version} đã được nạp trước đó, không thay đổi gì.");
            if (card.Example) o.WriteLine("  Lưu ý: đây là PHIẾU MẪU, điểm không phải của văn bản chính thức.");
            // A new card changes the income of every household of its years: their results are recomputed.
            if (r.Outcome == GiamNgheo.Data.Scorecards.LoadOutcome.Loaded)
                for (var y = card.FromYear; y <= card.ToYear; y++)
                    if (await Reclassification.YearAsync(db, y, DateTime.UtcNow, ct) is { Count: > 0 } reports)
                        o.WriteLine($"  Năm {y}: " + Reclassification.Describe(reports));
            return 0;
        });
        var list = new Command("list", "Liệt kê các phiên bản Phiếu B đã nạp; phiếu áp dụng cho một năm là phiếu nạp sau cùng bao trùm năm đó");
        list.SetAction(async (pr, ct) =>
        {
            var o = pr.InvocationConfiguration.Output;
            await using var db = (await OpenAsync(pr, ct)).CreateContext();
            var rows = await GiamNgheo.Data.Scorecards.ScorecardStore.ListAsync(db, ct);
            foreach (var r in rows)
                o.WriteLine($"{r.Id,-20} {r.Version,-14} {r.FromYear}–{r.ToYear}  {(r.Example ? "phiếu mẫu" : "chính thức"),-10} nạp {r.LoadedAt.ToLocalTime():dd/MM/yyyy HH:mm}  {r.Name}");
            o.WriteLine(rows.Count == 0 ? "Chưa nạp Phiếu B nào: thu nhập dùng để phân loại là thu nhập đã ghi." : $"{rows.Count} phiên bản");
            return 0;
        });
        var answersFile = new Argument<FileInfo>("file") { Description = "Tệp CSV hoặc XLSX, mỗi dòng một câu trả lời: Mã hộ, Năm, Mã đặc điểm, Mã lựa chọn" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Chỉ kiểm tra, không ghi gì" };
        var import = new Command("import", "Nhập câu trả lời Phiếu B của các hộ (tất cả hoặc không gì cả)") { answersFile, dryRun };
        import.SetAction(async (pr, ct) =>
        {
            var o = pr.InvocationConfiguration.Output;
            var info = pr.GetValue(answersFile)!;
            if (!info.Exists) return Fail(pr, $"Không tìm thấy tệp {info.FullName}.");
            await using var db = (await OpenAsync(pr, ct)).CreateContext();
            var r = await GiamNgheo.Data.Scorecards.ScorecardAnswersImport.ImportAsync(db, info.FullName, pr.GetValue(dryRun), Environment.UserName, DateTime.UtcNow, ct);
            o.WriteLine(GiamNgheo.Data.Scorecards.ScorecardAnswersImport.Describe(r, pr.GetValue(dryRun)));
            foreach (var e in r.Errors) o.WriteLine("  " + e);
            foreach (var year in r.Communes.GroupBy(c => c.Year))
                o.WriteLine($"  Năm {year.Key}: " + Reclassification.Describe(
                    await Reclassification.CommunesAsync(db, year.Key, year.Select(c => c.CommuneId).ToList(), DateTime.UtcNow, ct)));
            return r.ErrorCount > 0 ? 2 : 0;
        });
        var answers = new Command("answers", "Câu trả lời Phiếu B theo hộ và năm") { import };
        return new Command("scorecard", "Phiếu B: bảng chấm điểm ước tính thu nhập (Thông tư 07/2021/TT-BLĐTBXH)") { load, list, answers };
    }

    /// The unit with this code standing on the review date of the year; a Vietnamese error otherwise.
    private static async Task<UnitView?> UnitForYearAsync(ParseResult pr, RegistryDb db, string code, int year, CancellationToken ct)
    {
        var unit = await UnitQueries.ByCodeAsync(db, code, UnitEras.ReviewDate(year), ct);
        if (unit is null) Fail(pr, $"Không có đơn vị mã {code} có hiệu lực ngày {VnFormat.Date(UnitEras.ReviewDate(year))}.");
        return unit;
    }

    private static async Task<GiamNgheo.Domain.Standards.PovertyStandard?> ReadStandardAsync(ParseResult pr, FileInfo file, CancellationToken ct)
    {
        string json;
        try { json = await File.ReadAllTextAsync(file.FullName, ct); }
        catch (IOException e)
        {
            Fail(pr, $"Không đọc được tệp chuẩn {file.Name}: {e.Message}");
            return null;
        }
        var (standard, problems) = GiamNgheo.Files.Json.StandardFile.Read(json);
        if (standard is null) Fail(pr, $"Tệp chuẩn {file.Name} chưa dùng được: " + string.Join("; ", problems));
        return standard;
    }

    private static int Fail(ParseResult pr, string message)
    {
        pr.InvocationConfiguration.Error.WriteLine(message);
        return 2;
    }
}
