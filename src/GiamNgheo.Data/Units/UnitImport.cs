using GiamNgheo.Data.Model;
using GiamNgheo.Domain.Common;
using GiamNgheo.Domain.Units;
using Microsoft.EntityFrameworkCore;
using GiamNgheo.Data.Households;

namespace GiamNgheo.Data.Units;

public sealed record UnitImportResult(int Added, int Updated, int Unchanged, int LineageAdded, int EthnicGroupsAdded);

/// Loads both unit trees, the 2024→2025 lineage and the ethnic groups. Idempotent: a second run changes nothing.
/// About 15,000 units once per installation: EF in one transaction is enough here.
public static class UnitImport
{
    public static async Task<UnitImportResult> RunAsync(RegistryDb db, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var existing = await db.Set<Unit>().ToDictionaryAsync(u => (u.Code, u.ValidFrom), ct);
        int added = 0, updated = 0, unchanged = 0;

        foreach (var (file, era) in new[] { ("admin-units/units-2024.csv", UnitEras.Before2025), ("admin-units/units-2025.csv", UnitEras.From2025) })
        {
            // Parents come before children in the files; save per level so parent ids exist.
            var rows = ReferenceData.ReadCsv(file).ToList();
            foreach (var level in new[] { "province", "district", "commune" })
            {
                foreach (var r in rows.Where(r => r["level"] == level))
                {
                    long? parentId = r["parent_code"].Length == 0 ? null : existing[(r["parent_code"], era.ValidFrom)].Id;
                    var unitLevel = level switch { "province" => UnitLevel.Province, "district" => UnitLevel.District, _ => UnitLevel.Commune };
                    if (existing.TryGetValue((r["code"], era.ValidFrom), out var u))
                    {
                        if (u.Name == r["name"] && u.Type == r["type"] && u.ParentId == parentId && u.ValidTo == era.ValidTo) { unchanged++; continue; }
                        u.Name = r["name"]; u.FoldedName = VietnameseText.Fold(r["name"]); u.Type = r["type"];
                        u.ParentId = parentId; u.ValidTo = era.ValidTo; u.Level = unitLevel;
                        updated++;
                        continue;
                    }
                    u = new Unit
                    {
                        Code = r["code"], Name = r["name"], FoldedName = VietnameseText.Fold(r["name"]), Type = r["type"],
                        Level = unitLevel, ParentId = parentId, ValidFrom = era.ValidFrom, ValidTo = era.ValidTo,
                        Area = UnitTypes.DefaultArea(r["type"]),
                    };
                    db.Set<Unit>().Add(u);
                    existing[(u.Code, u.ValidFrom)] = u;
                    added++;
                }
                await db.SaveChangesAsync(ct);
            }
        }

        var lineageAdded = 0;
        var knownLinks = (await db.Set<UnitLineage>().Select(l => new { l.OldUnitId, l.NewUnitId }).ToListAsync(ct))
            .Select(l => (l.OldUnitId, l.NewUnitId)).ToHashSet();
        foreach (var r in ReferenceData.ReadCsv("admin-units/lineage-2025.csv"))
        {
            if (r["new_code"].Length == 0) continue; // unmapped: no documented successor (see the data README)
            var old = existing[(r["old_code"], UnitEras.Before2025.ValidFrom)];
            var newCodes = r["new_code"].Split(';');
            var types = r["merge_type"].Split(';');
            for (var i = 0; i < newCodes.Length; i++)
            {
                var target = existing[(newCodes[i], UnitEras.From2025.ValidFrom)];
                if (!knownLinks.Add((old.Id, target.Id))) continue;
                db.Set<UnitLineage>().Add(new UnitLineage { OldUnitId = old.Id, NewUnitId = target.Id, MergeType = types[Math.Min(i, types.Length - 1)], Basis = r["basis"] });
                lineageAdded++;
            }
        }

        var knownGroups = await db.Set<EthnicGroupRow>().Select(g => g.Code).ToListAsync(ct);
        var groupsAdded = 0;
        foreach (var r in ReferenceData.ReadCsv("reference/ethnic-groups.csv"))
        {
            if (knownGroups.Contains(r["code"])) continue;
            db.Set<EthnicGroupRow>().Add(new EthnicGroupRow { Code = r["code"], Name = r["name"] });
            groupsAdded++;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new UnitImportResult(added, updated, unchanged, lineageAdded, groupsAdded);
    }
}
