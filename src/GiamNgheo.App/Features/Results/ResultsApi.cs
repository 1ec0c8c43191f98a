using GiamNgheo.App.Web;
using GiamNgheo.Data.Classification;
using GiamNgheo.Domain.Classification;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GiamNgheo.App.Features.Results;

public static class ResultsApi
{
    /// Recomputing: some of the unit's communes wait for their reclassification after a change; their counts and rates
    /// are left out (null, empty) rather than shown stale.
    public sealed record CountsRow(string Unit, string Name, int Households, int? Unclassified, Dictionary<string, int> Counts, decimal? PoorRate,
        decimal? NearPoorRate, bool Recomputing);

    public sealed record ResultsResponse(int Year, string? Standard, CountsRow? Total, IReadOnlyList<CountsRow> Children);

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/results", async Task<Results<Ok<ResultsResponse>, ProblemHttpResult>> (ClassificationResults results, string unit, int year,
            string? standard, CancellationToken ct) =>
        {
            var r = await results.ForUnitAsync(unit, year, standard, ct);
            if (r.Failure is { } f) return Problems.From(f);
            if (r.Value!.Total is null) return Problems.From(Failure.NotFound($"Năm {year} chưa có chuẩn nghèo quốc gia."));
            return TypedResults.Ok(new ResultsResponse(r.Value.Year, r.Value.Standard, Row(r.Value.Total), r.Value.Children.Select(Row).ToList()));
        }).WithSummary("Kết quả phân loại đã lưu của một đơn vị (mã hoặc tên) trong một năm, theo đơn vị con: số hộ theo nhóm, tỷ lệ nghèo, cận nghèo; chuẩn quốc gia hoặc chuẩn địa phương");
    }

    private static CountsRow Row(CategoryCounts c) => c.Recomputing
        ? new(c.Unit.Code, c.Unit.Name, c.Households, null, [], null, null, true)
        : new(c.Unit.Code, c.Unit.Name, c.Households, c.Unclassified,
            Enum.GetValues<Category>().ToDictionary(k => k.ToString(), c.Count), Round(c.Rate(Category.Poor)), Round(c.Rate(Category.NearPoor)), false);

    private static decimal? Round(decimal? share) => share is { } x ? Math.Round(x, 6) : null;
}
