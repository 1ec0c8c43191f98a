using GiamNgheo.App.Web;
using GiamNgheo.Data.Households;
using GiamNgheo.Data.Units;
using GiamNgheo.Domain.Households;
using GiamNgheo.Domain.Units;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GiamNgheo.App.Features.Households;

public static class HouseholdsApi
{
    /// A household's year as the API shows it: its facts and its members (the classification's own input stays inside).
    public sealed record HouseholdResponse(long HouseholdId, string Code, int Year, UnitView Commune, HouseholdFacts Facts, Area Area,
        IReadOnlyList<MemberView> Members, IReadOnlyList<int> Years);

    public sealed record HouseholdListResponse(int Year, string? Unit, string? Standard, int Total, IReadOnlyList<HouseholdRow> Rows, long? NextAfter);

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/households", async Task<Results<Ok<HouseholdListResponse>, ProblemHttpResult>> (HouseholdRecords households, int? year, string? unit,
            string? hamlet, string? q, long? after, int? pageSize, string? category, string? standard, CancellationToken ct) =>
        {
            var list = await households.ListAsync(new HouseholdListQuery(unit, year, hamlet, q, after, category, standard, pageSize ?? 50), ct);
            if (list.Failure is { } f) return Problems.From(f);
            var l = list.Value!;
            return TypedResults.Ok(new HouseholdListResponse(l.Year, l.Unit?.Code, l.Standard, l.Total, l.Page.Rows, l.Page.NextAfter));
        }).WithSummary("Danh sách hộ của một năm rà soát, lọc theo đơn vị (mã hoặc tên), thôn, từ khóa (mã hộ hoặc tên chủ hộ, có hoặc không dấu), phân loại đã lưu (Poor, NearPoor…; theo chuẩn quốc gia của năm hoặc standard); phân trang theo khóa (after = id cuối trang trước); total = số hộ khớp điều kiện");

        api.MapGet("/households/{id:long}", async Task<Results<Ok<HouseholdResponse>, ProblemHttpResult>> (HouseholdRecords households, long id, int? year,
            CancellationToken ct) =>
        {
            var result = await households.GetAsync(id, year, ct);
            if (result.Failure is { } f) return Problems.From(f);
            var h = result.Value!.Household;
            return TypedResults.Ok(new HouseholdResponse(h.HouseholdId, h.Code, h.Year, h.Commune, h.Facts, h.Area, h.Members, h.Years));
        }).WithSummary("Một hộ trong một năm rà soát (mặc định năm gần nhất), với thành viên");
    }
}
