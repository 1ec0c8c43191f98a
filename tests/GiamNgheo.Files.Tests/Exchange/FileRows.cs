using GiamNgheo.Domain.Households;
using GiamNgheo.Domain.Units;
using GiamNgheo.Files.Exchange;

namespace GiamNgheo.Domain.Tests.Households;

/// Builds file rows by Vietnamese header, as an official would fill the template.
public static class FileRows
{
    public static readonly CommuneRef LucNamCommune = new(7444, "07444", "Thị trấn Đồi Ngô", Area.Urban);
    public static readonly CommuneRef RuralCommune = new(7447, "07447", "Xã Đông Hưng", Area.Rural);

    public static readonly EthnicGroups Ethnic = new([new("01", "Kinh"), new("02", "Tày"), new("07", "Nùng"), new("08", "HMông"), new("09", "Dao")]);

    public static HouseholdFileParser Parser(int year = 2024) =>
        new(year, code => code switch { "07444" => LucNamCommune, "07447" => RuralCommune, _ => null }, Ethnic);

    public static Dictionary<string, string> Head(string code = "07444-00001") => new()
    {
        ["Mã hộ"] = code, ["Mã xã"] = "07444", ["Thôn/tổ dân phố"] = "Tổ dân phố 1", ["Điện thoại"] = "0912 345 678",
        ["Thu nhập 12 tháng (đồng)"] = "36.000.000", ["Diện tích nhà ở (m²)"] = "45,5", ["Tường bền chắc"] = "Có",
        ["Nguồn nước sinh hoạt"] = "giếng khoan", ["Nhà tiêu"] = "Tự hoại", ["Sử dụng viễn thông"] = "Có",
        ["Họ và tên"] = "Nguyễn Văn An", ["Giới tính"] = "Nam", ["Ngày sinh"] = "15/03/1980", ["Quan hệ với chủ hộ"] = "Chủ hộ",
        ["Số CCCD"] = "024080001234", ["Dân tộc"] = "Kinh", ["Có BHYT"] = "Có", ["Việc làm"] = "Có việc làm ổn định",
    };

    public static Dictionary<string, string> Member(string code = "07444-00001", string name = "Trần Thị Bình", string dob = "02/07/1983",
        string relation = "Vợ/chồng", string sex = "Nữ") => new()
    {
        ["Mã hộ"] = code, ["Họ và tên"] = name, ["Giới tính"] = sex, ["Ngày sinh"] = dob, ["Quan hệ với chủ hộ"] = relation, ["Dân tộc"] = "01",
    };

    public static Dictionary<string, string> With(this Dictionary<string, string> row, string header, string value)
    {
        row[header] = value;
        return row;
    }

    /// Rows numbered from 2 (row 1 is the header), cells in the order of HouseholdFile.Columns.
    public static List<RawRow> Rows(params Dictionary<string, string>[] rows) =>
        rows.Select((r, i) => new RawRow(i + 2, HouseholdFile.Columns.Select(c => r.GetValueOrDefault(c.Header, "")).ToArray())).ToList();

    public static List<HouseholdBlock> Parse(params Dictionary<string, string>[] rows) => Parser().Parse(Rows(rows)).ToList();
}
