using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GiamNgheo.Files.Tabular;
using static GiamNgheo.Data.Tests.Files.Workbooks;

namespace GiamNgheo.Data.Tests.Files;

public class XlsxErrorCopyTests
{
    /// The user's own file: styled headers, a bordered date column, a sparse row 4, a second sheet.
    internal static byte[] UserWorkbook() => Build(wb =>
    {
        AddStyles(wb);
        var sst = AddSharedStrings(wb);
        var data = AddSheet(wb, "Danh sách");
        AddSheet(wb, "Ghi chú").Append(Row(1, Inline("A1", "Sổ của thôn, đừng xoá")));
        data.Append(
            Row(1, Shared(sst, "A1", "Mã hộ", 1), Shared(sst, "B1", "Họ và tên", 1), Shared(sst, "C1", "Ngày sinh", 1), Shared(sst, "D1", "Mã xã", 1)),
            Row(2, Shared(sst, "A2", "07444-00001"), Shared(sst, "B2", "Nguyễn Văn An"), Number("C2", "29295", 2), Shared(sst, "D2", "07444")),
            Row(3, Shared(sst, "A3", "07444-00001"), Number("C3", "99999999", 2), Shared(sst, "D3", "07444")),
            Row(4, Shared(sst, "A4", "07444-00002"), Shared(sst, "D4", "07444")),
            Row(5, Shared(sst, "A5", "07444-00002"), Shared(sst, "B5", "Lê Thị Bình"), Number("C5", "36000", 2)));
    });

    private static readonly CellError[] Errors =
    [
        new(3, "Ngày sinh", "Ngày sinh không hợp lệ."),
        new(3, "Họ và tên", "Họ và tên không được để trống."),
        new(5, "Cột không có", "Hộ chưa có thành viên là Chủ hộ."),
    ];

    [Fact]
    public void Marks_cells_and_lists_messages_in_a_Loi_column_of_the_users_own_workbook()
    {
        Assert.Empty(Validation.Errors(UserWorkbook()));
        var copy = XlsxErrorCopy.Annotate(new MemoryStream(UserWorkbook()), Errors);
        Assert.Empty(Validation.Errors(copy));

        using var doc = SpreadsheetDocument.Open(new MemoryStream(copy), false);
        var wb = doc.WorkbookPart!;
        Assert.Equal(["Danh sách", "Ghi chú"], wb.Workbook!.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value));
        var sheet = Sheet(wb, 0);
        var stylesheet = wb.WorkbookStylesPart!.Stylesheet!;
        var formats = stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        var fills = stylesheet.Fills!.Elements<Fill>().ToList();

        Assert.Equal("Lỗi", Text(sheet, "E1", wb));
        Assert.Equal("Ngày sinh không hợp lệ.; Họ và tên không được để trống.", Text(sheet, "E3", wb));
        Assert.Equal("Hộ chưa có thành viên là Chủ hộ.", Text(sheet, "E5", wb));
        Assert.Null(Find(sheet, "E2"));
        Assert.Null(Find(sheet, "E4"));

        // C3 (date, bordered): the new format keeps number format and border, gets the red fill.
        var marked = formats[(int)Find(sheet, "C3")!.StyleIndex!.Value];
        Assert.Equal(XlsxErrorCopy.ErrorFillRgb, fills[(int)marked.FillId!.Value].PatternFill!.ForegroundColor!.Rgb!.Value);
        Assert.Equal(14u, marked.NumberFormatId!.Value);
        Assert.Equal(1u, marked.BorderId!.Value);
        Assert.Equal(99999999.ToString(), Find(sheet, "C3")!.CellValue!.Text);
        // B3 did not exist: created in place, between A3 and C3, with the fill.
        var row3 = sheet.Descendants<Row>().Single(r => r.RowIndex! == 3).Elements<Cell>().Select(c => c.CellReference!.Value).ToList();
        Assert.Equal(["A3", "B3", "C3", "D3", "E3"], row3);
        Assert.Equal(XlsxErrorCopy.ErrorFillRgb,
            fills[(int)formats[(int)Find(sheet, "B3")!.StyleIndex!.Value].FillId!.Value].PatternFill!.ForegroundColor!.Rgb!.Value);
        // Untouched cells keep their own format.
        Assert.Equal(2u, Find(sheet, "C2")!.StyleIndex!.Value);
        Assert.Equal(2u, Find(sheet, "C5")!.StyleIndex!.Value);
        Assert.Equal(1u, Find(sheet, "C1")!.StyleIndex!.Value);
        // The unknown column of row 5 marks nothing.
        Assert.All(sheet.Descendants<Row>().Single(r => r.RowIndex! == 5).Elements<Cell>().Where(c => c.CellReference != "E5"),
            c => Assert.NotEqual(XlsxErrorCopy.ErrorFillRgb, fills[(int)formats[(int)(c.StyleIndex?.Value ?? 0)].FillId!.Value].PatternFill?.ForegroundColor?.Rgb?.Value));

        // Still readable as an import file: the Lỗi column is one more column.
        var rows = ReadAll(copy, FileFormat.Xlsx, out var headers);
        Assert.Equal(["Mã hộ", "Họ và tên", "Ngày sinh", "Mã xã", "Lỗi"], headers);
        Assert.Equal(["07444-00001", "Nguyễn Văn An", "15/03/1980", "07444", ""], rows[0].Cells);
    }

    [Fact]
    public void Header_problems_go_in_the_Loi_header_and_rows_past_the_end_are_created()
    {
        CellError[] errors =
        [
            new(1, "Số CCCD", "Thiếu cột bắt buộc."),
            new(1, "Mã xã", "Tiêu đề cột bị lặp."),
            new(9, "mã xã", "Không có xã/phường mã 99999."),
        ];
        var copy = XlsxErrorCopy.Annotate(UserWorkbook(), errors);
        Assert.Empty(Validation.Errors(copy));

        using var doc = SpreadsheetDocument.Open(new MemoryStream(copy), false);
        var wb = doc.WorkbookPart!;
        var sheet = Sheet(wb, 0);
        Assert.Equal("Lỗi: Thiếu cột bắt buộc.; Tiêu đề cột bị lặp.", Text(sheet, "E1", wb));
        Assert.Equal("Không có xã/phường mã 99999.", Text(sheet, "E9", wb));
        Assert.True(IsMarked(wb, Find(sheet, "D1")!));
        Assert.True(IsMarked(wb, Find(sheet, "D9")!)); // header matched without case/diacritics
        Assert.Equal([1u, 2u, 3u, 4u, 5u, 9u], sheet.Descendants<Row>().Select(r => r.RowIndex!.Value));
    }

    [Fact]
    public void Annotating_a_returned_copy_replaces_old_messages_and_marks()
    {
        var first = XlsxErrorCopy.Annotate(UserWorkbook(), Errors);
        var second = XlsxErrorCopy.Annotate(first, [new CellError(2, "Mã xã", "Mã xã sai.")]);
        Assert.Empty(Validation.Errors(second));

        using var doc = SpreadsheetDocument.Open(new MemoryStream(second), false);
        var wb = doc.WorkbookPart!;
        var sheet = Sheet(wb, 0);
        Assert.Equal("Lỗi", Text(sheet, "E1", wb));
        Assert.Null(Find(sheet, "F1"));
        Assert.Equal("Mã xã sai.", Text(sheet, "E2", wb));
        Assert.Null(Find(sheet, "E3"));
        Assert.Null(Find(sheet, "E5"));
        Assert.False(IsMarked(wb, Find(sheet, "C3")!));
        Assert.Equal(14u, wb.WorkbookStylesPart!.Stylesheet!.CellFormats!.Elements<CellFormat>()
            .ElementAt((int)Find(sheet, "C3")!.StyleIndex!.Value).NumberFormatId!.Value);
        Assert.True(IsMarked(wb, Find(sheet, "D2")!));

        // Annotated again with the same errors: the stylesheet does not grow.
        static int Formats(byte[] b)
        {
            using var d = SpreadsheetDocument.Open(new MemoryStream(b), false);
            return d.WorkbookPart!.WorkbookStylesPart!.Stylesheet!.CellFormats!.Count();
        }
        Assert.Equal(Formats(first), Formats(XlsxErrorCopy.Annotate(first, Errors)));
    }

    [Fact]
    public void A_workbook_without_stylesheet_gets_one()
    {
        var bytes = Build(wb =>
        {
            var data = AddSheet(wb, "S");
            data.Append(Row(1, Inline("A1", "Mã hộ"), Inline("B1", "Ngày sinh")), Row(2, Inline("A2", "x"), Number("B2", "5")));
        });
        var copy = XlsxErrorCopy.Annotate(bytes, [new CellError(2, "Ngày sinh", "Sai.")]);
        Assert.Empty(Validation.Errors(copy));

        using var doc = SpreadsheetDocument.Open(new MemoryStream(copy), false);
        var wb = doc.WorkbookPart!;
        var sheet = Sheet(wb, 0);
        Assert.True(IsMarked(wb, Find(sheet, "B2")!));
        Assert.Equal("Sai.", Text(sheet, "C2", wb));
        Assert.Equal(0u, Find(sheet, "A2")!.StyleIndex?.Value ?? 0u);
        var fills = wb.WorkbookStylesPart!.Stylesheet!.Fills!.Elements<Fill>().ToList();
        Assert.Equal(PatternValues.None, fills[0].PatternFill!.PatternType!.Value);
        Assert.Equal(PatternValues.Gray125, fills[1].PatternFill!.PatternType!.Value);
    }

    [Fact]
    public void Marks_the_sheet_that_was_read_below_its_title_rows()
    {
        var bytes = Build(wb =>
        {
            AddStyles(wb);
            AddSheet(wb, "Ghi chú").Append(Row(1, Inline("A1", "Sổ của thôn")));
            AddSheet(wb, "Danh sách").Append(
                Row(1, Inline("A1", "DANH SÁCH HỘ NGHÈO NĂM 2025")),
                Row(3, Inline("A3", "Mã hộ", 1), Inline("B3", "Họ và tên", 1), Inline("C3", "Ngày sinh", 1)),
                Row(4, Inline("A4", "07444-00001"), Inline("B4", "Nguyễn Văn An"), Number("C4", "29295", 2), Inline("E4", "thừa")),
                Row(5, Inline("A5", "07444-00001"), Inline("B5", "Lê Thị Bình"), Inline("C5", "31/02/1990")));
        });
        CellError[] errors = [new(3, "Số CCCD", "Thiếu cột bắt buộc."), new(5, "Ngày sinh", "Ngày không có thật."), new(4, "E", "Ô có dữ liệu nhưng cột không có tiêu đề.")];

        var copy = XlsxErrorCopy.Annotate(bytes, errors, "Danh sách", 3);

        Assert.Empty(Validation.Errors(copy));
        using var doc = SpreadsheetDocument.Open(new MemoryStream(copy), false);
        var wb = doc.WorkbookPart!;
        Assert.Equal("Sổ của thôn", Text(Sheet(wb, 0), "A1", wb));
        Assert.Null(Find(Sheet(wb, 0), "B1"));
        var sheet = Sheet(wb, 1);
        Assert.Null(Find(sheet, "F1"));
        Assert.Equal("DANH SÁCH HỘ NGHÈO NĂM 2025", Text(sheet, "A1", wb));
        Assert.Equal("Lỗi: Thiếu cột bắt buộc.", Text(sheet, "F3", wb));
        Assert.Equal("Ngày không có thật.", Text(sheet, "F5", wb));
        Assert.Equal("Ô có dữ liệu nhưng cột không có tiêu đề.", Text(sheet, "F4", wb));
        Assert.True(IsMarked(wb, Find(sheet, "C5")!));
        Assert.False(IsMarked(wb, Find(sheet, "C4")!));
        // The value under no header is marked by its column's letter.
        Assert.True(IsMarked(wb, Find(sheet, "E4")!));
        // The header's own format is kept beside the new «Lỗi» header.
        Assert.Equal(1u, Find(sheet, "C3")!.StyleIndex!.Value);

        using var reader = TabularFile.Open(new MemoryStream(copy), "loi.xlsx", ["Mã hộ", "Họ và tên", "Ngày sinh"]);
        Assert.Equal(new TabularLayout(FileFormat.Xlsx, "Danh sách", false, 3), reader.Layout);
        Assert.Equal(["Mã hộ", "Họ và tên", "Ngày sinh", "", "", "Lỗi: Thiếu cột bắt buộc."], reader.Headers);
    }

    private static Worksheet Sheet(WorkbookPart wb, int index) =>
        ((WorksheetPart)wb.GetPartById(wb.Workbook!.Sheets!.Elements<Sheet>().ElementAt(index).Id!)).Worksheet!;

    private static Cell? Find(Worksheet sheet, string reference) =>
        sheet.Descendants<Cell>().SingleOrDefault(c => c.CellReference == reference);

    private static string? Text(Worksheet sheet, string reference, WorkbookPart wb) =>
        Find(sheet, reference) is not { } c ? null
        : c.DataType?.Value == CellValues.SharedString ? wb.SharedStringTablePart!.SharedStringTable!.ElementAt(int.Parse(c.CellValue!.Text)).InnerText
        : c.InlineString?.InnerText ?? c.CellValue?.Text;

    private static bool IsMarked(WorkbookPart wb, Cell cell)
    {
        var s = wb.WorkbookStylesPart!.Stylesheet!;
        var format = s.CellFormats!.Elements<CellFormat>().ElementAt((int)(cell.StyleIndex?.Value ?? 0));
        var fill = s.Fills!.Elements<Fill>().ElementAt((int)(format.FillId?.Value ?? 0));
        return fill.PatternFill?.ForegroundColor?.Rgb?.Value == XlsxErrorCopy.ErrorFillRgb;
    }
}

/// The copy of a large workbook is made in bounded memory: it runs alone so that the heap measured is its own.
[Collection(nameof(MemoryCollection))]
public class XlsxErrorCopyMemoryTests(ITestOutputHelper output)
{
    [Fact]
    public void A_large_workbook_is_annotated_in_bounded_memory()
    {
        const int Rows = 60_000;
        string[] headers = ["Mã hộ", "Mã xã", "Thôn/tổ dân phố", "Họ và tên", "Giới tính", "Ngày sinh", "Quan hệ với chủ hộ", "Số CCCD", "Dân tộc", "Có BHYT"];
        using var workbook = new MemoryStream();
        XlsxWriter.Write(workbook, "Danh sách hộ", headers, Enumerable.Range(1, Rows).Select(i => (IReadOnlyList<string>)
            [$"07444-{i:D6}", "07444", $"Thôn {i % 40}", $"Nguyễn Văn Người Thứ {i}", i % 2 == 0 ? "Nam" : "Nữ", "15/03/1980", "Chủ hộ", $"0240800{i:D5}", "Kinh", "Có"]));
        long sheetBytes;
        using (var zip = new System.IO.Compression.ZipArchive(new MemoryStream(workbook.ToArray())))
            sheetBytes = zip.Entries.Max(e => e.Length);
        var errors = Enumerable.Range(0, 1000).Select(i => new CellError(2 + i * 59, "Ngày sinh", $"Lỗi số {i}.")).ToList();

        byte[] copy;
        double megabytes;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using (var heap = new HeapPeak())
        {
            copy = XlsxErrorCopy.Annotate(workbook, errors);
            megabytes = heap.GrowthMB;
        }
        output.WriteLine($"sheet {sheetBytes / 1e6:0} MB of XML ({workbook.Length / 1e6:0.0} MB zipped): copy in {clock.Elapsed.TotalSeconds:0.0} s, heap +{megabytes:0} MB, copy {copy.Length / 1e6:0.0} MB");

        using var reader = TabularFile.Open(new MemoryStream(copy), FileFormat.Xlsx);
        var rows = reader.Rows().ToList();
        Assert.Equal(Rows, rows.Count);
        Assert.Equal("Lỗi số 999.", rows.Single(r => r.RowNumber == 2 + 999 * 59).Cells[^1]);
        // The sheet's XML is read as a stream: the heap holds what is written (the zipped copy), a row and the garbage
        // not yet collected, never the sheet. (The copy built on the SDK's DOM took 666 MB here.)
        Assert.True(megabytes < 100, $"heap grew by {megabytes:0} MB for a sheet of {sheetBytes / 1e6:0} MB");
    }
}
