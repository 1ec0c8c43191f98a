using System.Globalization;
using System.Text.RegularExpressions;
using GiamNgheo.Domain.Common;
using GiamNgheo.Domain.Units;
using GiamNgheo.Domain.Households;

namespace GiamNgheo.Files.Exchange;

/// A row of the exchange file, cells in the order of <see cref="HouseholdFile.Columns"/>.
public sealed record RawRow(int Number, IReadOnlyList<string> Cells);

/// A commune the file may name: the unit standing on the review date.
public sealed record CommuneRef(long UnitId, string Code, string Name, Area Area);

public sealed record ParsedMember(int Row, MemberFacts Facts);

/// One household of the file: its rows were contiguous. Errors empty means it can be written.
public sealed record HouseholdBlock(
    int FirstRow, string Code, CommuneRef? Commune, HouseholdFacts? Facts,
    IReadOnlyList<ParsedMember> Members, IReadOnlyList<RowError> Errors);

/// Turns file rows into households, one household in memory at a time, so a file of millions of rows
/// is read in flat memory. Every failure names the row, the column, the value and the rule.
public sealed partial class HouseholdFileParser(int year, Func<string, CommuneRef?> findCommune, EthnicGroups ethnicGroups)
{
    private readonly DateOnly _reviewDate = UnitEras.ReviewDate(year);

    public IEnumerable<HouseholdBlock> Parse(IEnumerable<RawRow> rows)
    {
        var current = new List<RawRow>();
        foreach (var row in rows)
        {
            if (row.Cells.All(string.IsNullOrWhiteSpace)) continue;
            var code = Cell(row, "household_code");
            if (current.Count > 0 && code != Cell(current[0], "household_code"))
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
        var errors = new List<RowError>();
        var first = rows[0];
        var code = Cell(first, "household_code");
        if (code.Length == 0) errors.Add(Error(first, "household_code", code, "Mã hộ không được để trống."));
        else if (!HouseholdCodePattern().IsMatch(code)) errors.Add(Error(first, "household_code", code, "Mã hộ chỉ gồm chữ, số và các dấu - . / _, tối đa 30 ký tự."));

        // Household columns: taken from the first row; a later row may repeat them but not contradict them.
        foreach (var column in HouseholdFile.Columns.Where(c => c.HouseholdLevel))
        {
            var firstValue = Cell(first, column.Key);
            foreach (var later in rows.Skip(1))
            {
                var value = Cell(later, column.Key);
                if (value.Length > 0 && value != firstValue)
                    errors.Add(Error(later, column.Key, value, $"Khác với dòng {first.Number} của cùng hộ («{firstValue}»). Thông tin hộ ghi ở dòng đầu của hộ."));
            }
        }

        CommuneRef? commune = null;
        var communeCode = Cell(first, "commune_code");
        if (communeCode.Length == 0) errors.Add(Error(first, "commune_code", communeCode, "Mã xã không được để trống."));
        else if ((commune = findCommune(communeCode)) is null)
            errors.Add(Error(first, "commune_code", communeCode, $"Không có xã/phường mã {communeCode} đang có hiệu lực ngày {VnFormat.Date(_reviewDate)}."));

        var facts = ParseHousehold(first, errors);
        var members = new List<ParsedMember>();
        foreach (var row in rows)
            if (ParseMember(row, errors) is { } m) members.Add(new ParsedMember(row.Number, m));

        var sameBirthDate = members.GroupBy(m => m.Facts.DateOfBirth).Where(g => g.Count() > 1).SelectMany(g => g);
        foreach (var twin in sameBirthDate.GroupBy(m => (VietnameseText.Fold(m.Facts.FullName), m.Facts.DateOfBirth)).Where(g => g.Count() > 1))
            foreach (var m in twin.Skip(1))
                errors.Add(Error(rows.First(r => r.Number == m.Row), "full_name", m.Facts.FullName,
                    $"Trùng họ tên và ngày sinh với dòng {twin.First().Row} trong cùng hộ; có thể bị nhập hai lần."));

        var heads = members.Count(m => m.Facts.Relation == Relation.Head);
        if (members.Count == rows.Count && heads != 1)
            errors.Add(Error(first, "relation", null, heads == 0 ? "Hộ chưa có thành viên là Chủ hộ." : $"Hộ có {heads} người ghi là Chủ hộ; mỗi hộ đúng một chủ hộ."));

        return new HouseholdBlock(first.Number, code, commune, errors.Count == 0 ? facts : null, members, errors);
    }

    private HouseholdFacts ParseHousehold(RawRow r, List<RowError> errors)
    {
        var hamlet = Cell(r, "hamlet");
        if (hamlet.Length == 0) errors.Add(Error(r, "hamlet", hamlet, "Thôn/tổ dân phố không được để trống."));
        else if (hamlet.Length > 100) errors.Add(Error(r, "hamlet", hamlet, "Tên thôn dài quá 100 ký tự."));

        var phone = Cell(r, "phone");
        var phoneDigits = new string(phone.Where(c => !char.IsWhiteSpace(c) && c != '.' && c != '-').ToArray());
        if (phone.Length > 0 && !PhonePattern().IsMatch(phoneDigits))
            errors.Add(Error(r, "phone", phone, "Số điện thoại phải gồm 10–11 chữ số và bắt đầu bằng 0."));

        return new HouseholdFacts
        {
            Hamlet = hamlet,
            Address = NullIfEmpty(Cell(r, "address")),
            Phone = phone.Length == 0 ? null : phoneDigits,
            Area = Choice(r, "area", Choices.Areas, errors),
            Income12Months = Number(r, "income", 0m, 100_000_000_000m, errors, wholeNumber: true),
            HousingAreaM2 = Number(r, "housing_area", 0m, 10_000m, errors, wholeNumber: false),
            DurableWalls = Choice(r, "durable_walls", Choices.YesNo, errors),
            DurableFrame = Choice(r, "durable_frame", Choices.YesNo, errors),
            DurableRoof = Choice(r, "durable_roof", Choices.YesNo, errors),
            Water = Choice(r, "water", Choices.WaterSources, errors),
            Latrine = Choice(r, "latrine", Choices.Latrines, errors),
            UsesTelecom = Choice(r, "telecom", Choices.YesNo, errors),
            HasTv = Choice(r, "tv", Choices.YesNo, errors),
            HasRadio = Choice(r, "radio", Choices.YesNo, errors),
            HasComputer = Choice(r, "computer", Choices.YesNo, errors),
            HasInternetPhone = Choice(r, "internet_phone", Choices.YesNo, errors),
            LoudspeakerReach = Choice(r, "loudspeaker", Choices.YesNo, errors),
        };
    }

    private MemberFacts? ParseMember(RawRow r, List<RowError> errors)
    {
        var before = errors.Count;
        var name = Cell(r, "full_name");
        var sex = Required(r, "sex", Choices.Sexes, errors);
        var relation = Required(r, "relation", Choices.Relations, errors);

        var dobText = Cell(r, "date_of_birth");
        DateOnly dob = default;
        if (dobText.Length == 0) errors.Add(Error(r, "date_of_birth", dobText, "Ngày sinh không được để trống."));
        else if (!VnFormat.TryParseDate(dobText, out dob)) errors.Add(Error(r, "date_of_birth", dobText, "Ngày sinh phải có dạng dd/MM/yyyy, ví dụ 15/03/1980."));

        var ethnicText = Cell(r, "ethnicity");
        var ethnic = ethnicText.Length == 0 ? null : ethnicGroups.Find(ethnicText);
        if (ethnic is null)
            errors.Add(Error(r, "ethnicity", ethnicText, "Dân tộc phải là mã 01–54 hoặc tên một trong 54 dân tộc."));

        var facts = new MemberFacts
        {
            FullName = name,
            Sex = sex ?? Sex.Male,
            DateOfBirth = dob,
            Relation = relation ?? Relation.Other,
            CitizenId = NullIfEmpty(Cell(r, "citizen_id")),
            EthnicCode = ethnic?.Code ?? "",
            Education = Choice(r, "education", Choices.Educations, errors),
            InSchool = Choice(r, "in_school", Choices.YesNo, errors),
            HealthInsurance = Choice(r, "health_insurance", Choices.YesNo, errors),
            Employment = Choice(r, "employment", Choices.Employments, errors),
            Disability = Choice(r, "disability", Choices.YesNo, errors),
            Meritorious = Choice(r, "meritorious", Choices.YesNo, errors),
            SocialProtection = Choice(r, "social_protection", Choices.YesNo, errors),
            Malnourished = Choice(r, "malnourished", Choices.YesNo, errors),
        };
        if (errors.Count > before) return null;

        foreach (var e in MemberRules.Validate(facts, _reviewDate))
            errors.Add(Error(r, FieldColumn(e.Field), e.Value, e.Message));
        return errors.Count > before ? null : facts;
    }

    private static string FieldColumn(string field) => field switch
    {
        nameof(MemberFacts.FullName) => "full_name",
        nameof(MemberFacts.DateOfBirth) => "date_of_birth",
        nameof(MemberFacts.CitizenId) => "citizen_id",
        nameof(MemberFacts.Meritorious) => "meritorious",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "no column for this field"),
    };

    private static T? Required<T>(RawRow r, string key, ChoiceList<T> list, List<RowError> errors) where T : struct
    {
        if (Cell(r, key).Length == 0)
        {
            errors.Add(Error(r, key, "", $"Không được để trống. Giá trị hợp lệ: {list.AllowedText}."));
            return null;
        }
        return Choice(r, key, list, errors);
    }

    private static T? Choice<T>(RawRow r, string key, ChoiceList<T> list, List<RowError> errors) where T : struct
    {
        var text = Cell(r, key);
        if (text.Length == 0) return null;
        if (list.TryParse(text, out var value)) return value;
        errors.Add(Error(r, key, text, $"Giá trị không hợp lệ. Giá trị hợp lệ: {list.AllowedText}."));
        return null;
    }

    private static decimal? Number(RawRow r, string key, decimal min, decimal max, List<RowError> errors, bool wholeNumber)
    {
        var text = Cell(r, key);
        if (text.Length == 0) return null;
        if (!VnFormat.TryParseNumber(text, out var value))
        {
            errors.Add(Error(r, key, text, "Phải là một số."));
            return null;
        }
        if (wholeNumber && value != decimal.Truncate(value))
        {
            errors.Add(Error(r, key, text, "Phải là số nguyên (đồng)."));
            return null;
        }
        if (value < min || value > max)
        {
            errors.Add(Error(r, key, text, $"Phải từ {VnFormat.Money(min)} đến {VnFormat.Money(max)}."));
            return null;
        }
        return value;
    }

    private static string Cell(RawRow r, string key)
    {
        var i = HouseholdFile.IndexOf(key);
        return i < r.Cells.Count ? (r.Cells[i] ?? "").Trim() : "";
    }

    private static RowError Error(RawRow r, string key, string? value, string message) =>
        new(r.Number, HouseholdFile.Columns[HouseholdFile.IndexOf(key)].Header, value, message);

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    [GeneratedRegex(@"^[\p{L}\p{N}\-./_]{1,30}$")]
    private static partial Regex HouseholdCodePattern();

    [GeneratedRegex(@"^0\d{9,10}$")]
    private static partial Regex PhonePattern();
}
