using GiamNgheo.Data.Households;
using GiamNgheo.Data.Model;
using GiamNgheo.Data.Units;
using GiamNgheo.Domain.Common;
using GiamNgheo.Domain.Units;

namespace GiamNgheo.App.Api;

/// The JSON API beside the pages: the same queries, the same rules.
public static class RegistryApi
{
    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api");

        api.MapGet("/units", async (RegistryDb db, string? parent, string? asOf, string? q, CancellationToken ct) =>
        {
            var date = DateOnly.FromDateTime(DateTime.Today);
            if (asOf is not null && !DateOnly.TryParse(asOf, System.Globalization.CultureInfo.InvariantCulture, out date) && !VnFormat.TryParseDate(asOf, out date))
                return Results.Problem($"Ngày «{asOf}» không hợp lệ (yyyy-MM-dd hoặc dd/MM/yyyy).", statusCode: 400);
            if (q is not null) return Results.Ok(await UnitQueries.SearchAsync(db, q, date, 100, ct));
            long? parentId = null;
            if (parent is not null)
            {
                var p = await UnitQueries.ByCodeAsync(db, parent, date, ct);
                if (p is null) return Results.Problem($"Không có đơn vị mã {parent} có hiệu lực ngày {VnFormat.Date(date)}.", statusCode: 404);
                parentId = p.Id;
            }
            return Results.Ok(await UnitQueries.ChildrenAsync(db, parentId, date, ct));
        }).WithSummary("Đơn vị hành chính có hiệu lực vào một ngày (mặc định hôm nay): các tỉnh, con của một đơn vị, hoặc tìm theo tên");

        api.MapGet("/units/{id:long}", async (RegistryDb db, long id, CancellationToken ct) =>
            await UnitQueries.ByIdAsync(db, id, ct) is { } u ? Results.Ok(u) : Results.NotFound())
            .WithSummary("Một đơn vị theo mã định danh nội bộ (mã + thời kỳ hiệu lực)");

        api.MapGet("/households", async (RegistryDb db, int year, string? unit, string? hamlet, string? q, long? after, int? pageSize,
            string? category, string? standard, CancellationToken ct) =>
        {
            long? unitId = null;
            if (unit is not null)
            {
                var u = await UnitQueries.ByCodeAsync(db, unit, UnitEras.ReviewDate(year), ct);
                if (u is null) return Results.Problem($"Không có đơn vị mã {unit} có hiệu lực ngày {VnFormat.Date(UnitEras.ReviewDate(year))}.", statusCode: 404);
                unitId = u.Id;
            }
            Domain.Classification.Category? cat = null;
            if (category is not null)
            {
                if (!Enum.TryParse<Domain.Classification.Category>(category, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                    return Results.Problem($"Phân loại «{category}» không hợp lệ; dùng một trong: {string.Join(", ", Enum.GetNames<Domain.Classification.Category>())}.", statusCode: 400);
                cat = parsed;
            }
            var standards = Data.Classification.HouseholdClassification.Standards;
            var size = Math.Clamp(pageSize ?? 50, 1, 500);
            return Results.Ok(await HouseholdQueries.ListAsync(db, new HouseholdFilter(unitId, year, hamlet, q, after, size,
                standard ?? standards.National(year)?.Id, (int?)cat), ct));
        }).WithSummary("Danh sách hộ của một năm rà soát, lọc theo đơn vị, thôn, từ khóa, phân loại đã lưu (Poor, NearPoor…; theo chuẩn quốc gia của năm hoặc standard); phân trang theo khóa (after = id cuối trang trước)");

        api.MapGet("/households/{id:long}", async (RegistryDb db, long id, int? year, CancellationToken ct) =>
            await HouseholdQueries.ByIdAsync(db, id, year, ct) is { } h ? Results.Ok(h) : Results.NotFound())
            .WithSummary("Một hộ trong một năm rà soát (mặc định năm gần nhất), với thành viên");

        api.MapGet("/households/{id:long}/classification", async (RegistryDb db, long id, int? year, CancellationToken ct) =>
            await Data.Classification.HouseholdClassification.ExplainAsync(db, id, year, ct) is { } e
                ? Results.Ok(new
                {
                    household = e.Household.Code, e.Household.Year, standard = e.Standard.Id, standardName = e.Standard.Name,
                    category = e.Result.Category.ToString(), categoryName = Domain.Classification.Classifier.Name(e.Result.Category),
                    e.Result.IncomePerPersonMonth, e.Result.PovertyLine, area = e.Result.Area.ToString(), e.Result.Deprivations, e.Result.Unknown,
                    e.Result.Reason, exitPaths = e.ExitPaths, e.Standard.Note, incomeSource = e.Result.IncomeSource,
                    scorecard = e.Result.Proxy is not { } p ? null : new
                    {
                        p.Card.Id, p.Card.Version, p.Card.Name, p.Card.Example, region = p.Region.Code, regionName = p.Region.Name,
                        p.Total, p.EstimatedIncome, cutoffScore = p.Card.FirstScoreAbove(p.Region.Code, e.Result.PovertyLine), summary = p.Describe(),
                        items = p.Items.Select(i => new { i.Characteristic.Code, i.Characteristic.Name, option = i.Option?.Code, optionLabel = i.Option?.Label, i.Points, i.Known, i.Reason }),
                    },
                    local = e.Local.Select(l => new { standard = l.Standard.Id, standardName = l.Standard.Name, category = l.Result.Category.ToString(),
                        categoryName = Domain.Classification.Classifier.Name(l.Result.Category), l.Result.Reason }),
                    indicators = e.Result.Indicators.Select(i => new
                    {
                        i.Rule.Code, i.Rule.Name, i.Rule.Dimension, status = i.Status.ToString(), i.Reason,
                        citation = i.Rule.Citation.ToString(), i.Rule.Verified,
                    }),
                })
                : Results.NotFound())
            .WithSummary("Vì sao hộ này thuộc diện nghèo/cận nghèo: phân loại theo chuẩn của năm, từng chỉ số với căn cứ pháp lý");

        api.MapGet("/results", async (RegistryDb db, string unit, int year, string? standard, CancellationToken ct) =>
        {
            var u = await UnitQueries.ByCodeAsync(db, unit, UnitEras.ReviewDate(year), ct);
            if (u is null) return Results.Problem($"Không có đơn vị mã {unit} có hiệu lực ngày {VnFormat.Date(UnitEras.ReviewDate(year))}.", statusCode: 404);
            var standards = await Data.Classification.ResultQueries.StandardsForAsync(db, u.Id, year, ct);
            if (standards.Count == 0) return Results.Problem($"Năm {year} chưa có chuẩn nghèo quốc gia.", statusCode: 404);
            var id = standard ?? standards[0].Id;
            if (standards.All(s => s.Id != id))
                return Results.Problem($"Chuẩn {id} không áp dụng cho {u.Name} năm {year}; có: {string.Join(", ", standards.Select(s => s.Id))}.", statusCode: 404);
            var (total, children) = await Data.Classification.ResultQueries.ByChildAsync(db, u, year, id, ct);
            object Row(Data.Classification.CategoryCounts c) => new
            {
                unit = c.Unit.Code, c.Unit.Name, c.Households, c.Unclassified,
                counts = Enum.GetValues<Domain.Classification.Category>().ToDictionary(k => k.ToString(), c.Count),
                poorRate = Round(c.Rate(Domain.Classification.Category.Poor)), nearPoorRate = Round(c.Rate(Domain.Classification.Category.NearPoor)),
            };
            static decimal? Round(decimal? share) => share is { } x ? Math.Round(x, 6) : null;
            return Results.Ok(new { year, standard = id, total = Row(total), children = children.Select(Row) });
        }).WithSummary("Kết quả phân loại đã lưu của một đơn vị trong một năm, theo đơn vị con: số hộ theo nhóm, tỷ lệ nghèo, cận nghèo; chuẩn quốc gia hoặc chuẩn địa phương");
    }
}
