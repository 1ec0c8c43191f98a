using System.Text;
using GiamNgheo.Files.Exchange;
using static GiamNgheo.Domain.Tests.Households.FileRows;

namespace GiamNgheo.Domain.Tests.Households;

/// The rules every cell of the exchange file is read by, before anything is stored: the characters and length of each
/// text, Unicode NFC, Excel's error values, the leading zeros and the dates Excel changes, the float noise of amounts,
/// and dates that cannot exist. Each case is one row of a table with the whole message the officer reads: its row,
/// column header, value (invisible characters shown as [U+XXXX]) and rule.
public sealed class CellRuleTests
{
    private const string NameRule = "Họ và tên chỉ gồm chữ cái, dấu cách và các dấu - ' . (không có chữ số hay ký hiệu)";
    private const string Printable = "chỉ gồm ký tự nhìn thấy được";
    private const string Delete = ", hãy xoá ký tự đó.";
    private const string ZeroFix = "Hãy định dạng cột là Văn bản (chuột phải › Định dạng ô › Văn bản / Text) rồi nhập lại số, hoặc gõ dấu ' trước số.";
    private const string FormulaFix = "không phải một giá trị. Hãy sửa công thức, hoặc nhập giá trị thay cho công thức.";
    private const string SerialIntro = "Đây là một số, không phải ngày: Excel hiện ngày dưới dạng số ngày khi ô không được định dạng ngày, và số";
    private const string SerialFix = "Hãy định dạng ô là Ngày (dd/MM/yyyy) hoặc Văn bản rồi ghi ngày dạng dd/MM/yyyy.";

    private static readonly string LongHamlet = "Thôn " + new string('A', 96);
    private static readonly string LongAddress = new('x', 201);

    public static TheoryData<string, string, string> Refused => new()
    {   // column header, cell written on the household's first row (row 2), the whole error

        // Invisible characters: refused in every column, named with their code point and position.
        { "Họ và tên", "Nguyễn\0An", $"Dòng 2, cột «Họ và tên», giá trị «Nguyễn[U+0000]An»: {NameRule}; ô có ký tự điều khiển U+0000 (NUL) ở vị trí 7{Delete}" },
        { "Họ và tên", "Nguyễn Văn\nAn", $"Dòng 2, cột «Họ và tên», giá trị «Nguyễn Văn[U+000A]An»: {NameRule}; ô có ký tự xuống dòng U+000A (LF) ở vị trí 11{Delete}" },
        { "Họ và tên", "Lê\tAn", $"Dòng 2, cột «Họ và tên», giá trị «Lê[U+0009]An»: {NameRule}; ô có ký tự Tab U+0009 ở vị trí 3{Delete}" },
        { "Họ và tên", "Lê\u001bAn", $"Dòng 2, cột «Họ và tên», giá trị «Lê[U+001B]An»: {NameRule}; ô có ký tự điều khiển U+001B (ESC) ở vị trí 3{Delete}" },
        { "Thôn/tổ dân phố", "Thôn 1\a", $"Dòng 2, cột «Thôn/tổ dân phố», giá trị «Thôn 1[U+0007]»: Thôn/tổ dân phố {Printable}; ô có ký tự điều khiển U+0007 (BEL) ở vị trí 7{Delete}" },
        { "Thôn/tổ dân phố", "Tổ 1\r\nTổ 2", $"Dòng 2, cột «Thôn/tổ dân phố», giá trị «Tổ 1[U+000D][U+000A]Tổ 2»: Thôn/tổ dân phố {Printable}; ô có ký tự xuống dòng U+000D (CR) ở vị trí 5{Delete}" },
        { "Thôn/tổ dân phố", "Thôn\u200BĐồng Mạ", $"Dòng 2, cột «Thôn/tổ dân phố», giá trị «Thôn[U+200B]Đồng Mạ»: Thôn/tổ dân phố {Printable}; ô có ký tự vô hình U+200B (dấu cách độ rộng 0) ở vị trí 5{Delete}" },
        { "Địa chỉ", "Số 5\uFFFE", $"Dòng 2, cột «Địa chỉ», giá trị «Số 5[U+FFFE]»: Địa chỉ {Printable}; ô có ký tự hỏng U+FFFE (không phải ký tự) ở vị trí 5{Delete}" },
        { "Địa chỉ", "Số\uD8005", $"Dòng 2, cột «Địa chỉ», giá trị «Số[U+D800]5»: Địa chỉ {Printable}; ô có ký tự hỏng U+D800 (nửa cặp thay thế UTF-16, không phải ký tự) ở vị trí 3{Delete}" },
        // Checked on the cell as typed, before the spaces of a phone number are taken out.
        { "Điện thoại", "0912\t345678", $"Dòng 2, cột «Điện thoại», giá trị «0912[U+0009]345678»: Điện thoại chỉ gồm chữ số; ô có ký tự Tab U+0009 ở vị trí 5{Delete}" },
        { "Dân tộc", "Kinh\0", $"Dòng 2, cột «Dân tộc», giá trị «Kinh[U+0000]»: Dân tộc {Printable}; ô có ký tự điều khiển U+0000 (NUL) ở vị trí 5{Delete}" },
        // Folding a choice would throw on an unpaired surrogate: refused first.
        { "Giới tính", "Nam\uDC00", $"Dòng 2, cột «Giới tính», giá trị «Nam[U+DC00]»: Giới tính {Printable}; ô có ký tự hỏng U+DC00 (nửa cặp thay thế UTF-16, không phải ký tự) ở vị trí 4{Delete}" },
        { "Ngày sinh", "15/03/1980\u200B", $"Dòng 2, cột «Ngày sinh», giá trị «15/03/1980[U+200B]»: Ngày sinh {Printable}; ô có ký tự vô hình U+200B (dấu cách độ rộng 0) ở vị trí 11{Delete}" },
        { "Tường bền chắc", "Có\uFEFF", $"Dòng 2, cột «Tường bền chắc», giá trị «Có[U+FEFF]»: Tường bền chắc {Printable}; ô có ký tự vô hình U+FEFF (BOM) ở vị trí 3{Delete}" },
        { "Mã hộ", "07444\u000000001", $"Dòng 2, cột «Mã hộ», giá trị «07444[U+0000]00001»: Mã hộ chỉ gồm chữ, số và các dấu - . / _; ô có ký tự điều khiển U+0000 (NUL) ở vị trí 6{Delete}" },
        { "Mã xã", "0744\u00004", $"Dòng 2, cột «Mã xã», giá trị «0744[U+0000]4»: Mã xã chỉ gồm chữ số; ô có ký tự điều khiển U+0000 (NUL) ở vị trí 5{Delete}" },

        // Visible characters outside a field's set.
        { "Họ và tên", "Nguyễn Văn 2", $"Dòng 2, cột «Họ và tên», giá trị «Nguyễn Văn 2»: {NameRule}." },
        { "Họ và tên", "-An", "Dòng 2, cột «Họ và tên», giá trị «-An»: Họ và tên phải bắt đầu bằng chữ cái." },
        { "Điện thoại", "+84 912 345 678", "Dòng 2, cột «Điện thoại», giá trị «+84 912 345 678»: Điện thoại chỉ gồm chữ số." },
        { "Số CCCD", "02408000123A", "Dòng 2, cột «Số CCCD», giá trị «02408000123A»: Số CCCD chỉ gồm chữ số." },
        { "Mã hộ", "07444#1", "Dòng 2, cột «Mã hộ», giá trị «07444#1»: Mã hộ chỉ gồm chữ, số và các dấu - . / _." },
        { "Mã xã", "07444.0", "Dòng 2, cột «Mã xã», giá trị «07444.0»: Mã xã chỉ gồm chữ số." },

        // Longer than the registry keeps; a long value is shown cut, with its length.
        { "Thôn/tổ dân phố", LongHamlet, $"Dòng 2, cột «Thôn/tổ dân phố», giá trị «{LongHamlet[..100]}… (101 ký tự)»: Thôn/tổ dân phố dài quá 100 ký tự (ô có 101 ký tự)." },
        { "Họ và tên", "Nguyễn " + new string('a', 94), $"Dòng 2, cột «Họ và tên», giá trị «Nguyễn {new string('a', 93)}… (101 ký tự)»: Họ và tên dài quá 100 ký tự (ô có 101 ký tự)." },
        { "Địa chỉ", LongAddress, $"Dòng 2, cột «Địa chỉ», giá trị «{LongAddress[..100]}… (201 ký tự)»: Địa chỉ dài quá 200 ký tự (ô có 201 ký tự)." },
        { "Mã hộ", "07444-" + new string('1', 25), $"Dòng 2, cột «Mã hộ», giá trị «07444-{new string('1', 25)}»: Mã hộ dài quá 30 ký tự (ô có 31 ký tự)." },
        { "Điện thoại", "091234567890", "Dòng 2, cột «Điện thoại», giá trị «091234567890»: Số điện thoại phải gồm 10–11 chữ số và bắt đầu bằng 0." },

        // Excel's error values, in any column.
        { "Mã xã", "#N/A", $"Dòng 2, cột «Mã xã», giá trị «#N/A»: Ô chứa lỗi công thức của Excel #N/A (không có giá trị, thường do hàm tra cứu như VLOOKUP không tìm thấy), {FormulaFix}" },
        { "Thu nhập 12 tháng (đồng)", "#VALUE!", $"Dòng 2, cột «Thu nhập 12 tháng (đồng)», giá trị «#VALUE!»: Ô chứa lỗi công thức của Excel #VALUE! (sai kiểu giá trị trong công thức), {FormulaFix}" },
        { "Họ và tên", "#REF!", $"Dòng 2, cột «Họ và tên», giá trị «#REF!»: Ô chứa lỗi công thức của Excel #REF! (công thức tham chiếu tới ô đã bị xoá), {FormulaFix}" },
        { "Diện tích nhà ở (m²)", "#DIV/0!", $"Dòng 2, cột «Diện tích nhà ở (m²)», giá trị «#DIV/0!»: Ô chứa lỗi công thức của Excel #DIV/0! (công thức chia cho 0), {FormulaFix}" },
        { "Ngày sinh", "#NUM!", $"Dòng 2, cột «Ngày sinh», giá trị «#NUM!»: Ô chứa lỗi công thức của Excel #NUM! (công thức cho một số không hợp lệ), {FormulaFix}" },
        { "Dân tộc", "#NAME?", $"Dòng 2, cột «Dân tộc», giá trị «#NAME?»: Ô chứa lỗi công thức của Excel #NAME? (công thức dùng một tên hàm hoặc tên vùng không có), {FormulaFix}" },
        { "Giới tính", "#NULL!", $"Dòng 2, cột «Giới tính», giá trị «#NULL!»: Ô chứa lỗi công thức của Excel #NULL! (công thức dùng hai vùng không giao nhau), {FormulaFix}" },
        { "Số CCCD", "#SPILL!", $"Dòng 2, cột «Số CCCD», giá trị «#SPILL!»: Ô chứa lỗi công thức của Excel #SPILL! (kết quả mảng của công thức bị các ô khác chặn), {FormulaFix}" },
        { "Thôn/tổ dân phố", "#CALC!", $"Dòng 2, cột «Thôn/tổ dân phố», giá trị «#CALC!»: Ô chứa lỗi công thức của Excel #CALC! (công thức mảng không tính được), {FormulaFix}" },
        { "Mã hộ", "#REF!", $"Dòng 2, cột «Mã hộ», giá trị «#REF!»: Ô chứa lỗi công thức của Excel #REF! (công thức tham chiếu tới ô đã bị xoá), {FormulaFix}" },
        { "Điện thoại", "#n/a", $"Dòng 2, cột «Điện thoại», giá trị «#n/a»: Ô chứa lỗi công thức của Excel #N/A (không có giá trị, thường do hàm tra cứu như VLOOKUP không tìm thấy), {FormulaFix}" },

        // Leading zeros Excel dropped: named, with the padded value, and refused.
        { "Số CCCD", "24080001234", $"Dòng 2, cột «Số CCCD», giá trị «24080001234»: Số CCCD phải gồm đúng 12 chữ số, ô có 11 chữ số. Excel có thể đã bỏ số 0 đầu (có phải 024080001234?). {ZeroFix}" },
        { "Số CCCD", "1080001234", $"Dòng 2, cột «Số CCCD», giá trị «1080001234»: Số CCCD phải gồm đúng 12 chữ số, ô có 10 chữ số. Excel có thể đã bỏ số 0 đầu (có phải 001080001234?). {ZeroFix}" },
        { "Số CCCD", "02408000123", "Dòng 2, cột «Số CCCD», giá trị «02408000123»: Số CCCD phải gồm đúng 12 chữ số, ô có 11 chữ số." },
        { "Mã xã", "7444", $"Dòng 2, cột «Mã xã», giá trị «7444»: Mã xã phải gồm đúng 5 chữ số, ô có 4 chữ số. Excel có thể đã bỏ số 0 đầu (có phải 07444 — Thị trấn Đồi Ngô?). {ZeroFix}" },
        { "Mã xã", "7447", $"Dòng 2, cột «Mã xã», giá trị «7447»: Mã xã phải gồm đúng 5 chữ số, ô có 4 chữ số. Excel có thể đã bỏ số 0 đầu (có phải 07447 — Xã Đông Hưng?). {ZeroFix}" },
        { "Mã xã", "744", $"Dòng 2, cột «Mã xã», giá trị «744»: Mã xã phải gồm đúng 5 chữ số, ô có 3 chữ số. Excel có thể đã bỏ số 0 đầu. {ZeroFix}" },
        { "Mã xã", "074440", "Dòng 2, cột «Mã xã», giá trị «074440»: Mã xã phải gồm đúng 5 chữ số, ô có 6 chữ số." },
        { "Điện thoại", "912345678", $"Dòng 2, cột «Điện thoại», giá trị «912345678»: Số điện thoại phải gồm 10–11 chữ số và bắt đầu bằng 0. Excel có thể đã bỏ số 0 đầu (có phải 0912345678?). {ZeroFix}" },
        { "Điện thoại", "2433123456", $"Dòng 2, cột «Điện thoại», giá trị «2433123456»: Số điện thoại phải gồm 10–11 chữ số và bắt đầu bằng 0. Excel có thể đã bỏ số 0 đầu (có phải 02433123456?). {ZeroFix}" },
        { "Điện thoại", "12345", "Dòng 2, cột «Điện thoại», giá trị «12345»: Số điện thoại phải gồm 10–11 chữ số và bắt đầu bằng 0." },

        // A date shown as Excel's serial number (1900 system, with its 29/02/1900 that never was).
        { "Ngày sinh", "29305", $"Dòng 2, cột «Ngày sinh», giá trị «29305»: {SerialIntro} 29305 là ngày 25/03/1980 (hệ ngày 1900 của Excel). {SerialFix}" },
        { "Ngày sinh", "29305.0", $"Dòng 2, cột «Ngày sinh», giá trị «29305.0»: {SerialIntro} 29305.0 là ngày 25/03/1980 (hệ ngày 1900 của Excel). {SerialFix}" },
        { "Ngày sinh", "29305,75", $"Dòng 2, cột «Ngày sinh», giá trị «29305,75»: {SerialIntro} 29305,75 là ngày 25/03/1980 (hệ ngày 1900 của Excel). {SerialFix}" },
        { "Ngày sinh", "59", $"Dòng 2, cột «Ngày sinh», giá trị «59»: {SerialIntro} 59 là ngày 28/02/1900 (hệ ngày 1900 của Excel). {SerialFix}" },
        { "Ngày sinh", "60", $"Dòng 2, cột «Ngày sinh», giá trị «60»: {SerialIntro} 60 là ngày 29/02/1900 của Excel, một ngày không có thật (Excel coi năm 1900 là năm nhuận). {SerialFix}" },
        { "Ngày sinh", "60.5", $"Dòng 2, cột «Ngày sinh», giá trị «60.5»: {SerialIntro} 60.5 là ngày 29/02/1900 của Excel, một ngày không có thật (Excel coi năm 1900 là năm nhuận). {SerialFix}" },
        { "Ngày sinh", "61", $"Dòng 2, cột «Ngày sinh», giá trị «61»: {SerialIntro} 61 là ngày 01/03/1900 (hệ ngày 1900 của Excel). {SerialFix}" },
        // Beyond Excel's last date (31/12/9999): not a serial, so the format is asked for.
        { "Ngày sinh", "15031980", "Dòng 2, cột «Ngày sinh», giá trị «15031980»: Ngày sinh phải có dạng dd/MM/yyyy, ví dụ 15/03/1980." },

        // A real part of a đồng, and English separators.
        { "Thu nhập 12 tháng (đồng)", "1234.5", "Dòng 2, cột «Thu nhập 12 tháng (đồng)», giá trị «1234.5»: Phải là số nguyên (số đồng nguyên): 1.234,5 có phần lẻ dưới 1 đồng." },
        { "Thu nhập 12 tháng (đồng)", "69140000.01", "Dòng 2, cột «Thu nhập 12 tháng (đồng)», giá trị «69140000.01»: Phải là số nguyên (số đồng nguyên): 69.140.000,01 có phần lẻ dưới 1 đồng." },
        { "Thu nhập 12 tháng (đồng)", "69,140,000", "Dòng 2, cột «Thu nhập 12 tháng (đồng)», giá trị «69,140,000»: Phải là một số. Dấu phẩy là dấu thập phân; nếu ý bạn là 69.140.000 đồng, hãy viết 69.140.000 hoặc 69140000." },
        { "Thu nhập 12 tháng (đồng)", "69,140", "Dòng 2, cột «Thu nhập 12 tháng (đồng)», giá trị «69,140»: Phải là số nguyên (số đồng nguyên): 69,14 có phần lẻ dưới 1 đồng. Dấu phẩy là dấu thập phân; nếu ý bạn là 69.140 đồng, hãy viết 69.140 hoặc 69140." },

        // Dates that cannot exist say why.
        { "Ngày sinh", "29/02/1971", "Dòng 2, cột «Ngày sinh», giá trị «29/02/1971»: Ngày 29/02/1971 không tồn tại (1971 không phải năm nhuận)." },
        { "Ngày sinh", "1971-02-29", "Dòng 2, cột «Ngày sinh», giá trị «1971-02-29»: Ngày 1971-02-29 không tồn tại (1971 không phải năm nhuận)." },
        { "Ngày sinh", "29/02/1900", "Dòng 2, cột «Ngày sinh», giá trị «29/02/1900»: Ngày 29/02/1900 không tồn tại (1900 không phải năm nhuận)." },
        { "Ngày sinh", "31/04/2000", "Dòng 2, cột «Ngày sinh», giá trị «31/04/2000»: Ngày 31/04/2000 không tồn tại (tháng 4 chỉ có 30 ngày)." },
        { "Ngày sinh", "31/9/2000", "Dòng 2, cột «Ngày sinh», giá trị «31/9/2000»: Ngày 31/9/2000 không tồn tại (tháng 9 chỉ có 30 ngày)." },
        { "Ngày sinh", "30/02/2024", "Dòng 2, cột «Ngày sinh», giá trị «30/02/2024»: Ngày 30/02/2024 không tồn tại (tháng 2 năm 2024 chỉ có 29 ngày)." },
        { "Ngày sinh", "31/02/1971", "Dòng 2, cột «Ngày sinh», giá trị «31/02/1971»: Ngày 31/02/1971 không tồn tại (tháng 2 năm 1971 chỉ có 28 ngày)." },
        { "Ngày sinh", "00/05/1980", "Dòng 2, cột «Ngày sinh», giá trị «00/05/1980»: Ngày 00/05/1980 không tồn tại (ngày phải từ 1 trở đi)." },
        { "Ngày sinh", "15/13/1980", "Dòng 2, cột «Ngày sinh», giá trị «15/13/1980»: Ngày 15/13/1980 không tồn tại (không có tháng 13)." },
        { "Ngày sinh", "03/15/1980", "Dòng 2, cột «Ngày sinh», giá trị «03/15/1980»: Ngày 03/15/1980 không tồn tại (không có tháng 15; ghi ngày trước tháng: dd/MM/yyyy)." },
    };

    [Theory, MemberData(nameof(Refused))]
    public void ACellBreakingItsRule_IsRefusedWithRowColumnValueAndRule(string header, string cell, string expected)
    {
        var block = Assert.Single(Parse(Head().With(header, cell), Member(header == "Mã hộ" ? cell : "07444-00001")));
        Assert.Equal(expected, Assert.Single(block.Errors).ToString());
        Assert.Null(block.Facts);
    }

    /// A commune code that lost its zero names the commune it may be, and the household is filed under none.
    [Fact]
    public void ACommuneCodeWithoutItsZero_IsNotGuessed()
    {
        var block = Assert.Single(Parse(Head().With("Mã xã", "7444"), Member()));
        Assert.Null(block.Commune);
        Assert.Contains("có phải 07444 — Thị trấn Đồi Ngô?", Assert.Single(block.Errors).Message);
    }

    public static TheoryData<string, string, string> Accepted => new()
    {   // column header, cell, the value as the file writes it back (Fact.Format)
        // Binary floating point noise within 0.001 of a whole đồng is that đồng.
        { "Thu nhập 12 tháng (đồng)", "69140000.0000001", "69140000" },
        { "Thu nhập 12 tháng (đồng)", "69139999.9999999", "69140000" },
        { "Thu nhập 12 tháng (đồng)", "69140000.001", "69140000" },
        { "Thu nhập 12 tháng (đồng)", "99999999999.99999", "100000000000" },
        // Vietnamese separators, as before.
        { "Thu nhập 12 tháng (đồng)", "69.140.000", "69140000" },
        { "Thu nhập 12 tháng (đồng)", "69 140 000", "69140000" },
        { "Thu nhập 12 tháng (đồng)", "69140000", "69140000" },
        { "Diện tích nhà ở (m²)", "45.0000000001", "45" },
        { "Diện tích nhà ở (m²)", "44,9999999999", "45" },
        { "Diện tích nhà ở (m²)", "45,5", "45.5" },
        // The longest texts kept.
        { "Thôn/tổ dân phố", new string('A', 100), new string('A', 100) },
        { "Mã xã", "07447", "07447" },
    };

    [Theory, MemberData(nameof(Accepted))]
    public void ACellWithinItsRule_IsRead(string header, string cell, string expected)
    {
        var block = Assert.Single(Parse(Head().With(header, cell), Member()));
        Assert.Empty(block.Errors);
        var written = HouseholdFile.ToCells(block.Code, block.Commune!.Code, block.Facts!, block.Members[0].Facts, firstRowOfHousehold: true, Ethnic);
        Assert.Equal(expected, written[HouseholdFile.Columns.Select((c, i) => (c, i)).Single(x => x.c.Header == header).i]);
    }

    [Theory]
    [InlineData("29/02/2000", 2000, 2, 29)]   // divisible by 400: a leap year
    [InlineData("29/02/2024", 2024, 2, 29)]
    [InlineData("5/3/1980", 1980, 3, 5)]
    [InlineData("1980-03-15", 1980, 3, 15)]
    [InlineData("30/04/1975", 1975, 4, 30)]
    public void ADateThatExists_IsRead(string cell, int year, int month, int day)
    {
        var block = Assert.Single(Parse(Head(), Member(dob: cell)));
        Assert.Empty(block.Errors);
        Assert.Equal(new DateOnly(year, month, day), block.Members[1].Facts.DateOfBirth);
    }

    /// A file saved with decomposed diacritics (NFD) gives the stored strings of one saved composed (NFC), so the same
    /// person is matched; its length is counted as stored.
    [Fact]
    public void DecomposedText_IsReadAsComposed()
    {
        var name = "Nguyễn Thị Hồng-Nhung";
        var hamlet = "Thôn Đồng Mạ";
        Assert.NotEqual(name, name.Normalize(NormalizationForm.FormD));
        var block = Assert.Single(Parse(
            Head().With("Thôn/tổ dân phố", hamlet.Normalize(NormalizationForm.FormD)).With("Họ và tên", name.Normalize(NormalizationForm.FormD)),
            Member().With("Thôn/tổ dân phố", hamlet)));   // the later row repeats it composed: the same value
        Assert.Empty(block.Errors);
        Assert.Equal(name, block.Members[0].Facts.FullName);
        Assert.Equal(hamlet, block.Facts!.Hamlet);
    }

    [Fact]
    public void TheLengthOfAText_IsCountedComposed()
    {
        var name = new string('ễ', 100);   // 300 characters decomposed
        var block = Assert.Single(Parse(Head(), Member(name: name.Normalize(NormalizationForm.FormD))));
        Assert.Empty(block.Errors);
        Assert.Equal(name, block.Members[1].Facts.FullName);
    }
}
