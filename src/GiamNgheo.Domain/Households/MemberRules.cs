using GiamNgheo.Domain.Common;

namespace GiamNgheo.Domain.Households;

/// The checks across a member's facts (each fact's own rule is in its declaration, HouseholdFields): birth date
/// against the review date, the citizen ID against sex and birth year. The file parser runs them on every member, and
/// the forms go through the parser.
public static class MemberRules
{
    public const int MaxAgeYears = 120;

    public static IEnumerable<FieldError> Validate(MemberFacts m, DateOnly reviewDate)
    {
        if (m.DateOfBirth > reviewDate)
            yield return new(nameof(m.DateOfBirth), VnFormat.Date(m.DateOfBirth), $"Ngày sinh sau ngày rà soát {VnFormat.Date(reviewDate)}.");
        else if (m.DateOfBirth < reviewDate.AddYears(-MaxAgeYears))
            yield return new(nameof(m.DateOfBirth), VnFormat.Date(m.DateOfBirth), $"Ngày sinh cho tuổi trên {MaxAgeYears}, hãy kiểm tra lại.");

        if (!string.IsNullOrEmpty(m.CitizenId) && CitizenId.Check(m.CitizenId, m.Sex, m.DateOfBirth) is { } idError)
            yield return new(nameof(m.CitizenId), m.CitizenId, idError);

        if (m.Meritorious == true && m.DateOfBirth > reviewDate.AddYears(-1))
            yield return new(nameof(m.Meritorious), "Có", "Trẻ dưới 1 tuổi không thể là người có công.");
    }
}

/// Citizen identity number (số định danh cá nhân / CCCD): 12 digits — 3 for the province where the
/// birth was registered, 1 for century and sex, 2 for the year of birth, 6 random
/// (Circular 59/2021/TT-BCA, Art. 7; recalled, not read in the text here — the checks below are the structure only).
public static class CitizenId
{
    public const int Length = 12;

    /// Twelve digits. Every number starts with 0 (its province code is 001–096), so fewer digits without a leading 0 are
    /// likely a number Excel took the zeros from; the hint names the padded number, and the value is still refused:
    /// a guessed ID could match another person.
    public static string? CheckDigits(string id)
    {
        if (id.Length == Length && id.All(char.IsAsciiDigit)) return null;
        const string rule = "Số CCCD phải gồm đúng 12 chữ số";
        if (!id.All(char.IsAsciiDigit)) return rule + ".";
        var counted = $"{rule}, ô có {id.Length} chữ số.";
        return ExcelHints.MayHaveLostZeros(id, Length) ? $"{counted} {ExcelHints.DroppedLeadingZero(id.PadLeft(Length, '0'))}" : counted;
    }

    public static string? Check(string id, Sex sex, DateOnly dateOfBirth)
    {
        if (CheckDigits(id) is { } digits) return digits;
        var province = int.Parse(id.AsSpan(0, 3));
        if (province is < 1 or > 96)
            return "Ba chữ số đầu (mã tỉnh nơi đăng ký khai sinh) phải từ 001 đến 096.";
        var centurySex = id[3] - '0';
        // 0/1: 20th century male/female, 2/3: 21st, 4/5: 22nd …
        var century = 1900 + centurySex / 2 * 100;
        var idSex = centurySex % 2 == 0 ? Sex.Male : Sex.Female;
        var year = century + int.Parse(id.AsSpan(4, 2));
        if (year != dateOfBirth.Year)
            return $"Chữ số thứ 4–6 cho năm sinh {year}, khác năm sinh {dateOfBirth.Year}.";
        if (idSex != sex)
            return $"Chữ số thứ 4 cho giới tính {Choices.Sexes.Label(idSex)}, khác giới tính đã khai.";
        return null;
    }
}
