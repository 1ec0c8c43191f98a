using System.Diagnostics;
using System.Text;
using GiamNgheo.Files.Tabular;
using static GiamNgheo.Data.Tests.Files.RawWorkbooks;

namespace GiamNgheo.Data.Tests.Files;

/// Broken and hostile files end with a Vietnamese message naming what is wrong, never with an exception of ours.
public class LimitsTests
{
    private const string Repair = ". Hãy mở tệp bằng Excel, lưu lại thành .xlsx («Sổ làm việc Excel») rồi tải lên lại.";

    private static TabularFileException Refused(byte[] bytes, FileFormat format = FileFormat.Xlsx) =>
        Assert.Throws<TabularFileException>(() =>
        {
            using var reader = TabularFile.Open(new MemoryStream(bytes), format);
            foreach (var _ in reader.Rows()) { }
        });

    [Theory]
    [InlineData("XFE2", "ô có địa chỉ «XFE2» không hợp lệ (cột từ A đến XFD, dòng từ 1 đến 1.048.576)")]
    [InlineData("A1048577", "ô có địa chỉ «A1048577» không hợp lệ (cột từ A đến XFD, dòng từ 1 đến 1.048.576)")]
    [InlineData("A0", "ô có địa chỉ «A0» không hợp lệ")]
    [InlineData("A02", "ô có địa chỉ «A02» không hợp lệ")]
    [InlineData("2A", "ô có địa chỉ «2A» không hợp lệ")]
    [InlineData("", "ô có địa chỉ «» không hợp lệ")]
    [InlineData("ABCD2", "ô có địa chỉ «ABCD2» không hợp lệ")]
    [InlineData("A2B", "ô có địa chỉ «A2B» không hợp lệ")]
    [InlineData("#REF!", "ô có địa chỉ «#REF!» không hợp lệ")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA2", "ô có địa chỉ «AAAAAAAAAAAAAAAAAAAA…» không hợp lệ")]
    [InlineData("B3", "ô «B3» nằm trong dòng 2")]
    public void A_cell_reference_outside_the_sheet_or_its_row_is_named(string reference, string detail)
    {
        var bytes = Build(Sheet($"""<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="{reference}"><v>1</v></c></row>"""));
        var e = Refused(bytes);
        Assert.StartsWith("Tệp Excel bị hỏng: trang «Sheet1»" + (detail.StartsWith("ô «") ? ": " : ", dòng 2: ") + detail, e.Message);
        Assert.EndsWith(Repair, e.Message);
    }

    [Theory]
    [InlineData("""<row r="0"/>""", "trang «Sheet1», sau dòng 0: số dòng «0» không hợp lệ (từ 1 đến 1.048.576)")]
    [InlineData("""<row r="1048577"/>""", "trang «Sheet1», sau dòng 0: số dòng «1048577» không hợp lệ (từ 1 đến 1.048.576)")]
    [InlineData("""<row r="hai"/>""", "trang «Sheet1», sau dòng 0: số dòng «hai» không hợp lệ (từ 1 đến 1.048.576)")]
    [InlineData("""<row r="5"/><row r="3"/>""", "trang «Sheet1»: dòng 3 đứng sau dòng 5 (các dòng phải theo thứ tự)")]
    [InlineData("""<row r="2"><c r="A2" t="inlineStr"><is><t>a</t></is></c><c r="A2" t="inlineStr"><is><t>b</t></is></c></row>""", "trang «Sheet1»: ô A2 có hai lần")]
    [InlineData("""<row r="2"><c r="A2" t="s"><v>7</v></c></row>""", "ô A2 của trang «Sheet1» dùng chuỗi dùng chung số «7», mà tệp chỉ có 0 chuỗi")]
    public void Rows_out_of_order_or_range_and_missing_strings_are_named(string rows, string detail) =>
        Assert.Equal("Tệp Excel bị hỏng: " + detail + Repair, Refused(Build(Sheet(rows))).Message);

    [Fact]
    public void A_cell_longer_than_Excel_allows_is_refused()
    {
        var e = Refused(Build(Sheet($"""<row r="2"><c r="B2" t="inlineStr"><is><t>{new string('x', 40_000)}</t></is></c></row>""")));
        Assert.Equal("Tệp Excel bị hỏng: ô B2 của trang «Sheet1» dài quá 32.767 ký tự, giới hạn của một ô Excel" + Repair, e.Message);
    }

    [Fact]
    public void Elements_nested_without_end_are_refused()
    {
        var e = Refused(Build(Sheet("""<row r="1"><c r="A1" t="inlineStr"><is>""" + string.Concat(Enumerable.Repeat("<r>", 100)))));
        Assert.Equal("Tệp Excel bị hỏng: các phần tử XML lồng nhau quá 32 tầng" + Repair, e.Message);
    }

    [Fact]
    public void A_DTD_is_refused()
    {
        var sheet = Text($"""<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><worksheet xmlns="{Main}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>""");
        Assert.Equal("Không đọc được tệp Excel. Hãy lưu lại tệp dưới dạng «Sổ làm việc Excel (.xlsx)» rồi tải lên lại.", Refused(Build(sheet)).Message);
    }

    [Fact]
    public void Csv_unclosed_quote_is_an_error_of_the_row_where_it_opened()
    {
        var bytes = Encoding.UTF8.GetBytes("Mã hộ,Họ và tên\n001,An\n002,\"Bình\n003,Chi\n004,Dũng\n");
        var e = Refused(bytes, FileFormat.Csv);
        Assert.Equal(new Domain.Common.RowError(3, "Họ và tên", "Bình 003,Chi 004,Dũng ",
            "Dấu ngoặc kép (\") mở ở ô này không được đóng cho đến hết tệp, nên mọi dòng từ dòng 3 về sau bị gộp vào một ô. " +
            "Hãy thêm dấu \" đóng; dấu \" nằm trong nội dung phải viết đôi (\"\")."), e.Error);
        Assert.Equal(e.Error!.ToString(), e.Message);
    }

    [Fact]
    public void Csv_quote_in_the_middle_of_a_cell_that_never_closes_is_named_too()
    {
        var e = Refused(Encoding.UTF8.GetBytes("Mã hộ,Diện tích nhà ở (m²)\n001,45\n002,tivi 21\" màu\n003,30\n"), FileFormat.Csv);
        Assert.Equal((3, "Diện tích nhà ở (m²)", " màu 003,30 "), (e.Error!.Row, e.Error.Column, e.Error.Value));
    }

    [Fact]
    public void Csv_unclosed_quote_in_a_large_file_stops_at_the_cell_limit()
    {
        var text = new StringBuilder("Mã hộ,Họ và tên\n001,An\n002,\"Bình Minh\n");
        for (var i = 3; text.Length < 3_000_000; i++) text.Append($"{i:D5},Người thứ {i}\n");
        var e = Refused(Encoding.UTF8.GetBytes(text.ToString()), FileFormat.Csv);
        Assert.Equal(3, e.Error!.Row);
        Assert.Equal("Họ và tên", e.Error.Column);
        Assert.StartsWith("Bình Minh 00003,Người thứ 3 00004,Người …", e.Error.Value);
        Assert.StartsWith("Ô mở bằng dấu ngoặc kép (\") mà sau 1.048.576 ký tự (giới hạn của một ô) vẫn chưa đóng", e.Error.Message);
    }

    [Fact]
    public void Csv_cell_longer_than_the_cell_limit()
    {
        var e = Refused(Encoding.UTF8.GetBytes("h1,h2\na," + new string('x', 2_000_000) + "\n"), FileFormat.Csv);
        Assert.Equal("Dòng 2, cột «h2»: Ô dài quá 1.048.576 ký tự (giới hạn của một ô).", e.Message);
    }

    [Fact]
    public void Csv_row_longer_than_the_row_limit()
    {
        var e = Refused(Encoding.UTF8.GetBytes("h1,h2\n" + string.Concat(Enumerable.Repeat("xxxxxxxxx,", 500_000)) + "\n"), FileFormat.Csv);
        Assert.StartsWith("Dòng 2, cột «", e.Message);
        Assert.EndsWith("»: Dòng dài quá 4.194.304 ký tự (giới hạn của một dòng).", e.Message);
    }

    [Fact]
    public void Csv_a_quote_left_open_above_the_header_is_named_rather_than_the_header()
    {
        var bytes = Encoding.UTF8.GetBytes("\"DANH SÁCH HỘ NGHÈO\nMã hộ,Mã xã\n07444-00001,07444\n");
        var e = Assert.Throws<TabularFileException>(() => TabularFile.Open(new MemoryStream(bytes), "ds.csv", ["Mã hộ", "Mã xã"]));
        Assert.Equal((1, "A"), (e.Error!.Row, e.Error.Column));
    }
}

/// Zip bombs: refused quickly, in little memory. They run alone so that the heap measured is theirs.
[Collection(nameof(MemoryCollection))]
public class ZipBombTests(ITestOutputHelper output)
{
    private const string Limit = "Tệp Excel vượt giới hạn đọc an toàn: ";

    public static TheoryData<string, string> Bombs => new()
    {
        { "one row of endless cells", "Tệp Excel bị hỏng: trang «Sheet1», dòng 1 có hơn 16.384 ô, số cột tối đa của Excel" },
        { "endless rows", "Tệp Excel bị hỏng: trang «Sheet1» có hơn 1.048.576 dòng, số dòng tối đa của Excel" },
        { "endless shared strings", Limit + "có hơn 4.000.000 chuỗi dùng chung (sharedStrings) (giới hạn 4.000.000 chuỗi)" },
        { "a huge workbook part", Limit + "phần «xl/workbook.xml» giải nén ra hơn 32 MiB (giới hạn 32 MiB)" },
        { "one endless text", Limit + "phần «xl/worksheets/sheet1.xml» có một đoạn dài hơn 1 MiB không có thẻ XML (giới hạn 1 MiB)" },
    };

    /// The sizes a zip declares for the sheet are rewritten to 1 KB. .NET's zip gives no more than the declared bytes,
    /// so the sheet ends in the middle of its XML: a message, never rows silently cut off (an XML part cut short has its
    /// root unclosed). A size declared honestly but huge is what the reader's own count of inflated bytes stops.
    [Fact]
    public void A_zip_that_lies_about_its_sizes_is_refused_by_what_it_inflates()
    {
        var bytes = RawWorkbooks.Build(RawWorkbooks.Repeated($"""<worksheet xmlns="{RawWorkbooks.Main}"><sheetData><row r="1">""",
            """<c t="inlineStr"><is><t>x</t></is></c>""", 50_000_000));
        var name = Encoding.ASCII.GetBytes("xl/worksheets/sheet1.xml");
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            // Local file header (PK 3 4): uncompressed size at 22, name at 30; central directory header (PK 1 2): at 24 and 46.
            var (size, nameAt) = bytes[i] == 'P' && bytes[i + 1] == 'K' ? (bytes[i + 2], bytes[i + 3]) switch
            {
                (3, 4) => (22, 30),
                (1, 2) => (24, 46),
                _ => (0, 0),
            } : (0, 0);
            if (size > 0 && bytes.AsSpan(i + nameAt).StartsWith(name)) BitConverter.GetBytes(1000).CopyTo(bytes, i + size);
        }

        var e = Assert.Throws<TabularFileException>(() =>
        {
            using var reader = TabularFile.Open(new MemoryStream(bytes), "bom.xlsx", ["Mã hộ", "Mã xã"]);
            foreach (var _ in reader.Rows()) { }
        });
        output.WriteLine(e.InnerException?.Message ?? "");
        Assert.Equal("Không đọc được tệp Excel. Hãy lưu lại tệp dưới dạng «Sổ làm việc Excel (.xlsx)» rồi tải lên lại.", e.Message);
        Assert.IsType<System.Xml.XmlException>(e.InnerException);
    }

    [Theory]
    [MemberData(nameof(Bombs))]
    public void A_zip_bomb_is_refused_quickly_in_little_memory(string kind, string message)
    {
        const long Bytes = 300_000_000;
        var empty = RawWorkbooks.Sheet("");
        var bytes = kind switch
        {
            "one row of endless cells" => RawWorkbooks.Build(RawWorkbooks.Repeated($"""<worksheet xmlns="{RawWorkbooks.Main}"><sheetData><row r="1">""", """<c t="inlineStr"><is><t>x</t></is></c>""", Bytes)),
            "endless rows" => RawWorkbooks.Build(RawWorkbooks.Repeated(
                $"""<worksheet xmlns="{RawWorkbooks.Main}"><sheetData><row><c t="inlineStr"><is><t>Mã hộ</t></is></c><c t="inlineStr"><is><t>Mã xã</t></is></c></row>""",
                "<row><c><v>1</v></c></row>", Bytes)),
            "endless shared strings" => RawWorkbooks.Build(empty, new Dictionary<string, Action<Stream>>
            {
                ["xl/sharedStrings.xml"] = RawWorkbooks.Repeated($"""<sst xmlns="{RawWorkbooks.Main}">""", "<si><t>x</t></si>", Bytes),
            }),
            "a huge workbook part" => RawWorkbooks.Build(empty, new Dictionary<string, Action<Stream>>
            {
                ["xl/workbook.xml"] = RawWorkbooks.Repeated($"""<workbook xmlns="{RawWorkbooks.Main}">""", "<bookViews/>", Bytes),
            }),
            _ => RawWorkbooks.Build(RawWorkbooks.Repeated($"""<worksheet xmlns="{RawWorkbooks.Main}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>""", "x", Bytes)),
        };

        var clock = Stopwatch.StartNew();
        TabularFileException e;
        double megabytes;
        using (var heap = new HeapPeak())
        {
            e = Assert.Throws<TabularFileException>(() =>
            {
                using var reader = TabularFile.Open(new MemoryStream(bytes), "bom.xlsx", ["Mã hộ", "Mã xã"]);
                foreach (var _ in reader.Rows()) { }
            });
            megabytes = heap.GrowthMB;
        }
        output.WriteLine($"{kind}: {bytes.Length / 1e3:0} KB zipped, {Bytes / 1e6:0} MB inside; refused in {clock.Elapsed.TotalSeconds:0.00} s, heap +{megabytes:0} MB");

        Assert.StartsWith(message, e.Message);
        // The whole part inflated would be 300 MB of XML, and many times that as strings; the shared strings are the
        // one thing held (4 million of them, by design).
        Assert.True(megabytes < (kind == "endless shared strings" ? 400 : 100), $"heap grew by {megabytes:0} MB");
    }
}
