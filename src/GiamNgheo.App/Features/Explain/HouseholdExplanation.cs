using GiamNgheo.App.Features.Units;
using GiamNgheo.Data.Classification;
using GiamNgheo.Data.Model;
using GiamNgheo.Data.Units;
using GiamNgheo.Domain.Standards;
using Microsoft.EntityFrameworkCore;

namespace GiamNgheo.App.Features.Explain;

public sealed record ExplainView(Explanation Explanation, IReadOnlyList<UnitView> Path);

/// "Vì sao hộ này là hộ nghèo?": a household's category under the year's standard, indicator by indicator, with the
/// clause; beside it the province's local standards. Computed from the stored facts as classification computes it.
public sealed class HouseholdExplanation(RegistryDb db, IDbContextFactory<RegistryDb> contexts, PovertyStandards standards, UnitDirectory units)
{
    public async Task<Outcome<ExplainView>> ExplainAsync(long householdId, int? year, CancellationToken ct)
    {
        if (year is { } asked && ReviewYears.Check(asked) is { } badYear) return badYear;
        if (await HouseholdClassification.ExplainAsync(contexts, db, standards, householdId, year, ct) is not { } e)
            return Failure.NotFound($"Không có hộ mã định danh {householdId}{(year is null ? "" : $" trong năm {year}")}, hoặc năm đó chưa có chuẩn nghèo.");
        return new ExplainView(e, await units.PathAsync(e.Household.Commune.Id, ct));
    }
}
