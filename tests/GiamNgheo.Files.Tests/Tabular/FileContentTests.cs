using System.IO.Compression;
using System.Text;
using GiamNgheo.Files.Exchange;
using GiamNgheo.Files.Tabular;

namespace GiamNgheo.Data.Tests.Files;

/// The content of a file decides how it is read, not its name.
public class FileContentTests
{
    private static readonly IReadOnlyList<string> Known = HouseholdFile.Columns.Select(c => c.Header).ToList();

    private static (TabularLayout Layout, IReadOnlyList<string> Headers, List<TabularRow> Rows) Read(byte[] bytes, string name)
    {
        using var reader = TabularFile.Open(new MemoryStream(bytes), name, Known);
        return (reader.Layout, reader.Headers, reader.Rows().ToList());
    }

    private static byte[] Encoded(Encoding encoding, char separator) =>
        [.. encoding.GetPreamble(), .. encoding.GetBytes(string.Join(separator, "Mã hộ", "Mã xã", "Họ và tên") + "\r\n" +
                                                         string.Join(separator, "07444-00001", "07444", "Nguyễn Thị Ánh Tuyết") + "\r\n")];

    [Theory]
    [InlineData("Excel «Unicode Text»: UTF-16 LE, BOM, tab", "utf-16le", '\t', "ds.txt")]
    [InlineData("UTF-16 BE, BOM, tab", "utf-16be", '\t', "ds.txt")]
    [InlineData("UTF-16 LE, BOM, comma, named .csv", "utf-16le", ',', "ds.csv")]
    [InlineData("UTF-8 with BOM, semicolon", "utf-8-bom", ';', "ds.csv")]
    [InlineData("UTF-8 without BOM, comma", "utf-8", ',', "ds.csv")]
    [InlineData("UTF-8 without BOM, tab", "utf-8", '\t', "ds.tsv")]
    [InlineData("a CSV named .xlsx", "utf-8", ',', "ds.xlsx")]
    public void Text_files_are_read_in_their_encoding_and_separator(string _, string encoding, char separator, string name)
    {
        var bytes = Encoded(encoding switch
        {
            "utf-16le" => new UnicodeEncoding(false, true),
            "utf-16be" => new UnicodeEncoding(true, true),
            "utf-8-bom" => new UTF8Encoding(true),
            _ => new UTF8Encoding(false),
        }, separator);

        var (layout, headers, rows) = Read(bytes, name);

        Assert.Equal(new TabularLayout(FileFormat.Csv, null, true, 1), layout);
        Assert.Equal(["Mã hộ", "Mã xã", "Họ và tên"], headers);
        var row = Assert.Single(rows);
        Assert.Equal(2, row.RowNumber);
        Assert.Equal(["07444-00001", "07444", "Nguyễn Thị Ánh Tuyết"], row.Cells);
    }

    [Fact]
    public void An_xlsx_renamed_csv_is_read_as_xlsx()
    {
        using var ms = new MemoryStream();
        XlsxWriter.Write(ms, "Danh sách hộ", ["Mã hộ", "Mã xã"], [["07444-00001", "07444"]]);

        var (layout, headers, rows) = Read(ms.ToArray(), "danh-sach.csv");

        Assert.Equal(new TabularLayout(FileFormat.Xlsx, "Danh sách hộ", true, 1), layout);
        Assert.Equal(["Mã hộ", "Mã xã"], headers);
        Assert.Equal(["07444-00001", "07444"], Assert.Single(rows).Cells);
    }

    private static readonly byte[] Ole2 = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0, 0, 0, 0, 0];

    private const string OldExcel = "Tệp là bảng tính Excel 97–2003 (.xls) hoặc tệp Excel có đặt mật khẩu; hệ thống không đọc được loại này. " +
                                    "Nếu tệp có mật khẩu, hãy bỏ mật khẩu trước. Hãy mở tệp bằng Excel, chọn Tệp › Lưu thành › " +
                                    "«Sổ làm việc Excel (*.xlsx)» để lưu lại thành .xlsx, rồi tải tệp .xlsx lên.";

    public static TheoryData<string, byte[], string> Refused => new()
    {
        { "cu.xls", Ole2, OldExcel },
        { "cu.xlsx", Ole2, OldExcel },
        { "cu.csv", Ole2, OldExcel },
        { "trong.csv", [], "Tệp rỗng (0 byte): không có dữ liệu nào để nhập." },
        { "rac.csv", [0x4D, 0x61, 0x00, 0x01, 0x02, 0xFF, 0x10], "Tệp không phải bảng tính CSV hay Excel (.xlsx): phần đầu tệp có ký tự điều khiển (mã 0x00) mà văn bản không có. Hãy mở tệp bằng Excel rồi lưu lại thành .xlsx hoặc «CSV UTF-8»." },
        { "web.xls", Encoding.UTF8.GetBytes("<html><body><table><tr><td>Mã hộ</td></tr></table></body></html>"), "Tệp là trang web (HTML) hoặc «Bảng tính XML 2003», không phải CSV hay .xlsx (nhiều phần mềm xuất tệp .xls kiểu này)." },
        { "xml2003.xls", Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?>\r\n<?mso-application progid=\"Excel.Sheet\"?>\r\n<Workbook>"), "«Bảng tính XML 2003»" },
        { "in.csv", Encoding.UTF8.GetBytes("%PDF-1.7\n%âãÏÓ\n"), "Tệp là tài liệu PDF, không phải bảng tính. Hãy tải lên tệp Excel (.xlsx) hoặc CSV của danh sách." },
        { "ds.pdf", Encoding.UTF8.GetBytes("Mã hộ,Mã xã\n"), "Chỉ nhận tệp .csv hoặc .xlsx." },
        // A lone high surrogate (00 D8) is no text.
        { "hong.txt", [0xFF, 0xFE, 0x4D, 0x00, 0x00, 0xD8, 0x61, 0x00, 0x0D, 0x00, 0x0A, 0x00], "Tệp văn bản Unicode (UTF-16) bị hỏng: có byte không đọc được." },
        { "cp1258.csv", [0x4D, 0xE3, 0x20, 0x68, 0xF4, 0x0A, 0x31, 0x0A], "Tệp CSV không phải mã UTF-8. Trong Excel hãy chọn Lưu thành › «CSV UTF-8 (phân tách bằng dấu phẩy)», hoặc tải lên tệp .xlsx." },
        { "bang.xlsx", Zip(("mimetype", "application/vnd.oasis.opendocument.spreadsheet")), "Tệp là bảng tính OpenDocument (.ods), không phải .xlsx." },
        { "anh.xlsx", Zip(("anh/a.txt", "không phải bảng tính")), "Tệp nén (zip) này không phải sổ làm việc Excel (.xlsx)." },
        { "hong.xlsx", [.. "PK\x03\x04"u8, 1, 2, 3], "Không đọc được tệp Excel. Hãy lưu lại tệp dưới dạng «Sổ làm việc Excel (.xlsx)» rồi tải lên lại." },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void What_cannot_be_read_is_refused_with_what_to_do(string name, byte[] bytes, string message)
    {
        var e = Assert.Throws<TabularFileException>(() => Read(bytes, name));
        Assert.Contains(message, e.Message);
    }

    private static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, text) in entries)
            {
                using var w = new StreamWriter(zip.CreateEntry(name).Open());
                w.Write(text);
            }
        return ms.ToArray();
    }

    [Fact]
    public void A_stray_control_character_in_a_cell_is_text()
    {
        var (_, _, rows) = Read(Encoding.UTF8.GetBytes("Mã hộ,Mã xã,Ghi chú\n07444-00001,07444,dòng 1\vdòng 2\n"), "ds.csv");
        Assert.Equal("dòng 1\vdòng 2", Assert.Single(rows).Cells[2]);
    }

    [Fact]
    public void A_stream_that_cannot_seek_is_sniffed_and_read_whole()
    {
        var bytes = Encoded(new UnicodeEncoding(false, true), '\t');
        using var reader = TabularFile.Open(new UnseekableStream(bytes), "ds.txt", Known);
        Assert.Equal(["07444-00001", "07444", "Nguyễn Thị Ánh Tuyết"], Assert.Single(reader.Rows()).Cells);
    }

    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
