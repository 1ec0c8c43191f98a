using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GiamNgheo.Files.Tabular;
using static GiamNgheo.Data.Tests.Files.Workbooks;
using GiamNgheo.Files.Exchange;

namespace GiamNgheo.Data.Tests.Files;

public class TabularFileTests
{
    private static readonly string[] Headers = ["Mã hộ", "Mã xã", "Họ và tên", "Ngày sinh", "Ghi chú"];

    [Fact]
    public void Writer_then_reader_round_trips_text_zeros_and_gaps()
    {
        string[][] rows =
        [
            ["07444-00001", "07444", "Nguyễn Thị Ánh Tuyết", "15/03/1980", "Đồng bào Mường; ở Thôn Đồng Mạ"],
            ["07444-00002", "00123", "", "01/01/2001", "ghi chú ở cột cuối"],
            ["07444-00003", "", "Lê Văn Ất", "", "  có khoảng trắng  "],
        ];
        var guide = HouseholdFile.Columns.Select(c => (c.Header, c.Rule, c.Example)).ToList();
        using var ms = new MemoryStream();
        XlsxWriter.Write(ms, "Danh sách hộ", Headers, rows, guide);

        Assert.Empty(Validation.Errors(ms.ToArray()));
        var read = ReadAll(ms.ToArray(), FileFormat.Xlsx, out var headers);

        Assert.Equal(Headers, headers);
        Assert.Equal([2, 3, 4], read.Select(r => r.Row));
        for (var i = 0; i < rows.Length; i++) Assert.Equal(rows[i], read[i].Cells);

        using var doc = SpreadsheetDocument.Open(new MemoryStream(ms.ToArray()), false);
        var sheets = doc.WorkbookPart!.Workbook!.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ToList();
        Assert.Equal(["Danh sách hộ", "Hướng dẫn"], sheets);
        var first = (WorksheetPart)doc.WorkbookPart.GetPartById(doc.WorkbookPart.Workbook.Sheets.Elements<Sheet>().First().Id!);
        var cells = first.Worksheet!.Descendants<Cell>().ToList();
        Assert.All(cells, c => Assert.Equal(CellValues.InlineString, c.DataType!.Value));
        Assert.Equal(PaneStateValues.Frozen, first.Worksheet.Descendants<Pane>().Single().State!.Value);
        // the middle gap is no cell at all, not an empty one
        Assert.DoesNotContain(cells, c => c.CellReference == "C3");

        var guideRows = TabularReaderOnSheet(ms.ToArray(), 1);
        Assert.Equal(HouseholdFile.Columns.Count + 1, guideRows.Count);
        Assert.Equal(["Mã xã", HouseholdFile.Columns[1].Rule, "07444"], guideRows[2]);
    }

    [Fact]
    public void Writer_and_reader_stream_many_rows_in_order_and_accept_unseekable_streams()
    {
        var rows = Enumerable.Range(1, 2500).Select(i => (IReadOnlyList<string>)[i.ToString("D5"), $"Hộ số {i}"]);
        var unseekableOut = new OneWayStream(new MemoryStream(), canRead: false);
        XlsxWriter.Write(unseekableOut, "S", ["Mã", "Tên"], rows);
        var bytes = ((MemoryStream)unseekableOut.Inner).ToArray();

        using var reader = TabularFile.Open(new OneWayStream(new MemoryStream(bytes), canRead: true), FileFormat.Xlsx);
        var read = reader.Rows().ToList();
        Assert.Equal(2500, read.Count);
        Assert.Equal(Enumerable.Range(2, 2500), read.Select(r => r.RowNumber));
        Assert.Equal(["02500", "Hộ số 2500"], read[^1].Cells);
        Assert.Throws<InvalidOperationException>(() => reader.Rows());
    }

    [Fact]
    public void Reader_understands_a_workbook_written_by_another_program()
    {
        var bytes = Build(wb =>
        {
            AddStyles(wb);
            var sst = AddSharedStrings(wb);
            var data = AddSheet(wb, "Danh sách");
            AddSheet(wb, "Khác").Append(Row(1, Inline("A1", "không đọc trang này")));
            data.Append(
                Row(1, Shared(sst, "A1", "Mã xã", 1), Shared(sst, "B1", "Thu nhập", 1), Shared(sst, "C1", "Ngày sinh", 1),
                    Shared(sst, "D1", "Diện tích", 1), Shared(sst, "E1", "Ngày 2", 1), Shared(sst, "F1", "Khác", 1)),
                Row(2, Shared(sst, "A2", "07444"), Number("B2", "36000000", 4), Number("C2", "29295", 2),
                    Number("D2", "45.5"), Number("E2", "44805", 3),
                    new Cell { CellReference = "F2", DataType = CellValues.Boolean, CellValue = new CellValue("1") }),
                Row(3, Number("A3", "0.30000000000000004"), Number("B3", "3.6E7"), Inline("C3", "15/03/1980"),
                    new Cell { CellReference = "D3", DataType = CellValues.Error, CellValue = new CellValue("#N/A") }),
                // only formatting, no values: skipped
                Row(4, new Cell { CellReference = "A4", StyleIndex = 1 }),
                // sparse: C5 after A5, then F5
                Row(5, Shared(sst, "A5", "07445"), Number("C5", "12.25"), Inline("F5", "cuối")));
            // A rich-text shared string (runs) with a phonetic hint that must not show.
            sst.Append(new SharedStringItem(
                new Run(new Text("Nguyễn ")), new Run(new RunProperties(new Bold()), new Text("Văn An")),
                new PhoneticRun(new Text("x")) { BaseTextStartIndex = 0, EndingBaseIndex = 1 }));
            data.Append(new Row(new Cell { CellReference = "A6", DataType = CellValues.SharedString, CellValue = new CellValue((sst.Count() - 1).ToString()) }) { RowIndex = 6 });
        });

        var rows = ReadAll(bytes, FileFormat.Xlsx, out var headers);

        Assert.Equal(["Mã xã", "Thu nhập", "Ngày sinh", "Diện tích", "Ngày 2", "Khác"], headers);
        Assert.Equal([2, 3, 5, 6], rows.Select(r => r.Row));
        Assert.Equal(["07444", "36000000", "15/03/1980", "45.5", "01/09/2022", "TRUE"], rows[0].Cells);
        Assert.Equal(["0.3", "36000000", "15/03/1980", "#N/A", "", ""], rows[1].Cells);
        Assert.Equal(["07445", "", "12.25", "", "", "cuối"], rows[2].Cells);
        Assert.Equal("Nguyễn Văn An", rows[3].Cells[0]);
        Assert.Equal(6, rows[3].Cells.Length); // padded to the headers
    }

    [Fact]
    public void Reader_places_cells_of_rows_without_references()
    {
        var bytes = Build(wb =>
        {
            var data = AddSheet(wb, "S");
            data.Append(
                new Row(new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text("a")) },
                        new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text("b")) }),
                new Row(new Cell { CellValue = new CellValue("1") }, new Cell { CellValue = new CellValue("2") }));
        });
        var rows = ReadAll(bytes, FileFormat.Xlsx, out var headers);
        Assert.Equal(["a", "b"], headers);
        Assert.Equal(2, rows.Single().Row);
        Assert.Equal(["1", "2"], rows.Single().Cells);
    }

    [Fact]
    public void Reader_keeps_rows_apart_around_self_closing_rows_and_cells()
    {
        var bytes = Build(wb =>
        {
            var data = AddSheet(wb, "S");
            data.Append(
                Row(1, Inline("A1", "h1"), Inline("B1", "h2"), Inline("C1", "h3")),
                Row(2, new Cell { CellReference = "A2" }, Number("B2", "7"), new Cell { CellReference = "C2", StyleIndex = 0 }),
                new Row { RowIndex = 3 },
                new Row { RowIndex = 4 },
                Row(5, Number("C5", "9")));
        });
        var xml = OuterXmlOfFirstSheet(bytes);
        Assert.Contains("<x:row r=\"3\" />", xml);
        Assert.Contains("<x:c r=\"A2\" />", xml);

        var rows = ReadAll(bytes, FileFormat.Xlsx, out _);
        Assert.Equal([2, 5], rows.Select(r => r.Row));
        Assert.Equal(["", "7", ""], rows[0].Cells);
        Assert.Equal(["", "", "9"], rows[1].Cells);
    }

    private static string OuterXmlOfFirstSheet(byte[] bytes)
    {
        using var doc = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        return doc.WorkbookPart!.WorksheetParts.Single().Worksheet!.OuterXml;
    }

    [Theory]
    [InlineData("dd/mm/yyyy", true)]
    [InlineData("[$-42A]d mmmm yyyy;@", true)]
    [InlineData("mmm-yy", true)]
    [InlineData("h:mm", false)]
    [InlineData("[h]:mm:ss", false)]
    [InlineData("#,##0 \"đ\"", false)]
    [InlineData("#,##0\\ \"ngày\"", false)]
    [InlineData("General", false)]
    [InlineData("0.00E+00", false)]
    public void Custom_number_formats_are_dates_when_they_show_days_months_or_years(string code, bool isDate) =>
        Assert.Equal(isDate, XlsxCells.IsDateFormatCode(code));

    [Fact]
    public void Csv_with_bom_quotes_and_semicolons()
    {
        var text = "Mã hộ;Họ và tên;Ghi chú\r\n" +
                   "07444-00001;\"Nguyễn; Văn An\";\"nói \"\"xin chào\"\"\"\r\n" +
                   "\r\n" +
                   "07444-00002;Lê Thị Bình;\"dòng 1\ndòng 2\"\r\n" +
                   "07444-00003;Trần Văn C\r\n";
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();

        var rows = ReadAll(bytes, FileFormat.Csv, out var headers);

        Assert.Equal(["Mã hộ", "Họ và tên", "Ghi chú"], headers);
        Assert.Equal([2, 4, 5], rows.Select(r => r.Row));
        Assert.Equal(["07444-00001", "Nguyễn; Văn An", "nói \"xin chào\""], rows[0].Cells);
        Assert.Equal(["07444-00002", "Lê Thị Bình", "dòng 1\ndòng 2"], rows[1].Cells);
        Assert.Equal(["07444-00003", "Trần Văn C", ""], rows[2].Cells);
    }

    [Fact]
    public void Csv_comma_without_bom_keeps_semicolons_inside_values()
    {
        var bytes = Encoding.UTF8.GetBytes("Mã hộ,Ghi chú\n007,\"a; b; c\"\n008,x;y");
        var rows = ReadAll(bytes, FileFormat.Csv, out var headers);
        Assert.Equal(["Mã hộ", "Ghi chú"], headers);
        Assert.Equal(["007", "a; b; c"], rows[0].Cells);
        Assert.Equal(["008", "x;y"], rows[1].Cells);
    }

    [Fact]
    public void Csv_not_in_utf8_is_refused_with_a_message()
    {
        // "Mã hộ" in Windows-1258-like single bytes: invalid UTF-8.
        byte[] bytes = [0x4D, 0xE3, 0x20, 0x68, 0xF4, 0x0A, 0x31, 0x0A];
        var e = Assert.Throws<TabularFileException>(() => ReadAll(bytes, FileFormat.Csv, out _));
        Assert.Contains("UTF-8", e.Message);
    }

    [Fact]
    public void Empty_inputs_and_broken_xlsx()
    {
        Assert.Empty(ReadAll([], FileFormat.Csv, out var headers));
        Assert.Empty(headers);
        Assert.Throws<TabularFileException>(() => ReadAll(Encoding.UTF8.GetBytes("không phải zip"), FileFormat.Xlsx, out _));
    }

    [Theory]
    [InlineData("ds.CSV", FileFormat.Csv)]
    [InlineData("Danh sách hộ.xlsx", FileFormat.Xlsx)]
    [InlineData("a.xls", null)]
    [InlineData("noext", null)]
    public void Format_from_file_name(string name, FileFormat? expected) => Assert.Equal(expected, TabularFile.FromFileName(name));

    private static List<string[]> TabularReaderOnSheet(byte[] bytes, int sheetIndex)
    {
        using var doc = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var wb = doc.WorkbookPart!;
        var sheet = wb.Workbook!.Sheets!.Elements<Sheet>().ElementAt(sheetIndex);
        var part = (WorksheetPart)wb.GetPartById(sheet.Id!);
        return part.Worksheet!.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? "").ToArray()).ToList();
    }

    /// A stream that only goes one way and cannot seek, like a request or response body.
    private sealed class OneWayStream(Stream inner, bool canRead) : Stream
    {
        public Stream Inner => inner;
        public override bool CanRead => canRead;
        public override bool CanSeek => false;
        public override bool CanWrite => !canRead;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => canRead ? inner.Read(buffer, offset, count) : throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count)
        {
            if (canRead) throw new NotSupportedException();
            inner.Write(buffer, offset, count);
        }
    }
}
