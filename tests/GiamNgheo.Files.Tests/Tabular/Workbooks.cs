using System.IO.Compression;
using System.Text;
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
        return reader.Rows().Select(r => (r.RowNumber, r.Cells)).ToList();
    }
}

/// Workbooks written byte by byte, as no spreadsheet program would: for broken and hostile files.
internal static class RawWorkbooks
{
    public const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// A one-sheet workbook («Sheet1», plus «Sheet2» when given); a part of <paramref name="parts"/> replaces the
    /// default one of that name or adds one. sharedStrings.xml is related when given.
    public static byte[] Build(Action<Stream> sheet1, IReadOnlyDictionary<string, Action<Stream>>? parts = null, Action<Stream>? sheet2 = null)
    {
        var all = new Dictionary<string, Action<Stream>>
        {
            ["[Content_Types].xml"] = Text("""<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"""),
            ["_rels/.rels"] = Text("""<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"""),
            ["xl/workbook.xml"] = Text($"""<workbook xmlns="{Main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/>{(sheet2 is null ? "" : """<sheet name="Sheet2" sheetId="2" r:id="rId3"/>""")}</sheets></workbook>"""),
            ["xl/_rels/workbook.xml.rels"] = Text("""<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/></Relationships>"""),
            ["xl/worksheets/sheet1.xml"] = sheet1,
        };
        if (sheet2 is not null) all["xl/worksheets/sheet2.xml"] = sheet2;
        foreach (var (name, write) in parts ?? new Dictionary<string, Action<Stream>>()) all[name] = write;
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, write) in all)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                write(entry);
            }
        return ms.ToArray();
    }

    public static Action<Stream> Text(string xml) => s => s.Write(Encoding.UTF8.GetBytes(xml));

    /// A sheet whose &lt;sheetData&gt; holds <paramref name="rows"/> as written.
    public static Action<Stream> Sheet(string rows) => Text($"""<worksheet xmlns="{Main}"><sheetData>{rows}</sheetData></worksheet>""");

    /// <paramref name="head"/>, then <paramref name="unit"/> again and again up to <paramref name="bytes"/>, never closed:
    /// a part of a zip bomb.
    public static Action<Stream> Repeated(string head, string unit, long bytes) => s =>
    {
        s.Write(Encoding.UTF8.GetBytes(head));
        var one = Encoding.UTF8.GetBytes(unit);
        var block = new byte[one.Length * Math.Max(1, (1 << 20) / one.Length)];
        for (var i = 0; i < block.Length; i += one.Length) one.CopyTo(block, i);
        for (long written = 0; written < bytes; written += block.Length) s.Write(block);
    };
}

/// The peak of the managed heap while it lives, sampled every millisecond: memory tests run alone
/// (<see cref="MemoryCollection"/>), so the heap is theirs.
internal sealed class HeapPeak : IDisposable
{
    private readonly long _start;
    private long _peak;
    private volatile bool _stop;
    private readonly Thread _sampler;

    public HeapPeak()
    {
        _start = GC.GetTotalMemory(forceFullCollection: true);
        _peak = _start;
        _sampler = new Thread(() =>
        {
            while (!_stop)
            {
                _peak = Math.Max(_peak, GC.GetTotalMemory(false));
                Thread.Sleep(1);
            }
        }) { IsBackground = true };
        _sampler.Start();
    }

    /// Megabytes the heap grew by, at its peak.
    public double GrowthMB => (Math.Max(_peak, GC.GetTotalMemory(false)) - _start) / 1e6;

    public void Dispose()
    {
        _stop = true;
        _sampler.Join();
    }
}

[CollectionDefinition(nameof(MemoryCollection), DisableParallelization = true)]
public sealed class MemoryCollection;

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
