using GiamNgheo.App.Features.Import;
using GiamNgheo.App.Features.Units;
using GiamNgheo.Data.Changes;
using GiamNgheo.Data.Households;
using GiamNgheo.Data.Model;
using GiamNgheo.Data.Units;
using GiamNgheo.Domain.Classification;
using GiamNgheo.Domain.Common;
using GiamNgheo.Domain.Households;
using GiamNgheo.Domain.Standards;
using GiamNgheo.Domain.Units;
using GiamNgheo.Files.Exchange;
using Microsoft.EntityFrameworkCore;

namespace GiamNgheo.App.Features.Households;

/// The list as asked for: the unit by code or name (read against the year's review date), and the stored category under
/// a standard (the year's national one unless another is named).
public sealed record HouseholdListQuery(string? Unit, int? Year, string? Hamlet = null, string? Text = null, long? After = null,
    string? Category = null, string? Standard = null, int PageSize = 50);

public sealed record HouseholdList(int Year, UnitView? Unit, IReadOnlyList<string> Hamlets, string? Hamlet, string? Text, Category? Category,
    string? Standard, HouseholdPage Page, int Total);

public sealed record HouseholdDetails(HouseholdYearView Household, IReadOnlyList<UnitView> Path, EthnicGroups Ethnic);

/// A form is a row of the exchange file: its cells by column key.
public sealed record HouseholdForm(int Year, UnitView Commune, string? HouseholdCode, long? HouseholdId, IReadOnlyDictionary<string, string> Cells,
    EthnicGroups Ethnic);

public sealed record MemberForm(HouseholdYearView Household, long? PersonId, IReadOnlyDictionary<string, string> Cells, EthnicGroups Ethnic);



/// The households of the registry: their list and page, and the forms that change them. Every change goes through the
/// exchange file's import (HouseholdExchange.ImportRowsAsync), so a form obeys the file's rules (one head, valid cells),
/// is recorded, and is followed by the reclassification of its commune.
public sealed class HouseholdRecords(RegistryDb db, IDbContextFactory<RegistryDb> contexts, UnitDirectory units, HouseholdExchange exchange,
    PovertyStandards standards, ReviewYears years, TimeProvider clock)
{
    public async Task<Outcome<HouseholdList>> ListAsync(HouseholdListQuery q, CancellationToken ct)
    {
        var year = q.Year ?? await years.DefaultAsync(ct);
        if (ReviewYears.Check(year) is { } badYear) return badYear;
        UnitView? unit = null;
        if (!string.IsNullOrWhiteSpace(q.Unit))
        {
            var found = await units.ForYearAsync(q.Unit, year, ct);
            if (found.Failure is { } f) return f;
            unit = found.Value;
        }
        Category? category = null;
        if (!string.IsNullOrWhiteSpace(q.Category))
        {
            if (!Enum.TryParse<Category>(q.Category, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                return Failure.Invalid($"Phân loại «{q.Category}» không hợp lệ; dùng một trong: {string.Join(", ", Enum.GetNames<Category>())}.");
            category = parsed;
        }
        var standard = string.IsNullOrWhiteSpace(q.Standard) ? standards.National(year)?.Id : q.Standard;
        var filter = new HouseholdFilter(unit?.Id, year, q.Hamlet, q.Text, q.After, Math.Clamp(q.PageSize, 1, 500), standard, (int?)category);
        var page = await HouseholdQueries.ListAsync(db, filter, ct);
        var total = await HouseholdQueries.CountAsync(db, filter, ct);
        var hamlets = unit is { Level: UnitLevel.Commune } ? await HouseholdQueries.HamletsAsync(db, unit.Id, year, ct) : [];
        return new HouseholdList(year, unit, hamlets, q.Hamlet, q.Text, category, standard, page, total);
    }

    public async Task<Outcome<HouseholdDetails>> GetAsync(long id, int? year, CancellationToken ct)
    {
        if (year is { } asked && ReviewYears.Check(asked) is { } badYear) return badYear;
        if (await HouseholdQueries.ByIdAsync(contexts, db, id, year, ct) is not { } h) return Failure.NotFound($"Không có hộ mã định danh {id}.");
        return new HouseholdDetails(h, await units.PathAsync(h.Commune.Id, ct), await HouseholdImport.EthnicGroupsAsync(db, ct));
    }

    /// The household's own columns of a year, as the edit form shows them.
    public async Task<Outcome<HouseholdForm>> EditFormAsync(long id, int year, CancellationToken ct)
    {
        var h = await YearAsync(id, year, ct);
        if (h.Failure is { } f) return f;
        var ethnic = await HouseholdImport.EthnicGroupsAsync(db, ct);
        var cells = Cells(h.Value!, h.Value!.Members[0], true, ethnic);
        return new HouseholdForm(year, h.Value.Commune, h.Value.Code, id, cells.Where(c => HouseholdColumn(c.Key)).ToDictionary(), ethnic);
    }

    /// An empty household for a commune, with its head's row.
    public async Task<Outcome<HouseholdForm>> NewFormAsync(string communeCode, int year, CancellationToken ct)
    {
        var commune = await units.ForYearAsync(communeCode, year, ct);
        if (commune.Failure is { } f) return f;
        if (commune.Value!.Level != UnitLevel.Commune) return Failure.Invalid($"{commune.Value.Name} không phải xã/phường: hộ được thêm vào một xã/phường.");
        var cells = new Dictionary<string, string>
        {
            [HouseholdFile.CommuneCode] = commune.Value.Code, ["relation"] = Choices.Relations.Label(Relation.Head), ["ethnic_code"] = "Kinh",
        };
        return new HouseholdForm(year, commune.Value, null, null, cells, await HouseholdImport.EthnicGroupsAsync(db, ct));
    }

    /// Saves the household columns of an existing household, or creates a household with its head.
    public async Task<Outcome<long>> SaveHouseholdAsync(long? id, string? communeCode, int year, IReadOnlyDictionary<string, string?> form, Actor actor,
        CancellationToken ct)
    {
        var ethnic = await HouseholdImport.EthnicGroupsAsync(db, ct);
        List<RawRow> rows;
        Dictionary<int, long> people = [];
        string code;
        if (id is { } existing)
        {
            var h = await YearAsync(existing, year, ct);
            if (h.Failure is { } f) return f;
            code = h.Value!.Code; // the code is the household's identity: not edited here
            rows = h.Value.Members.Select((m, i) => Row(i + 2, Cells(h.Value, m, i == 0, ethnic), i == 0 ? form : null, FormColumns.Household)).ToList();
            for (var i = 0; i < h.Value.Members.Count; i++) people[i + 2] = h.Value.Members[i].PersonId;
        }
        else
        {
            var commune = await units.ForYearAsync(communeCode ?? "", year, ct);
            if (commune.Failure is { } f) return f;
            code = form.GetValueOrDefault(HouseholdFile.HouseholdCode)?.Trim() ?? "";
            if (code.Length > 0 && await db.Set<Household>().AnyAsync(x => x.Code == code && x.Years.Any(y => y.Year == year), ct))
                return Failure.Invalid("Chưa lưu.", [new FieldError(HouseholdFile.HouseholdCode, code, $"Mã hộ {code} đã có trong danh sách năm {year}.")]);
            var formWithCommune = new Dictionary<string, string?>(form) { [HouseholdFile.CommuneCode] = commune.Value!.Code };
            rows = [Row(2, new Dictionary<string, string>(), formWithCommune)];
        }
        var saved = await SaveAsync(rows, year, actor, id is null ? "biểu mẫu thêm hộ" : "biểu mẫu sửa hộ", people, ct);
        return saved.Failure is { } failure ? failure : await HouseholdQueries.IdByCodeAsync(db, code, ct) ?? throw new InvalidOperationException("saved household is missing");
    }

    public async Task<Outcome<MemberForm>> MemberFormAsync(long id, long? personId, int year, CancellationToken ct)
    {
        var h = await YearAsync(id, year, ct);
        if (h.Failure is { } f) return f;
        var ethnic = await HouseholdImport.EthnicGroupsAsync(db, ct);
        if (personId is null) return new MemberForm(h.Value!, null, new Dictionary<string, string> { ["ethnic_code"] = "Kinh" }, ethnic);
        var member = h.Value!.Members.FirstOrDefault(m => m.PersonId == personId);
        if (member is null) return NotAMember(personId.Value, h.Value);
        return new MemberForm(h.Value, personId, Cells(h.Value, member, false, ethnic).Where(c => !HouseholdColumn(c.Key)).ToDictionary(), ethnic);
    }

    /// Saves one member's row (personId given) or adds a member (personId null). The person keeps her identity.
    public async Task<Outcome<string>> SaveMemberAsync(long id, long? personId, int year, IReadOnlyDictionary<string, string?> form, Actor actor, CancellationToken ct)
    {
        var h = await YearAsync(id, year, ct);
        if (h.Failure is { } f) return f;
        if (personId is not null && h.Value!.Members.All(m => m.PersonId != personId))
            return NotAMember(personId.Value, h.Value);
        var ethnic = await HouseholdImport.EthnicGroupsAsync(db, ct);
        var rows = new List<RawRow>();
        var people = new Dictionary<int, long>();
        var n = 2;
        foreach (var (m, i) in h.Value!.Members.Select((m, i) => (m, i)))
        {
            people[n] = m.PersonId;
            rows.Add(Row(n++, Cells(h.Value, m, i == 0, ethnic), m.PersonId == personId ? form : null, FormColumns.Member));
        }
        if (personId is null) rows.Add(Row(n, new Dictionary<string, string> { [HouseholdFile.HouseholdCode] = h.Value.Code }, form, FormColumns.Member));
        var saved = await SaveAsync(rows, year, actor, personId is null ? "biểu mẫu thêm thành viên" : "biểu mẫu sửa thành viên", people, ct);
        if (saved.Failure is { } failure) return failure;
        var name = form.GetValueOrDefault("full_name")?.Trim();
        return personId is null ? $"Đã thêm {name} vào hộ." : $"Đã lưu thông tin của {name}.";
    }

    /// Removes a member from the household's year; her other years, and the person, stay. The removal is recorded.
    public async Task<Outcome<string>> RemoveMemberAsync(long id, long personId, int year, Actor actor, CancellationToken ct)
    {
        var h = await YearAsync(id, year, ct);
        if (h.Failure is { } f) return f;
        var member = h.Value!.Members.FirstOrDefault(m => m.PersonId == personId);
        if (member is null) return NotAMember(personId, h.Value);
        if (h.Value.Members.Count == 1)
            return Failure.Invalid($"{member.Facts.FullName} là thành viên duy nhất của hộ; một hộ có ít nhất một thành viên.");
        if (member.Facts.Relation == Relation.Head)
            return Failure.Invalid($"{member.Facts.FullName} là chủ hộ: hãy ghi một thành viên khác là Chủ hộ trước, rồi mới bỏ người này khỏi hộ.");
        var ethnic = await HouseholdImport.EthnicGroupsAsync(db, ct);
        var kept = h.Value.Members.Where(m => m.PersonId != personId).ToList();
        var rows = kept.Select((m, i) => Row(i + 2, Cells(h.Value, m, i == 0, ethnic))).ToList();
        var people = kept.Select((m, i) => (Row: i + 2, m.PersonId)).ToDictionary(x => x.Row, x => x.PersonId);
        var saved = await SaveAsync(rows, year, actor, "biểu mẫu bỏ thành viên", people, ct);
        if (saved.Failure is { } failure) return failure;
        db.Set<ChangeRecord>().Add(new ChangeRecord
        {
            At = clock.GetUtcNow().UtcDateTime, Actor = actor.Name, Action = "member.remove", Subject = $"{id}/{year}/{personId}",
            Summary = $"Bỏ {member.Facts.FullName} (sinh {VnFormat.Date(member.Facts.DateOfBirth)}) khỏi hộ {h.Value.Code} năm {year}; các năm khác giữ nguyên.",
        });
        await db.SaveChangesAsync(ct);
        return $"Đã bỏ {member.Facts.FullName} khỏi hộ năm {year}.";
    }

    private static Failure NotAMember(long personId, HouseholdYearView h) =>
        Failure.NotFound($"Người mã định danh {personId} không là thành viên của hộ {h.Code} năm {h.Year}.");

    private async Task<Outcome<HouseholdYearView>> YearAsync(long id, int year, CancellationToken ct) =>
        ReviewYears.Check(year) is { } badYear ? badYear
        : await HouseholdQueries.ByIdAsync(contexts, db, id, year, ct) is { } h && h.Year == year ? h
        : Failure.NotFound($"Không có hộ mã định danh {id} trong năm {year}.");

    private async Task<Outcome<bool>> SaveAsync(List<RawRow> rows, int year, Actor actor, string source, Dictionary<int, long> people, CancellationToken ct)
    {
        var saved = await exchange.ImportRowsAsync(rows, year, actor, source, ct, people);
        if (saved.Failure is { } f) return f;
        var report = saved.Value!.Report;
        if (report.Applied) return true;
        return Failure.Invalid("Chưa lưu: hãy sửa các ô được đánh dấu.",
            report.Errors.Select(e => new FieldError(HouseholdFile.Columns.FirstOrDefault(c => c.Header == e.Column)?.Key ?? "", e.Value, e.Message)).ToList());
    }

    private static bool HouseholdColumn(string key) => HouseholdFile.Columns[HouseholdFile.IndexOf(key)].HouseholdLevel;

    private static Dictionary<string, string> Cells(HouseholdYearView h, MemberView m, bool first, EthnicGroups ethnic)
    {
        var cells = HouseholdFile.ToCells(h.Code, h.Commune.Code, h.Facts, m.Facts, first, ethnic);
        return HouseholdFile.Columns.Select((c, i) => (c.Key, cells[i])).ToDictionary(x => x.Key, x => x.Item2);
    }

    /// Which columns a form's values go to: the household's own columns, a member's, or both (a new household's head).
    private enum FormColumns { Household, Member, All }

    /// A row of the file from stored cells, with a form's values over the columns the form shows. A stored household
    /// code is the household's identity and is never taken from a form.
    private static RawRow Row(int number, IReadOnlyDictionary<string, string> stored, IReadOnlyDictionary<string, string?>? form = null,
        FormColumns columns = FormColumns.All)
    {
        var cells = HouseholdFile.Columns.Select(c =>
        {
            var shown = columns == FormColumns.All || (columns == FormColumns.Household) == c.HouseholdLevel;
            var fromForm = form is not null && shown && !(c.Key == HouseholdFile.HouseholdCode && stored.ContainsKey(c.Key));
            return fromForm ? form!.GetValueOrDefault(c.Key)?.Trim() ?? "" : stored.GetValueOrDefault(c.Key, "");
        }).ToArray();
        return new RawRow(number, cells);
    }
}
