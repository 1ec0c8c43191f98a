using GiamNgheo.App.Web;
using GiamNgheo.Data.Units;
using GiamNgheo.Domain.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GiamNgheo.App.Features.Units;

public static class UnitsApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/units", async Task<Results<Ok<List<UnitView>>, ProblemHttpResult>> (UnitDirectory units, TimeProvider clock,
            string? parent, string? asOf, string? q, CancellationToken ct) =>
        {
            var date = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
            // The same date rule as the command line: dd/MM/yyyy or yyyy-MM-dd, never the US month-first reading.
            if (asOf is not null && !VnFormat.TryParseDate(asOf, out date))
                return Problems.From(Failure.Invalid($"Ngày «{asOf}» không hợp lệ (dd/MM/yyyy hoặc yyyy-MM-dd)."));
            if (q is not null) return TypedResults.Ok(await units.SearchAsync(q, date, 100, ct));
            var children = await units.ChildrenAsync(parent, date, ct);
            return children.Failure is { } f ? Problems.From(f) : TypedResults.Ok(children.Value!);
        }).WithSummary("Đơn vị hành chính có hiệu lực vào một ngày (mặc định hôm nay; asOf dạng dd/MM/yyyy hoặc yyyy-MM-dd): các tỉnh, con của một đơn vị (parent = mã hoặc tên), hoặc tìm theo tên (q)");

        api.MapGet("/units/{id:long}", async Task<Results<Ok<UnitView>, ProblemHttpResult>> (UnitDirectory units, long id, CancellationToken ct) =>
        {
            var unit = await units.ByIdAsync(id, ct);
            return unit.Failure is { } f ? Problems.From(f) : TypedResults.Ok(unit.Value!);
        }).WithSummary("Một đơn vị theo mã định danh nội bộ (mã + thời kỳ hiệu lực)");
    }
}
