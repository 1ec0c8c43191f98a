using Microsoft.AspNetCore.Http.HttpResults;

namespace GiamNgheo.App.Features.Standards;

public static class StandardsApi
{
    public sealed record StandardRow(string Id, string Name, string Scope, int FromYear, int ToYear, decimal RuralLine, decimal UrbanLine,
        int DeprivationCutoff, int Indicators, string? Province, string? Note);

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/standards", async Task<Ok<List<StandardRow>>> (StandardsCatalogue catalogue, CancellationToken ct) =>
        {
            var all = await catalogue.ListAsync(ct);
            return TypedResults.Ok(all.National.Select(s => Row(s, null))
                .Concat(all.Local.Select(l => Row(l.Standard!, $"{l.Province.Name} ({l.Province.Code})"))).ToList());
        }).WithSummary("Các chuẩn nghèo quốc gia và chuẩn địa phương đã nạp: năm áp dụng, chuẩn thu nhập, ngưỡng và số chỉ số thiếu hụt");

    public static StandardRow Row(Domain.Standards.PovertyStandard s, string? province) =>
        new(s.Id, s.Name, s.Scope, s.FromYear, s.ToYear, s.PovertyLine.Rural, s.PovertyLine.Urban, s.DeprivationCutoff, s.Indicators.Count, province, s.Note);
}
