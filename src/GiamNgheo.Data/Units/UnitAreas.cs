using GiamNgheo.Data.Model;
using GiamNgheo.Domain.Units;
using Microsoft.EntityFrameworkCore;
using GiamNgheo.Data.Changes;

namespace GiamNgheo.Data.Units;

/// The urban/rural area of a commune, which decides its income line. Defaults from the commune type
/// (UnitTypes.DefaultArea); a province may set it per commune.
public static class UnitAreas
{
    public static async Task<UnitView?> SetAsync(RegistryDb db, string code, DateOnly date, Area area, string actor, DateTime nowUtc, CancellationToken ct = default)
    {
        var unit = await db.Set<Unit>().On(date).SingleOrDefaultAsync(u => u.Code == code && u.Level == UnitLevel.Commune, ct);
        if (unit is null) return null;
        var before = unit.Area;
        unit.Area = area;
        db.Set<ChangeRecord>().Add(new ChangeRecord
        {
            At = nowUtc, Actor = actor, Action = "unit.area", Subject = $"{unit.Code}/{unit.Id}",
            Summary = $"{unit.Name}: khu vực {UnitTypes.AreaName(before)} → {UnitTypes.AreaName(area)}.",
        });
        await db.SaveChangesAsync(ct);
        return await UnitQueries.ByIdAsync(db, unit.Id, ct);
    }
}
