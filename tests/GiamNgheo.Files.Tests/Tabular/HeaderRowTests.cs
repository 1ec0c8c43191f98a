using System.Text;
using GiamNgheo.Files.Exchange;
using GiamNgheo.Files.Tabular;
using static GiamNgheo.Data.Tests.Files.Workbooks;

namespace GiamNgheo.Data.Tests.Files;

/// The header row is found below the titles officials put above it; row numbers stay the spreadsheet's.
public class HeaderRowTests
{
    private static readonly IReadOnlyList<string> Known = HouseholdFile.Columns.Select(c => c.Header).ToList();

    private static (TabularLayout Layout, IReadOnlyList<string> Headers, List<TabularRow> Rows) Read(byte[] bytes, string name)
    {
        using var reader = TabularFile.Open(new MemoryStream(bytes), name, Known);
        return (reader.Layout, reader.Headers, reader.Rows().ToList());
    }

    [Theory]
    [InlineData(',', "DANH SÁCH HỘ NGHÈO NĂM 2025,,,\r\n,,,\r\n\r\n")]
    [InlineData(';', "\"DANH SÁCH HỘ NGHÈO; CẬN NGHÈO NĂM 2025\";;;\r\nXã Đồi Ngô;;;\r\n;;;\r\n")]
    [InlineData('\t', "DANH SÁCH HỘ NGHÈO NĂM 2025\r\n\r\n(kèm theo Quyết định số 12/QĐ-UBND)\r\n")]
    public void Csv_title_and_blank_rows_above_the_header_are_left_out(char separator, string above)
    {
        var text = above +
                   string.Join(separator, "MÃ HỘ", "ma xa", "Họ và tên", "Ngày sinh") + "\r\n" +
                   string.Join(separator, "07444-00001", "07444", "Nguyễn Văn An", "15/03/1980") + "\r\n\r\n" +
                   string.Join(separator, "07444-00002", "07444", "Lê Thị Bình", "01/01/1990") + "\r\n";

        var (layout, headers, rows) = Read(Encoding.UTF8.GetBytes(text), "ds.csv");

        Assert.Equal(new TabularLayout(FileFormat.Csv, null, true, 4), layout);
        Assert.Equal(["MÃ HỘ", "ma xa", "Họ và tên", "Ngày sinh"], headers);
        Assert.Equal([5, 7], rows.Select(r => r.RowNumber));
        Assert.Equal(["07444-00002", "07444", "Lê Thị Bình", "01/01/1990"], rows[1].Cells);
    }

    [Fact]
    public void Xlsx_title_rows_are_left_out_and_rows_keep_their_numbers()
    {
        var bytes = Build(wb =>
        {
            var sst = AddSharedStrings(wb);
            AddSheet(wb, "Danh sách").Append(
                Row(1, Shared(sst, "A1", "DANH SÁCH HỘ NGHÈO NĂM 2025")),
                Row(2, Inline("A2", "Xã Đồi Ngô"), Inline("C2", "Mẫu số 1")),
                Row(4, Shared(sst, "A4", "Ma ho"), Shared(sst, "B4", "MÃ XÃ"), Shared(sst, "C4", "Họ và tên")),
                Row(5, Shared(sst, "A5", "07444-00001"), Shared(sst, "B5", "07444"), Shared(sst, "C5", "Nguyễn Văn An")),
                Row(8, Shared(sst, "A8", "07444-00002"), Shared(sst, "C8", "Lê Thị Bình")));
        });

        var (layout, headers, rows) = Read(bytes, "ds.xlsx");

        Assert.Equal(new TabularLayout(FileFormat.Xlsx, "Danh sách", true, 4), layout);
        Assert.Equal(["Ma ho", "MÃ XÃ", "Họ và tên"], headers);
        Assert.Equal([5, 8], rows.Select(r => r.RowNumber));
        Assert.Equal(["07444-00002", "", "Lê Thị Bình"], rows[1].Cells);
    }

    [Fact]
    public void Xlsx_without_a_header_on_its_first_sheet_is_read_from_the_sheet_that_has_one()
    {
        var bytes = Build(wb =>
        {
            // A guide that names one column per row is no header row.
            AddSheet(wb, "Hướng dẫn").Append(
                Row(1, Inline("A1", "Cột"), Inline("B1", "Quy tắc")),
                Row(2, Inline("A2", "Mã hộ"), Inline("B2", "Mã hộ trong danh sách của xã")),
                Row(3, Inline("A3", "Mã xã"), Inline("B3", "Mã 5 chữ số")));
            AddSheet(wb, "Hộ nghèo").Append(
                Row(1, Inline("A1", "DANH SÁCH")),
                Row(2, Inline("A2", "Mã hộ"), Inline("B2", "Mã xã")),
                Row(3, Inline("A3", "07444-00001"), Inline("B3", "07444")));
        });

        var (layout, headers, rows) = Read(bytes, "ds.xlsx");

        Assert.Equal(new TabularLayout(FileFormat.Xlsx, "Hộ nghèo", false, 2), layout);
        Assert.Equal(["Mã hộ", "Mã xã"], headers);
        Assert.Equal(3, Assert.Single(rows).RowNumber);
    }

    public static TheoryData<string, byte[], string> NoHeader => new()
    {
        {
            "ds.xlsx", Build(wb =>
            {
                AddSheet(wb, "Sheet1").Append(Row(1, Inline("A1", "Danh sách")), Row(2, Inline("A2", "Mã hộ"), Inline("B2", "Số nhà")));
                AddSheet(wb, "Sheet2").Append(Row(3, Inline("C3", "Ghi chú")));
            }),
            "Không tìm thấy dòng tiêu đề trong 10 dòng đầu (không kể dòng trống) của các trang «Sheet1», «Sheet2»: không dòng nào có từ 2 tiêu đề " +
            "cột của mẫu trở lên (như «Mã hộ», «Mã xã», «Thôn/tổ dân phố»). Hãy dùng mẫu tải về từ hệ thống và giữ nguyên dòng tiêu đề."
        },
        {
            "ds.xlsx", Build(wb => AddSheet(wb, "Danh sách").Append(
                [.. Enumerable.Range(1, 10).Select(i => Row((uint)i, Inline($"A{i}", $"Tiêu đề {i}"))), Row(11, Inline("A11", "Mã hộ"), Inline("B11", "Mã xã"))])),
            "Không tìm thấy dòng tiêu đề trong 10 dòng đầu (không kể dòng trống) của trang «Danh sách»"
        },
        {
            "ds.csv", Encoding.UTF8.GetBytes("DANH SÁCH\nSTT,Tên chủ hộ,Địa chỉ\n1,An,Thôn 1\n"),
            "Không tìm thấy dòng tiêu đề trong 10 dòng đầu (không kể dòng trống) của tệp: không dòng nào có từ 2 tiêu đề cột của mẫu trở lên"
        },
    };

    [Theory]
    [MemberData(nameof(NoHeader))]
    public void Without_a_header_row_the_message_says_where_it_was_looked_for(string name, byte[] bytes, string message)
    {
        var e = Assert.Throws<TabularFileException>(() => Read(bytes, name));
        Assert.StartsWith(message, e.Message);
    }

    [Fact]
    public void Without_known_headers_row_1_is_the_header()
    {
        using var reader = TabularFile.Open(new MemoryStream(Encoding.UTF8.GetBytes("Tiêu đề\na\n")), FileFormat.Csv);
        Assert.Equal(["Tiêu đề"], reader.Headers);
        Assert.Equal(1, reader.Layout.HeaderRow);
        Assert.Equal(2, Assert.Single(reader.Rows()).RowNumber);
    }
}
