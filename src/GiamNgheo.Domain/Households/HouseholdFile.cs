using GiamNgheo.Domain.Common;

namespace GiamNgheo.Domain.Households;

/// One column of the household exchange file (CSV or XLSX, one row per member).
/// Household columns are filled on the household's first row; later rows of the same household may
/// leave them empty or repeat them unchanged.
public sealed record FileColumn(string Key, string Header, bool HouseholdLevel, bool Required, string Rule, string Example);

public static class HouseholdFile
{
    public static readonly IReadOnlyList<FileColumn> Columns =
    [
        new("household_code", "Mã hộ", true, true, "Mã hộ trong danh sách của xã; duy nhất, giữ nguyên qua các năm (chữ, số, - . /; tối đa 30 ký tự)", "07444-00001"),
        new("commune_code", "Mã xã", true, true, "Mã 5 chữ số của xã/phường đang có hiệu lực vào ngày rà soát (01/09 của năm)", "07444"),
        new("hamlet", "Thôn/tổ dân phố", true, true, "Tên thôn, bản, tổ dân phố", "Thôn Đồng Mạ"),
        new("address", "Địa chỉ", true, false, "Số nhà, đường, xóm", ""),
        new("phone", "Điện thoại", true, false, "10–11 chữ số, bắt đầu bằng 0", "0912345678"),
        new("area", "Khu vực", true, false, "Thành thị hoặc Nông thôn; để trống thì theo loại xã", ""),
        new("income", "Thu nhập 12 tháng (đồng)", true, false, "Tổng thu nhập của hộ trong 12 tháng qua, số nguyên không âm", "36000000"),
        new("housing_area", "Diện tích nhà ở (m²)", true, false, "Số không âm, tối đa 10.000", "45"),
        new("durable_walls", "Tường bền chắc", true, false, Choices.YesNo.AllowedText, "Có"),
        new("durable_frame", "Khung/cột bền chắc", true, false, Choices.YesNo.AllowedText, "Có"),
        new("durable_roof", "Mái bền chắc", true, false, Choices.YesNo.AllowedText, "Có"),
        new("water", "Nguồn nước sinh hoạt", true, false, Choices.WaterSources.AllowedText, "Giếng khoan"),
        new("latrine", "Nhà tiêu", true, false, Choices.Latrines.AllowedText, "Tự hoại"),
        new("telecom", "Sử dụng viễn thông", true, false, Choices.YesNo.AllowedText, "Có"),
        new("tv", "Có ti vi", true, false, Choices.YesNo.AllowedText, "Có"),
        new("radio", "Có radio", true, false, Choices.YesNo.AllowedText, "Không"),
        new("computer", "Có máy tính", true, false, Choices.YesNo.AllowedText, "Không"),
        new("internet_phone", "Có điện thoại kết nối internet", true, false, Choices.YesNo.AllowedText, "Có"),
        new("loudspeaker", "Được nghe loa truyền thanh", true, false, Choices.YesNo.AllowedText, "Có"),
        new("full_name", "Họ và tên", false, true, "Họ và tên thành viên, tối đa 100 ký tự", "Nguyễn Văn An"),
        new("sex", "Giới tính", false, true, Choices.Sexes.AllowedText, "Nam"),
        new("date_of_birth", "Ngày sinh", false, true, "dd/MM/yyyy, không sau ngày rà soát", "15/03/1980"),
        new("relation", "Quan hệ với chủ hộ", false, true, Choices.Relations.AllowedText + "; mỗi hộ đúng một Chủ hộ", "Chủ hộ"),
        new("citizen_id", "Số CCCD", false, false, "12 chữ số; khớp năm sinh và giới tính", ""),
        new("ethnicity", "Dân tộc", false, true, "Mã (01–54) hoặc tên dân tộc", "Kinh"),
        new("education", "Trình độ học vấn", false, false, Choices.Educations.AllowedText, "THCS"),
        new("in_school", "Đang đi học", false, false, Choices.YesNo.AllowedText, "Không"),
        new("health_insurance", "Có BHYT", false, false, Choices.YesNo.AllowedText, "Có"),
        new("employment", "Việc làm", false, false, Choices.Employments.AllowedText, "Có việc làm ổn định"),
        new("disability", "Khuyết tật", false, false, Choices.YesNo.AllowedText, "Không"),
        new("meritorious", "Người có công", false, false, Choices.YesNo.AllowedText, "Không"),
        new("social_protection", "Hưởng bảo trợ xã hội", false, false, Choices.YesNo.AllowedText, "Không"),
        new("malnourished", "Trẻ suy dinh dưỡng", false, false, Choices.YesNo.AllowedText, "Không"),
    ];

    /// One member row in the file's column order — the exact inverse of <see cref="HouseholdFileParser"/>.
    /// Household columns are written on the household's first row only.
    public static string[] ToCells(string householdCode, string communeCode, HouseholdFacts h, MemberFacts m, bool firstRowOfHousehold, EthnicGroups ethnic)
    {
        static string YesNo(bool? b) => b is { } v ? Choices.YesNo.Label(v) : "";
        var cells = new string[Columns.Count];
        void Set(string key, string? value) => cells[IndexOf(key)] = value ?? "";
        Set("household_code", householdCode);
        if (firstRowOfHousehold)
        {
            Set("commune_code", communeCode);
            Set("hamlet", h.Hamlet);
            Set("address", h.Address);
            Set("phone", h.Phone);
            Set("area", h.Area is { } a ? Choices.Areas.Label(a) : "");
            Set("income", h.Income12Months?.ToString("0", System.Globalization.CultureInfo.InvariantCulture));
            Set("housing_area", h.HousingAreaM2?.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture));
            Set("durable_walls", YesNo(h.DurableWalls));
            Set("durable_frame", YesNo(h.DurableFrame));
            Set("durable_roof", YesNo(h.DurableRoof));
            Set("water", h.Water is { } w ? Choices.WaterSources.Label(w) : "");
            Set("latrine", h.Latrine is { } l ? Choices.Latrines.Label(l) : "");
            Set("telecom", YesNo(h.UsesTelecom));
            Set("tv", YesNo(h.HasTv));
            Set("radio", YesNo(h.HasRadio));
            Set("computer", YesNo(h.HasComputer));
            Set("internet_phone", YesNo(h.HasInternetPhone));
            Set("loudspeaker", YesNo(h.LoudspeakerReach));
        }
        Set("full_name", m.FullName);
        Set("sex", Choices.Sexes.Label(m.Sex));
        Set("date_of_birth", VnFormat.Date(m.DateOfBirth));
        Set("relation", Choices.Relations.Label(m.Relation));
        Set("citizen_id", m.CitizenId);
        Set("ethnicity", ethnic.NameOf(m.EthnicCode));
        Set("education", Choices.Educations.Label(m.Education));
        Set("in_school", YesNo(m.InSchool));
        Set("health_insurance", YesNo(m.HealthInsurance));
        Set("employment", Choices.Employments.Label(m.Employment));
        Set("disability", YesNo(m.Disability));
        Set("meritorious", YesNo(m.Meritorious));
        Set("social_protection", YesNo(m.SocialProtection));
        Set("malnourished", YesNo(m.Malnourished));
        for (var i = 0; i < cells.Length; i++) cells[i] ??= "";
        return cells;
    }

    public static int IndexOf(string key)
    {
        for (var i = 0; i < Columns.Count; i++) if (Columns[i].Key == key) return i;
        throw new ArgumentException($"Unknown column key {key}", nameof(key));
    }

    /// Maps the file's header row to our columns (order free, case and diacritics ignored).
    /// Returns, per column of <see cref="Columns"/>, the index in the file or -1.
    public static (int[] Map, IReadOnlyList<RowError> Errors) MapHeaders(IReadOnlyList<string> headers)
    {
        var byFolded = new Dictionary<string, int>();
        var errors = new List<RowError>();
        for (var i = 0; i < headers.Count; i++)
        {
            var folded = VietnameseText.Fold(headers[i] ?? "");
            if (folded.Length == 0) continue;
            if (!byFolded.TryAdd(folded, i))
                errors.Add(new RowError(1, headers[i], null, "Tiêu đề cột bị lặp."));
        }
        var map = new int[Columns.Count];
        for (var c = 0; c < Columns.Count; c++)
        {
            map[c] = byFolded.GetValueOrDefault(VietnameseText.Fold(Columns[c].Header), -1);
            if (map[c] < 0 && Columns[c].Required)
                errors.Add(new RowError(1, Columns[c].Header, null, "Thiếu cột bắt buộc. Hãy dùng mẫu tải về từ hệ thống."));
        }
        return (map, errors);
    }
}
