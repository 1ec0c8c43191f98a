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

        api.MapGet("/households", async (RegistryDb db, int year, string? unit, string? hamlet, string? q, long? after, int? pageSize, CancellationToken ct) =>
        {
            long? unitId = null;
            if (unit is not null)
            {
                var u = await UnitQueries.ByCodeAsync(db, unit, UnitEras.ReviewDate(year), ct);
                if (u is null) return Results.Problem($"Không có đơn vị mã {unit} có hiệu lực ngày {VnFormat.Date(UnitEras.ReviewDate(year))}.", statusCode: 404);
                unitId = u.Id;
            }
            var size = Math.Clamp(pageSize ?? 50, 1, 500);
            return Results.Ok(await HouseholdQueries.ListAsync(db, new HouseholdFilter(unitId, year, hamlet, q, after, size), ct));
        }).WithSummary("Danh sách hộ của một năm rà soát, lọc theo đơn vị, thôn, từ khóa; phân trang theo khóa (after = id cuối trang trước)");

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
                    indicators = e.Result.Indicators.Select(i => new
                    {
                        i.Rule.Code, i.Rule.Name, i.Rule.Dimension, status = i.Status.ToString(), i.Reason,
                        citation = i.Rule.Citation.ToString(), i.Rule.Verified,
                    }),
                })
                : Results.NotFound())
            .WithSummary("Vì sao hộ này thuộc diện nghèo/cận nghèo: phân loại theo chuẩn của năm, từng chỉ số với căn cứ pháp lý");
    }
}
