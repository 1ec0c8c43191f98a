using GiamNgheo.Data.Changes;
using GiamNgheo.Data.Model;
using GiamNgheo.Data.Units;
using GiamNgheo.Domain.Common;
using GiamNgheo.Domain.Units;

namespace GiamNgheo.App.Features.Units;

/// The administrative units of both trees. Every lookup by code takes a date (a code alone is not a unit), and a
/// review year is read against its review date; a unit name typed where a code is expected is resolved by name or
/// refused, never ignored. Every feature that takes a unit resolves it here.
public sealed class UnitDirectory(RegistryDb db, TimeProvider clock)
{
    /// The provinces standing on the date, or the children of the unit with this code.
    public async Task<Outcome<List<UnitView>>> ChildrenAsync(string? parentCode, DateOnly date, CancellationToken ct)
    {
        long? parentId = null;
        if (parentCode is not null)
        {
            var parent = await OnDateAsync(parentCode, date, ct);
            if (parent.Failure is { } f) return f;
            parentId = parent.Value!.Id;
        }
        return await UnitQueries.ChildrenAsync(db, parentId, date, ct);
    }

    public Task<List<UnitView>> SearchAsync(string text, DateOnly date, int limit, CancellationToken ct) =>
        UnitQueries.SearchAsync(db, text, date, limit, ct);

    public async Task<Outcome<UnitView>> ByIdAsync(long id, CancellationToken ct) =>
        await UnitQueries.ByIdAsync(db, id, ct) is { } u ? u : Failure.NotFound($"Không có đơn vị mã định danh {id}.");

    /// The unit a code (or a name) names on a date.
    public async Task<Outcome<UnitView>> OnDateAsync(string codeOrName, DateOnly date, CancellationToken ct)
    {
        var text = codeOrName.Trim();
        if (text.Length == 0) return Failure.Invalid("Hãy nhập mã đơn vị.");
        if (text.All(char.IsAsciiDigit))
            return await UnitQueries.ByCodeAsync(db, text, date, ct) is { } byCode
                ? byCode
                : Failure.NotFound($"Không có đơn vị mã {text} có hiệu lực ngày {VnFormat.Date(date)}.");
        var named = await UnitQueries.NamedAsync(db, text, date, 6, ct);
        return named.Count switch
        {
            1 => named[0],
            0 => Failure.NotFound($"Không có đơn vị mã hoặc tên «{text}» có hiệu lực ngày {VnFormat.Date(date)}."),
            _ => Failure.Invalid($"«{text}» là tên của nhiều đơn vị có hiệu lực ngày {VnFormat.Date(date)}: " +
                                 string.Join(", ", named.Take(5).Select(u => $"{u.Name} (mã {u.Code})")) + "; hãy nhập mã đơn vị."),
        };
    }

    /// The unit a code (or a name) names on the review date of the year.
    public Task<Outcome<UnitView>> ForYearAsync(string codeOrName, int year, CancellationToken ct) =>
        ReviewYears.Check(year) is { } bad ? Task.FromResult<Outcome<UnitView>>(bad) : OnDateAsync(codeOrName, UnitEras.ReviewDate(year), ct);

    /// The chain province → … → unit, for breadcrumbs.
    public Task<List<UnitView>> PathAsync(long id, CancellationToken ct) => UnitQueries.PathAsync(db, id, ct);

    /// The tree as a page shows it for a review year: the path to the unit, its children with the households of the
    /// year, and the units a name search finds.
    public async Task<Outcome<UnitTree>> TreeAsync(string? parentCode, int year, string? search, CancellationToken ct)
    {
        if (ReviewYears.Check(year) is { } badYear) return badYear;
        var date = UnitEras.ReviewDate(year);
        List<UnitView> path = [];
        if (!string.IsNullOrWhiteSpace(parentCode))
        {
            var parent = await ForYearAsync(parentCode, year, ct);
            if (parent.Failure is { } f) return f;
            path = await PathAsync(parent.Value!.Id, ct);
        }
        var found = string.IsNullOrWhiteSpace(search) ? [] : await SearchAsync(search, date, 50, ct);
        var children = await UnitQueries.ChildrenWithCountsAsync(db, path.Count == 0 ? null : path[^1].Id, date, year, ct);
        return new UnitTree(path, children, found);
    }

    public async Task<UnitImportResult> ImportReferenceAsync(Actor actor, CancellationToken ct)
    {
        var r = await UnitImport.RunAsync(db, ct);
        if (r.Added + r.Updated + r.LineageAdded + r.EthnicGroupsAdded > 0)
        {
            db.Set<ChangeRecord>().Add(new ChangeRecord
            {
                At = clock.GetUtcNow().UtcDateTime, Actor = actor.Name, Action = "units.import", Subject = "reference-data",
                Summary = $"Nạp danh mục đơn vị: thêm {VnFormat.Number(r.Added)}, cập nhật {VnFormat.Number(r.Updated)}; phả hệ thêm {VnFormat.Number(r.LineageAdded)}; dân tộc thêm {r.EthnicGroupsAdded}.",
            });
            await db.SaveChangesAsync(ct);
        }
        return r;
    }

    /// A province sets a commune's area (urban or rural), which decides its income line for later imports.
    public async Task<Outcome<UnitView>> SetAreaAsync(string code, DateOnly date, Area area, Actor actor, CancellationToken ct) =>
        await UnitAreas.SetAsync(db, code, date, area, actor.Name, clock.GetUtcNow().UtcDateTime, ct) is { } unit
            ? unit
            : Failure.NotFound($"Không có xã/phường mã {code} có hiệu lực ngày {VnFormat.Date(date)}.");
}

public sealed record UnitTree(List<UnitView> Path, List<UnitWithCount> Children, List<UnitView> Found);
