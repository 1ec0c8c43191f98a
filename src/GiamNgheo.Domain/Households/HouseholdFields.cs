using System.Text.RegularExpressions;
using GiamNgheo.Domain.Common;

namespace GiamNgheo.Domain.Households;

/// The facts of a household and of its members, each declared once. The order is the order of the exchange file's
/// columns and of a result's inputs hash: a new fact goes at the end of its list (appending keeps the hashes of stored
/// results unchanged only if it is not recorded; see InputsHash). Each text fact declares its maximum length and the
/// characters it holds (<see cref="TextCharacters"/>; a new one holds any visible character by default).
public static partial class HouseholdFields
{
    public static readonly FactList<HouseholdFacts> Household = new(
    [
        new TextFact<HouseholdFacts>(f => f.Hamlet, "Thôn/tổ dân phố", FactOwner.HouseholdYear)
            { Required = true, MaxLength = 100, Characters = TextCharacters.Printable, Rule = "Tên thôn, bản, tổ dân phố", Example = "Thôn Đồng Mạ" },
        new TextFact<HouseholdFacts>(f => f.Address, "Địa chỉ", FactOwner.HouseholdYear)
            { MaxLength = 200, Characters = TextCharacters.Printable, Rule = "Số nhà, đường, xóm" },
        new TextFact<HouseholdFacts>(f => f.Phone, "Điện thoại", FactOwner.HouseholdYear)
        {
            MaxLength = 11, Characters = TextCharacters.Digits, Rule = "10–11 chữ số, bắt đầu bằng 0", Example = "0912345678",
            Normalize = cell => new string(cell.Where(c => !char.IsWhiteSpace(c) && c != '.' && c != '-').ToArray()),
            Check = PhoneProblem,
        },
        new ChoiceFact<HouseholdFacts, Units.Area>(f => f.Area, "Khu vực", FactOwner.HouseholdYear, Choices.Areas)
            { Rule = Choices.Areas.AllowedText + "; để trống thì theo loại xã" },
        new NumberFact<HouseholdFacts>(f => f.Income12Months, "Thu nhập 12 tháng (đồng)", FactOwner.HouseholdYear, FactStorage.Money, 0m, 100_000_000_000m)
            { Rule = "Tổng thu nhập của hộ trong 12 tháng qua, số nguyên không âm", Example = "36000000" },
        new NumberFact<HouseholdFacts>(f => f.HousingAreaM2, "Diện tích nhà ở (m²)", FactOwner.HouseholdYear, FactStorage.Measure, 0m, 10_000m)
            { Rule = "Số không âm, tối đa 10.000", Example = "45" },
        YesNo(f => f.DurableWalls, "Tường bền chắc", "Có"),
        YesNo(f => f.DurableFrame, "Khung/cột bền chắc", "Có"),
        YesNo(f => f.DurableRoof, "Mái bền chắc", "Có"),
        new ChoiceFact<HouseholdFacts, WaterSource>(f => f.Water, "Nguồn nước sinh hoạt", FactOwner.HouseholdYear, Choices.WaterSources)
            { Rule = Choices.WaterSources.AllowedText, Example = "Giếng khoan" },
        new ChoiceFact<HouseholdFacts, LatrineType>(f => f.Latrine, "Nhà tiêu", FactOwner.HouseholdYear, Choices.Latrines)
            { Rule = Choices.Latrines.AllowedText, Example = "Tự hoại" },
        YesNo(f => f.UsesTelecom, "Sử dụng viễn thông", "Có"),
        YesNo(f => f.HasTv, "Có ti vi", "Có"),
        YesNo(f => f.HasRadio, "Có radio", "Không"),
        YesNo(f => f.HasComputer, "Có máy tính", "Không"),
        YesNo(f => f.HasInternetPhone, "Có điện thoại kết nối internet", "Có"),
        YesNo(f => f.LoudspeakerReach, "Được nghe loa truyền thanh", "Có"),
    ]);

    public static readonly FactList<MemberFacts> Member = new(
    [
        new TextFact<MemberFacts>(f => f.FullName, "Họ và tên", FactOwner.Person)
        {
            Required = true, MaxLength = 100, Characters = TextCharacters.Name, Rule = "Họ và tên thành viên: chữ cái và dấu cách, tối đa 100 ký tự",
            Example = "Nguyễn Văn An",
            Check = name => char.IsLetter(name, 0) ? null : "Họ và tên phải bắt đầu bằng chữ cái.",
        },
        new ChoiceFact<MemberFacts, Sex>(f => f.Sex, "Giới tính", FactOwner.Person, Choices.Sexes)
            { Required = true, Rule = Choices.Sexes.AllowedText, Example = "Nam" },
        new DateFact<MemberFacts>(f => f.DateOfBirth, "Ngày sinh", FactOwner.Person) { Required = true, Rule = "dd/MM/yyyy, không sau ngày rà soát", Example = "15/03/1980" },
        new ChoiceFact<MemberFacts, Relation>(f => f.Relation, "Quan hệ với chủ hộ", FactOwner.Membership, Choices.Relations)
            { Required = true, Rule = Choices.Relations.AllowedText + "; mỗi hộ đúng một Chủ hộ", Example = "Chủ hộ" },
        new TextFact<MemberFacts>(f => f.CitizenId, "Số CCCD", FactOwner.Person)
            { MaxLength = 12, Characters = TextCharacters.Digits, Rule = "12 chữ số; khớp năm sinh và giới tính", Check = CitizenId.CheckDigits },
        new EthnicFact<MemberFacts>(f => f.EthnicCode, "Dân tộc", FactOwner.Person) { Required = true, MaxLength = 2, Rule = "Mã (01–54) hoặc tên dân tộc", Example = "Kinh" },
        new ChoiceFact<MemberFacts, Education>(f => f.Education, "Trình độ học vấn", FactOwner.Membership, Choices.Educations)
            { Rule = Choices.Educations.AllowedText, Example = "THCS" },
        MemberYesNo(f => f.InSchool, "Đang đi học", "Không"),
        MemberYesNo(f => f.HealthInsurance, "Có BHYT", "Có"),
        new ChoiceFact<MemberFacts, Employment>(f => f.Employment, "Việc làm", FactOwner.Membership, Choices.Employments)
            { Rule = Choices.Employments.AllowedText, Example = "Có việc làm ổn định" },
        MemberYesNo(f => f.Disability, "Khuyết tật", "Không"),
        MemberYesNo(f => f.Meritorious, "Người có công", "Không"),
        MemberYesNo(f => f.SocialProtection, "Hưởng bảo trợ xã hội", "Không"),
        MemberYesNo(f => f.Malnourished, "Trẻ suy dinh dưỡng", "Không"),
    ]);

    private static YesNoFact<HouseholdFacts> YesNo(System.Linq.Expressions.Expression<Func<HouseholdFacts, bool?>> property, string header, string example) =>
        new(property, header, FactOwner.HouseholdYear) { Rule = Choices.YesNo.AllowedText, Example = example };

    private static YesNoFact<MemberFacts> MemberYesNo(System.Linq.Expressions.Expression<Func<MemberFacts, bool?>> property, string header, string example) =>
        new(property, header, FactOwner.Membership) { Rule = Choices.YesNo.AllowedText, Example = example };

    /// The digits of a phone number (Characters: digits only). Excel drops the leading 0 of a number typed in a cell
    /// not formatted as text, so 9–10 digits without it are named as such.
    private static string? PhoneProblem(string digits)
    {
        if (PhonePattern().IsMatch(digits)) return null;
        const string rule = "Số điện thoại phải gồm 10–11 chữ số và bắt đầu bằng 0.";
        return digits.Length >= 9 && ExcelHints.MayHaveLostZeros(digits, 11) ? $"{rule} {ExcelHints.DroppedLeadingZero("0" + digits)}" : rule;
    }

    [GeneratedRegex(@"^0\d{9,10}$")]
    private static partial Regex PhonePattern();
}
