using GiamNgheo.Data.Scorecards;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GiamNgheo.App.Features.Scorecards;

public static class ScorecardsApi
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/scorecards", async Task<Ok<List<ScorecardRow>>> (ScorecardCards cards, CancellationToken ct) => TypedResults.Ok(await cards.ListAsync(ct)))
            .WithSummary("Các phiên bản Phiếu B đã nạp (phiếu áp dụng cho một năm là phiếu nạp sau cùng bao trùm năm đó); example = phiếu mẫu");
}
