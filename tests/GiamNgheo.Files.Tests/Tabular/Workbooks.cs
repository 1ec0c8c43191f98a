using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GiamNgheo.Files.Tabular;

namespace GiamNgheo.Data.Tests.Files;

/// Builds small workbooks with the OpenXml DOM, the way other programs write them.
internal static class Workbooks
{
    public static byte[] Build(Action<WorkbookPart> fill)
    {
        using var ms = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(ms, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook(new Sheets());
            fill(wb);
            wb.Workbook.Save();
        }
        return ms.ToArray();
    }

    public static SheetData AddSheet(WorkbookPart wb, string name)
    {
        var part = wb.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        part.Worksheet = new Worksheet(data);
        var sheets = wb.Workbook!.Sheets!;
        sheets.Append(new Sheet { Name = name, SheetId = (uint)sheets.Count() + 1, Id = wb.GetIdOfPart(part) });
        return data;
    }

    public static SharedStringTable AddSharedStrings(WorkbookPart wb)
    {
        var part = wb.AddNewPart<SharedStringTablePart>();
        return part.SharedStringTable = new SharedStringTable();
    }

    public static Cell Shared(SharedStringTable sst, string reference, string text, uint? style = null)
    {
        sst.Append(new SharedStringItem(new Text(text)));
        return new Cell
        {
            CellReference = reference, DataType = CellValues.SharedString, StyleIndex = style,
            CellValue = new CellValue((sst.Count() - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
    }

    public static Cell Number(string reference, string raw, uint? style = null) =>
        new() { CellReference = reference, CellValue = new CellValue(raw), StyleIndex = style };

    public static Cell Inline(string reference, string text, uint? style = null) =>
        new() { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)), StyleIndex = style };

    public static Row Row(uint index, params Cell[] cells) => new(cells) { RowIndex = index };

    public static Fill SolidFill(string rgb) =>
        new(new PatternFill(new ForegroundColor { Rgb = rgb }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid });

    /// cellXfs: 0 default; 1 bold + thin border + grey fill (headers); 2 date (14) + thin border; 3 custom "dd/mm/yyyy"; 4 "#,##0".
    public static void AddStyles(WorkbookPart wb)
    {
        var part = wb.AddNewPart<WorkbookStylesPart>();
        part.Stylesheet = new Stylesheet(
            new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "dd/mm/yyyy;@" }) { Count = 1 },
            new Fonts(
                new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
                new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" })) { Count = 2 },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                SolidFill("FFD9D9D9")) { Count = 3 },
            new Borders(
                new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
                new Border(
                    new LeftBorder { Style = BorderStyleValues.Thin }, new RightBorder { Style = BorderStyleValues.Thin },
                    new TopBorder { Style = BorderStyleValues.Thin }, new BottomBorder { Style = BorderStyleValues.Thin },
                    new DiagonalBorder())) { Count = 2 },
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            new CellFormats(
                new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
                new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 2, BorderId = 1, FormatId = 0, ApplyFont = true, ApplyFill = true, ApplyBorder = true },
                new CellFormat { NumberFormatId = 14, FontId = 0, FillId = 0, BorderId = 1, FormatId = 0, ApplyNumberFormat = true, ApplyBorder = true },
                new CellFormat { NumberFormatId = 164, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
                new CellFormat { NumberFormatId = 3, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true }) { Count = 5 },
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
    }

    public static List<(int Row, string[] Cells)> ReadAll(byte[] bytes, FileFormat format, out IReadOnlyList<string> headers)
    {
        using var reader = TabularFile.Open(new MemoryStream(bytes), format);
        headers = reader.Headers;
        return reader.Rows().ToList();
    }
}

internal static class Validation
{
    /// Schema errors the SDK's validator finds (Office 2019 rules), one line each.
    public static List<string> Errors(byte[] bytes)
    {
        using var doc = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        return new DocumentFormat.OpenXml.Validation.OpenXmlValidator(FileFormatVersions.Office2019)
            .Validate(doc).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
    }
}
