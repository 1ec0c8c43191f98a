using System.Text.RegularExpressions;
using GiamNgheo.Domain.Common;
using GiamNgheo.Domain.Households;
using GiamNgheo.Domain.Units;

namespace GiamNgheo.Files.Exchange;

/// A row of the exchange file, cells in the order of <see cref="HouseholdFile.Columns"/>. Problems: what the file reader
/// found wrong in the row outside those cells (a value in a column without a header); they are the row's errors.
public sealed record RawRow(int Number, IReadOnlyList<string> Cells, IReadOnlyList<RowError>? Problems = null);

/// A commune the file may name: the unit standing on the review date.
public sealed record CommuneRef(long UnitId, string Code, string Name, Area Area);

public sealed record ParsedMember(int Row, MemberFacts Facts);

/// One household of the file: its rows were contiguous. Errors empty means it can be written.
public sealed record HouseholdBlock(
    int FirstRow, string Code, CommuneRef? Commune, HouseholdFacts? Facts,
    IReadOnlyList<ParsedMember> Members, IReadOnlyList<RowError> Errors)
{
    /// The name of the household's one head (HouseholdRules.HeadProblem holds for a block without errors).
    public string HeadName => Members.First(m => m.Facts.Relation == Relation.Head).Facts.FullName;
}

/// Turns file rows into households, one household in memory at a time, so a file of millions of rows is read in flat
/// memory. Every failure names the row, the column, the value and the rule. The facts are read by their declarations
/// (<see cref="HouseholdFields"/>); the rules across facts are the domain's (<see cref="MemberRules"/>,
/// <see cref="HouseholdRules"/>).
public sealed partial class HouseholdFileParser(int year, Func<string, CommuneRef?> findCommune, EthnicGroups ethnicGroups)
{
    private readonly DateOnly _reviewDate = UnitEras.ReviewDate(year);
    private static readonly int CodeColumn = HouseholdFile.IndexOf(HouseholdFile.HouseholdCode);

    /// A household is a run of rows: a row whose Mã hộ is empty belongs to the household above (officials write one
    /// block per household, often with Mã hộ in a merged cell), a row with another code starts the next household.
    public IEnumerable<HouseholdBlock> Parse(IEnumerable<RawRow> rows)
    {
        var current = new List<RawRow>();
        foreach (var row in rows)
        {
            if (row.Cells.All(string.IsNullOrWhiteSpace) && row.Problems is not { Count: > 0 }) continue;
            var code = Cell(row, CodeColumn);
            if (current.Count > 0 && code.Length > 0 && code != Cell(current[0], CodeColumn))
            {
                yield return Build(current);
                current = [];
            }
            current.Add(row);
        }
        if (current.Count > 0) yield return Build(current);
    }

    private HouseholdBlock Build(List<RawRow> rows)
    {
        var errors = rows.SelectMany(r => r.Problems ?? []).ToList();
        var first = rows[0];
        var code = Cell(first, CodeColumn);
        if (code.Length == 0) errors.Add(Error(first, HouseholdFile.HouseholdCode, code, "Mã hộ không được để trống ở dòng đầu của hộ (các dòng sau của hộ mới được để trống)."));
        else if (!HouseholdCodePattern().IsMatch(code)) errors.Add(Error(first, HouseholdFile.HouseholdCode, code, "Mã hộ chỉ gồm chữ, số và các dấu - . / _, tối đa 30 ký tự."));

        // Household columns: taken from the first row; a later row may repeat them but not contradict them.
        foreach (var column in HouseholdFile.Columns.Where(c => c.HouseholdLevel && c.Key != HouseholdFile.HouseholdCode))
        {
            var index = HouseholdFile.IndexOf(column.Key);
            var firstValue = Cell(first, index);
            foreach (var later in rows.Skip(1))
            {
                var value = Cell(later, index);
                if (value.Length > 0 && value != firstValue)
                    errors.Add(Error(later, column.Key, value, $"Khác với dòng {first.Number} của cùng hộ («{firstValue}»). Thông tin hộ ghi ở dòng đầu của hộ."));
            }
        }

        CommuneRef? commune = null;
        var communeCode = Cell(first, HouseholdFile.IndexOf(HouseholdFile.CommuneCode));
        if (communeCode.Length == 0) errors.Add(Error(first, HouseholdFile.CommuneCode, communeCode, "Mã xã không được để trống."));
        else if ((commune = findCommune(communeCode)) is null)
            errors.Add(Error(first, HouseholdFile.CommuneCode, communeCode, $"Không có xã/phường mã {communeCode} đang có hiệu lực ngày {VnFormat.Date(_reviewDate)}."));

        var facts = Read(HouseholdFields.Household, first, errors);
        var members = new List<ParsedMember>();
        foreach (var row in rows.Where(r => !r.Cells.All(string.IsNullOrWhiteSpace)))
        {
            var before = errors.Count;
            var member = Read(HouseholdFields.Member, row, errors);
            if (errors.Count > before) continue;
            foreach (var e in MemberRules.Validate(member, _reviewDate))
                errors.Add(Error(row, HouseholdFields.Member.Named(e.Field).Key, e.Value, e.Message));
            if (errors.Count == before) members.Add(new ParsedMember(row.Number, member));
        }

        var sameBirthDate = members.GroupBy(m => m.Facts.DateOfBirth).Where(g => g.Count() > 1).SelectMany(g => g);
        foreach (var twin in sameBirthDate.GroupBy(m => (VietnameseText.Fold(m.Facts.FullName), m.Facts.DateOfBirth)).Where(g => g.Count() > 1))
            foreach (var m in twin.Skip(1))
                errors.Add(Error(rows.First(r => r.Number == m.Row), "full_name", m.Facts.FullName,
                    $"Trùng họ tên và ngày sinh với dòng {twin.First().Row} trong cùng hộ; có thể bị nhập hai lần."));

        if (members.Count == rows.Count && HouseholdRules.HeadProblem(members.Select(m => m.Facts.Relation)) is { } headProblem)
            errors.Add(Error(first, "relation", null, headProblem));

        return new HouseholdBlock(first.Number, code, commune, errors.Count == 0 ? facts : null, members, errors);
    }

    /// One record's facts from a row, each by its own declaration.
    private T Read<T>(FactList<T> list, RawRow row, List<RowError> errors) where T : class
    {
        var facts = FactList<T>.New();
        foreach (var fact in list.All)
        {
            var cell = Cell(row, HouseholdFile.IndexOf(fact.Key));
            if (fact.Parse(cell, facts, ethnicGroups) is { } broken) errors.Add(Error(row, fact.Key, cell, broken));
        }
        return facts;
    }

    private static string Cell(RawRow r, int index) => index < r.Cells.Count ? (r.Cells[index] ?? "").Trim() : "";

    private static RowError Error(RawRow r, string key, string? value, string message) =>
        new(r.Number, HouseholdFile.Columns[HouseholdFile.IndexOf(key)].Header, value, message);

    [GeneratedRegex(@"^[\p{L}\p{N}\-./_]{1,30}$")]
    private static partial Regex HouseholdCodePattern();
}
