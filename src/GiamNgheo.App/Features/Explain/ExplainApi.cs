using GiamNgheo.App.Web;
using GiamNgheo.Domain.Classification;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GiamNgheo.App.Features.Explain;

public static class ExplainApi
{
    public sealed record ScorecardItem(string Code, string Name, string? Option, string? OptionLabel, int Points, bool Known, string Reason);

    public sealed record ScorecardPart(string Id, string Version, string Name, bool Example, string Region, string RegionName, int Total,
        decimal? EstimatedIncome, int? CutoffScore, string Summary, IReadOnlyList<ScorecardItem> Items);

    public sealed record LocalPart(string Standard, string StandardName, string Category, string CategoryName, string Reason);

    public sealed record IndicatorPart(string Code, string Name, string Dimension, string Status, string Reason, string Citation, bool Verified);

    public sealed record ClassificationResponse(string Household, int Year, string Standard, string StandardName, string Category, string CategoryName,
        decimal? IncomePerPersonMonth, decimal PovertyLine, string Area, int Deprivations, int Unknown, string Reason, IReadOnlyList<string> ExitPaths,
        string? Note, string IncomeSource, ScorecardPart? Scorecard, IReadOnlyList<LocalPart> Local, IReadOnlyList<IndicatorPart> Indicators);

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/households/{id:long}/classification", async Task<Results<Ok<ClassificationResponse>, ProblemHttpResult>> (
            HouseholdExplanation explanation, long id, int? year, CancellationToken ct) =>
        {
            var result = await explanation.ExplainAsync(id, year, ct);
            if (result.Failure is { } f) return Problems.From(f);
            var e = result.Value!.Explanation;
            var r = e.Result;
            return TypedResults.Ok(new ClassificationResponse(e.Household.Code, e.Household.Year, e.Standard.Id, e.Standard.Name, r.Category.ToString(),
                Classifier.Name(r.Category), r.IncomePerPersonMonth is { } i ? HouseholdIncome.Rounded(i) : null, r.PovertyLine, r.Area.ToString(),
                r.Deprivations, r.Unknown, r.Reason, e.ExitPaths, e.Standard.Note, r.IncomeSource,
                r.Proxy is not { } p ? null : new ScorecardPart(p.Card.Id, p.Card.Version, p.Card.Name, p.Card.Example, p.Region.Code, p.Region.Name, p.Total,
                    p.EstimatedIncome, p.Card.FirstScoreAbove(p.Region.Code, r.PovertyLine), p.Describe(),
                    p.Items.Select(x => new ScorecardItem(x.Characteristic.Code, x.Characteristic.Name, x.Option?.Code, x.Option?.Label, x.Points, x.Known, x.Reason)).ToList()),
                e.Local.Select(l => new LocalPart(l.Standard.Id, l.Standard.Name, l.Result.Category.ToString(), Classifier.Name(l.Result.Category), l.Result.Reason)).ToList(),
                r.Indicators.Select(x => new IndicatorPart(x.Rule.Code, x.Rule.Name, x.Rule.Dimension, x.Status.ToString(), x.Reason, x.Rule.Citation.ToString(), x.Rule.Verified)).ToList()));
        }).WithSummary("Vì sao hộ này thuộc diện nghèo/cận nghèo: phân loại theo chuẩn của năm, từng chỉ số với căn cứ pháp lý");
    }
}
