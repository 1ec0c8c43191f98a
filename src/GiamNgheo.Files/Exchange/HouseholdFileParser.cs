using System.Globalization;
using GiamNgheo.Domain.Common;
using GiamNgheo.Domain.Households;
using GiamNgheo.Domain.Units;
using GiamNgheo.Files.Tabular;

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
public sealed class HouseholdFileParser(int year, Func<string, CommuneRef?> findCommune, EthnicGroups ethnicGroups)
{
    private readonly DateOnly _reviewDate = UnitEras.ReviewDate(year);
    private static readonly int CodeColumn = HouseholdFile.IndexOf(HouseholdFile.HouseholdCode);
    private static readonly int CommuneColumn = HouseholdFile.IndexOf(HouseholdFile.CommuneCode);

    /// The longest household code the registry keeps (the households table's code column).
    public const int HouseholdCodeMaxLength = 30;
    public const int CommuneCodeLength = 5;

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
        else if ((ExcelProblem(code, date: false) ?? TextCharacters.Code.Problem("Mã hộ", code) ?? TextCharacters.TooLong("Mã hộ", code, HouseholdCodeMaxLength)) is { } codeProblem)
            errors.Add(Error(first, HouseholdFile.HouseholdCode, code, codeProblem));

        // Household columns: taken from the first row; a later row may repeat them but not contradict them.
        foreach (var column in HouseholdFile.Columns.Where(c => c.HouseholdLevel && c.Key != HouseholdFile.HouseholdCode))
        {
            var index = HouseholdFile.IndexOf(column.Key);
            var firstValue = Cell(first, index);
            foreach (var later in rows.Skip(1))
            {
                var value = Cell(later, index);
                if (value.Length > 0 && value != firstValue)
                    errors.Add(Error(later, column.Key, value, $"Khác với dòng {first.Number} của cùng hộ («{TextCharacters.Shown(firstValue)}»). Thông tin hộ ghi ở dòng đầu của hộ."));
            }
        }

        CommuneRef? commune = null;
        var communeCode = Cell(first, CommuneColumn);
        if (communeCode.Length == 0) errors.Add(Error(first, HouseholdFile.CommuneCode, communeCode, "Mã xã không được để trống."));
        else if ((ExcelProblem(communeCode, date: false) ?? CommuneCodeProblem(communeCode)) is { } communeProblem)
            errors.Add(Error(first, HouseholdFile.CommuneCode, communeCode, communeProblem));
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

    /// Five digits. Fewer, without a leading 0, are likely a code Excel took the zero from (07444 → 7444); the message
    /// names the commune the padded code stands for, but the row is still refused: a guessed commune could file the
    /// household under the wrong one (7444 may as well be 17444 mistyped), and only the officer knows which it is.
    /// The file must be fixed anyway, or the next import of it would meet the same code.
    private string? CommuneCodeProblem(string code)
    {
        if (TextCharacters.Digits.Problem("Mã xã", code) is { } characters) return characters;
        if (code.Length == CommuneCodeLength) return null;
        var rule = $"Mã xã phải gồm đúng {CommuneCodeLength} chữ số, ô có {code.Length} chữ số.";
        if (!ExcelHints.MayHaveLostZeros(code, CommuneCodeLength)) return rule;
        var padded = code.PadLeft(CommuneCodeLength, '0');
        return $"{rule} {ExcelHints.DroppedLeadingZero(findCommune(padded) is { } guess ? $"{padded} — {guess.Name}" : null)}";
    }

    /// One record's facts from a row, each by its own declaration.
    private T Read<T>(FactList<T> list, RawRow row, List<RowError> errors) where T : class
    {
        var facts = FactList<T>.New();
        foreach (var fact in list.All)
        {
            var cell = Cell(row, HouseholdFile.IndexOf(fact.Key));
            if ((ExcelProblem(cell, fact.Storage == FactStorage.Date) ?? fact.Read(cell, facts, ethnicGroups)) is { } broken)
                errors.Add(Error(row, fact.Key, cell, broken));
        }
        return facts;
    }

    /// Excel's error values: what a formula shows when it cannot be computed, with what each means.
    private static readonly Dictionary<string, string> ExcelErrors = new(StringComparer.OrdinalIgnoreCase)
    {
        ["#N/A"] = "không có giá trị, thường do hàm tra cứu như VLOOKUP không tìm thấy",
        ["#VALUE!"] = "sai kiểu giá trị trong công thức",
        ["#REF!"] = "công thức tham chiếu tới ô đã bị xoá",
        ["#DIV/0!"] = "công thức chia cho 0",
        ["#NUM!"] = "công thức cho một số không hợp lệ",
        ["#NAME?"] = "công thức dùng một tên hàm hoặc tên vùng không có",
        ["#NULL!"] = "công thức dùng hai vùng không giao nhau",
        ["#SPILL!"] = "kết quả mảng của công thức bị các ô khác chặn",
        ["#CALC!"] = "công thức mảng không tính được",
        ["#GETTING_DATA"] = "dữ liệu của công thức đang tải, chưa có giá trị",
        ["#FIELD!"] = "công thức dùng một trường dữ liệu không có",
        ["#BLOCKED!"] = "công thức cần một tính năng đang bị chặn",
        ["#CONNECT!"] = "công thức không kết nối được nguồn dữ liệu",
        ["#BUSY!"] = "công thức đang được tính",
        ["#UNKNOWN!"] = "công thức cho một kiểu dữ liệu Excel không nhận ra",
        ["#PYTHON!"] = "công thức Python bị lỗi",
    };

    /// What Excel left in a cell instead of the value: the error of a formula (any column), or a date shown as its
    /// serial number (a date column).
    private static string? ExcelProblem(string cell, bool date)
    {
        if (cell.StartsWith('#') && ExcelErrors.TryGetValue(cell, out var meaning))
            return $"Ô chứa lỗi công thức của Excel {cell.ToUpperInvariant()} ({meaning}), không phải một giá trị. " +
                   "Hãy sửa công thức, hoặc nhập giá trị thay cho công thức.";
        return date ? SerialDateProblem(cell) : null;
    }

    /// A date typed in a cell formatted as General or Number shows as its serial number in Excel's 1900 date system
    /// (29305 is 25/03/1980), and a CSV saved from such a sheet keeps the number. It is refused with the date it stands
    /// for, not read as that date: the number does not say which of Excel's two systems made it (the 1904 system of old
    /// Mac workbooks is 1,462 days later), and a number in a date column may be a year or a figure typed in the wrong
    /// column. A birth date decides ages, so indicators and the matching of people; a wrong guess would be kept unseen.
    private static string? SerialDateProblem(string cell)
    {
        if (cell.Length == 0 || !char.IsAsciiDigit(cell[0]) || !cell.All(c => char.IsAsciiDigit(c) || c is '.' or ',')
            || !double.TryParse(cell.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var serial)
            || XlsxCells.SerialToDate(serial, date1904: false) is not { } date)
            return null;
        // Excel counts a 29/02/1900 that never was (it takes 1900 for a leap year, as Lotus 1-2-3 did): serial 60, which
        // SerialToDate reads as 28/02/1900 like 59.
        var stands = date == new DateOnly(1900, 2, 28) && serial >= 60
            ? "ngày 29/02/1900 của Excel, một ngày không có thật (Excel coi năm 1900 là năm nhuận)"
            : $"ngày {VnFormat.Date(date)} (hệ ngày 1900 của Excel)";
        return $"Đây là một số, không phải ngày: Excel hiện ngày dưới dạng số ngày khi ô không được định dạng ngày, và số {cell} là {stands}. " +
               "Hãy định dạng ô là Ngày (dd/MM/yyyy) hoặc Văn bản rồi ghi ngày dạng dd/MM/yyyy.";
    }

    /// A cell trimmed and in Unicode NFC (see TextCharacters.Nfc), so that the same text is always the same string.
    /// The apostrophe the CSV export puts before a cell Excel would run as a formula (CsvWriter) is not part of the value.
    private static string Cell(RawRow r, int index) =>
        index < r.Cells.Count ? TextCharacters.Nfc(Tabular.CsvWriter.Unmarked((r.Cells[index] ?? "").Trim())) : "";

    /// The value is shown with its invisible characters made visible (U+0000), and cut when very long.
    private static RowError Error(RawRow r, string key, string? value, string message) =>
        new(r.Number, HouseholdFile.Columns[HouseholdFile.IndexOf(key)].Header, value is null ? null : TextCharacters.Shown(value), message);
}
