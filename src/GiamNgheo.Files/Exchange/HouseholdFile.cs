using GiamNgheo.Domain.Common;
using GiamNgheo.Domain.Households;

namespace GiamNgheo.Files.Exchange;

/// One column of the household exchange file (CSV or XLSX, one row per member).
/// Household columns are filled on the household's first row; later rows of the same household may
/// leave them empty or repeat them unchanged.
public sealed record FileColumn(string Key, string Header, bool HouseholdLevel, bool Required, string Rule, string Example)
{
    /// The allowed words, for columns that take one of a list (forms show them as a choice).
    public IReadOnlyList<string>? Options { get; init; }
}

public static class HouseholdFile
{
    public static readonly IReadOnlyList<FileColumn> Columns =
    [
        new("household_code", "Mã hộ", true, true, "Mã hộ trong danh sách của xã; duy nhất, giữ nguyên qua các năm (chữ, số, - . /; tối đa 30 ký tự)", "07444-00001"),
        new("commune_code", "Mã xã", true, true, "Mã 5 chữ số của xã/phường đang có hiệu lực vào ngày rà soát (01/09 của năm)", "07444"),
        new("hamlet", "Thôn/tổ dân phố", true, true, "Tên thôn, bản, tổ dân phố", "Thôn Đồng Mạ"),
        new("address", "Địa chỉ", true, false, "Số nhà, đường, xóm", ""),
        new("phone", "Điện thoại", true, false, "10–11 chữ số, bắt đầu bằng 0", "0912345678"),
        Choice("area", "Khu vực", true, false, Choices.Areas, "", "để trống thì theo loại xã"),
        new("income", "Thu nhập 12 tháng (đồng)", true, false, "Tổng thu nhập của hộ trong 12 tháng qua, số nguyên không âm", "36000000"),
        new("housing_area", "Diện tích nhà ở (m²)", true, false, "Số không âm, tối đa 10.000", "45"),
        Choice("durable_walls", "Tường bền chắc", true, false, Choices.YesNo, "Có"),
        Choice("durable_frame", "Khung/cột bền chắc", true, false, Choices.YesNo, "Có"),
        Choice("durable_roof", "Mái bền chắc", true, false, Choices.YesNo, "Có"),
        Choice("water", "Nguồn nước sinh hoạt", true, false, Choices.WaterSources, "Giếng khoan"),
        Choice("latrine", "Nhà tiêu", true, false, Choices.Latrines, "Tự hoại"),
        Choice("telecom", "Sử dụng viễn thông", true, false, Choices.YesNo, "Có"),
        Choice("tv", "Có ti vi", true, false, Choices.YesNo, "Có"),
        Choice("radio", "Có radio", true, false, Choices.YesNo, "Không"),
        Choice("computer", "Có máy tính", true, false, Choices.YesNo, "Không"),
        Choice("internet_phone", "Có điện thoại kết nối internet", true, false, Choices.YesNo, "Có"),
        Choice("loudspeaker", "Được nghe loa truyền thanh", true, false, Choices.YesNo, "Có"),
        new("full_name", "Họ và tên", false, true, "Họ và tên thành viên, tối đa 100 ký tự", "Nguyễn Văn An"),
        Choice("sex", "Giới tính", false, true, Choices.Sexes, "Nam"),
        new("date_of_birth", "Ngày sinh", false, true, "dd/MM/yyyy, không sau ngày rà soát", "15/03/1980"),
        Choice("relation", "Quan hệ với chủ hộ", false, true, Choices.Relations, "Chủ hộ", "mỗi hộ đúng một Chủ hộ"),
        new("citizen_id", "Số CCCD", false, false, "12 chữ số; khớp năm sinh và giới tính", ""),
        new("ethnicity", "Dân tộc", false, true, "Mã (01–54) hoặc tên dân tộc", "Kinh"),
        Choice("education", "Trình độ học vấn", false, false, Choices.Educations, "THCS"),
        Choice("in_school", "Đang đi học", false, false, Choices.YesNo, "Không"),
        Choice("health_insurance", "Có BHYT", false, false, Choices.YesNo, "Có"),
        Choice("employment", "Việc làm", false, false, Choices.Employments, "Có việc làm ổn định"),
        Choice("disability", "Khuyết tật", false, false, Choices.YesNo, "Không"),
        Choice("meritorious", "Người có công", false, false, Choices.YesNo, "Không"),
        Choice("social_protection", "Hưởng bảo trợ xã hội", false, false, Choices.YesNo, "Không"),
        Choice("malnourished", "Trẻ suy dinh dưỡng", false, false, Choices.YesNo, "Không"),
    ];

    private static FileColumn Choice<T>(string key, string header, bool householdLevel, bool required, ChoiceList<T> list, string example, string? note = null)
        where T : notnull =>
        new(key, header, householdLevel, required, list.AllowedText + (note is null ? "" : "; " + note), example) { Options = list.Labels };

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
        Set("education", m.Education is { } e ? Choices.Educations.Label(e) : "");
        Set("in_school", YesNo(m.InSchool));
        Set("health_insurance", YesNo(m.HealthInsurance));
        Set("employment", m.Employment is { } j ? Choices.Employments.Label(j) : "");
        Set("disability", YesNo(m.Disability));
        Set("meritorious", YesNo(m.Meritorious));
        Set("social_protection", YesNo(m.SocialProtection));
        Set("malnourished", YesNo(m.Malnourished));
        for (var i = 0; i < cells.Length; i++) cells[i] ??= "";
        return cells;
    }

    private static readonly Dictionary<string, int> IndexByKey = Columns.Select((c, i) => (c.Key, i)).ToDictionary(x => x.Key, x => x.i);

    public static int IndexOf(string key) =>
        IndexByKey.TryGetValue(key, out var i) ? i : throw new ArgumentException($"Unknown column key {key}", nameof(key));

    /// Maps the file's header row to our columns (order free, case and diacritics ignored).
    /// Returns, per column of <see cref="Columns"/>, the index in the file or -1.
    public static (int[] Map, IReadOnlyList<RowError> Errors) MapHeaders(IReadOnlyList<string> headers) =>
        MapHeaders(headers, Columns.Select(c => (c.Header, c.Required)).ToList());

    /// Where each expected column is in the file (-1: absent), matching headers in any order without regard to case or
    /// diacritics; a repeated header or a missing required column is an error on row 1. Shared by every import file.
    public static (int[] Map, IReadOnlyList<RowError> Errors) MapHeaders(IReadOnlyList<string> headers, IReadOnlyList<(string Header, bool Required)> columns)
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
        var map = new int[columns.Count];
        for (var c = 0; c < columns.Count; c++)
        {
            map[c] = byFolded.GetValueOrDefault(VietnameseText.Fold(columns[c].Header), -1);
            if (map[c] < 0 && columns[c].Required)
                errors.Add(new RowError(1, columns[c].Header, null, "Thiếu cột bắt buộc. Hãy dùng mẫu tải về từ hệ thống."));
        }
        return (map, errors);
    }
}
