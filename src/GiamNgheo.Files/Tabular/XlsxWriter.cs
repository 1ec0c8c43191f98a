using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace GiamNgheo.Files.Tabular;

/// Writes a workbook of text cells; the rows go through <see cref="OpenXmlWriter"/> straight into the zip
/// stream: flat memory whatever the number of rows, and the output stream need not seek.
public static class XlsxWriter
{
    public const string GuideSheetName = "Hướng dẫn";

    private const int MaxCellLength = 32767;
    private const int WidthSampleRows = 200;

    // Cell formats (cellXfs) of the stylesheet written below.
    private const uint TextStyle = 1;
    private const uint HeaderStyle = 2;
    private const uint WrapTextStyle = 3;

    /// One sheet: bold header row with a fill, frozen, then <paramref name="rows"/> as text cells (codes like
    /// 07444 keep their zeros; the columns are text-formatted so typing in them does too). With a
    /// <paramref name="guide"/>, a second sheet «Hướng dẫn» lists each column's rule and an example.
    /// <param name="numberColumns">Columns whose cells holding an invariant number ("1234", "4.25") are written as
    /// numbers, so a planner can sum and chart them; other cells of those columns stay text.</param>
    public static void Write(Stream output, string sheetName, IReadOnlyList<string> headers,
        IEnumerable<IReadOnlyList<string>> rows, IReadOnlyList<(string Header, string Rule, string Example)>? guide = null,
        IReadOnlySet<int>? numberColumns = null)
    {
        // The SDK cannot drive a write-only package, and a read-write one buffers every part in memory.
        // So: the small parts (workbook, styles, guide, relationships) are built with the SDK in memory,
        // then copied into a zip written front to back, where the data sheet is streamed with OpenXmlWriter.
        using var skeleton = new MemoryStream();
        string dataEntry;
        using (var document = SpreadsheetDocument.Create(skeleton, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = Stylesheet();

            var sheets = new Sheets();
            var dataPart = workbookPart.AddNewPart<WorksheetPart>();
            dataPart.Worksheet = new Worksheet(new SheetData());
            dataEntry = dataPart.Uri.OriginalString.TrimStart('/');
            var name = SafeSheetName(sheetName, "Sheet1");
            sheets.Append(new Sheet { Name = name, SheetId = 1, Id = workbookPart.GetIdOfPart(dataPart) });

            if (guide is not null)
            {
                var guidePart = workbookPart.AddNewPart<WorksheetPart>();
                using (var w = OpenXmlWriter.Create(guidePart)) WriteGuideSheet(w, guide);
                sheets.Append(new Sheet
                {
                    Name = name == GuideSheetName ? GuideSheetName + " (2)" : GuideSheetName,
                    SheetId = 2, Id = workbookPart.GetIdOfPart(guidePart),
                });
            }
            workbookPart.Workbook = new Workbook(new BookViews(new WorkbookView { ActiveTab = 0 }), sheets);
        }

        skeleton.Position = 0;
        using var source = new ZipArchive(skeleton, ZipArchiveMode.Read);
        using var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var entry in source.Entries)
        {
            var isData = entry.FullName == dataEntry;
            var copy = target.CreateEntry(entry.FullName, isData ? CompressionLevel.Fastest : CompressionLevel.Optimal);
            using var to = copy.Open();
            if (isData)
            {
                using var w = OpenXmlWriter.Create(to, new UTF8Encoding(false));
                WriteDataSheet(w, headers, rows, numberColumns);
            }
            else
            {
                using var from = entry.Open();
                from.CopyTo(to);
            }
        }
    }

    private static void WriteDataSheet(OpenXmlWriter w, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, IReadOnlySet<int>? numberColumns)
    {
        using var enumerator = rows.GetEnumerator();
        // The column widths come before the rows in the sheet XML: measure a bounded sample first.
        var sample = new List<IReadOnlyList<string>>();
        var more = true;
        while (sample.Count < WidthSampleRows && (more = enumerator.MoveNext())) sample.Add(enumerator.Current);

        var columnCount = Math.Max(headers.Count, sample.Count == 0 ? 0 : sample.Max(r => r.Count));
        var widths = new double[columnCount];
        for (var c = 0; c < columnCount; c++)
        {
            var chars = c < headers.Count ? headers[c].Length + 2 : 0; // bold
            foreach (var r in sample) if (c < r.Count) chars = Math.Max(chars, (r[c] ?? "").Length);
            widths[c] = Math.Clamp(chars + 2, 8, 50);
        }

        w.WriteStartDocument();
        w.WriteStartElement(new Worksheet());
        w.WriteElement(new SheetViews(new SheetView(
            new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
        { TabSelected = true, WorkbookViewId = 0 }));
        if (columnCount > 0) w.WriteElement(ColumnsElement(widths, TextStyle));

        w.WriteStartElement(new SheetData());
        WriteRow(w, 1, headers, HeaderStyle, widths);
        var rowNumber = 1;
        foreach (var r in sample) WriteRow(w, ++rowNumber, r, TextStyle, numberColumns: numberColumns);
        sample.Clear();
        while (more && enumerator.MoveNext()) WriteRow(w, ++rowNumber, enumerator.Current, TextStyle, numberColumns: numberColumns);
        w.WriteEndElement(); // sheetData
        w.WriteEndElement(); // worksheet
        w.Close();
    }

    private static void WriteGuideSheet(OpenXmlWriter w, IReadOnlyList<(string Header, string Rule, string Example)> guide)
    {
        w.WriteStartDocument();
        w.WriteStartElement(new Worksheet());
        w.WriteElement(new SheetViews(new SheetView(
            new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
        { WorkbookViewId = 0 }));
        double[] widths = [32, 80, 26];
        w.WriteElement(ColumnsElement(widths, WrapTextStyle));
        w.WriteStartElement(new SheetData());
        WriteRow(w, 1, ["Cột", "Quy tắc", "Ví dụ"], HeaderStyle);
        var rowNumber = 1;
        foreach (var (header, rule, example) in guide) WriteRow(w, ++rowNumber, [header, rule, example], WrapTextStyle, widths);
        w.WriteEndElement();
        w.WriteEndElement();
        w.Close();
    }

    private static Columns ColumnsElement(IReadOnlyList<double> widths, uint style)
    {
        var columns = new Columns();
        for (var c = 0; c < widths.Count; c++)
            columns.Append(new Column { Min = (uint)c + 1, Max = (uint)c + 1, Width = widths[c], CustomWidth = true, Style = style });
        return columns;
    }

    // WriteStartElement only takes the name of these; one instance each serves every row.
    private static readonly Row RowName = new();
    private static readonly Cell CellName = new();
    private static readonly InlineString InlineStringName = new();
    private static readonly Text TextName = new();
    private static readonly OpenXmlAttribute[] PreserveSpace = [new("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve")];

    /// With <paramref name="widths"/> (wrapped text), the row gets the height of its longest cell's lines:
    /// spreadsheet programs do not always re-fit heights when opening a file.
    private static void WriteRow(OpenXmlWriter w, int rowNumber, IReadOnlyList<string> cells, uint style, IReadOnlyList<double>? widths = null,
        IReadOnlySet<int>? numberColumns = null)
    {
        var r = rowNumber.ToString(CultureInfo.InvariantCulture);
        var s = style.ToString(CultureInfo.InvariantCulture);
        var lines = 1;
        for (var c = 0; widths is not null && c < cells.Count && c < widths.Count; c++)
            lines = Math.Max(lines, (int)Math.Ceiling((cells[c]?.Length ?? 0) / (widths[c] * 1.05)));
        w.WriteStartElement(RowName, lines == 1 ? [new OpenXmlAttribute("r", "", r)] : [
            new OpenXmlAttribute("r", "", r),
            new OpenXmlAttribute("ht", "", (lines * 15).ToString(CultureInfo.InvariantCulture)),
            new OpenXmlAttribute("customHeight", "", "1")]);
        for (var c = 0; c < cells.Count; c++)
        {
            var value = cells[c];
            if (string.IsNullOrEmpty(value)) continue;
            if (numberColumns is not null && numberColumns.Contains(c)
                && decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
            {
                w.WriteStartElement(CellName, [new OpenXmlAttribute("r", "", XlsxCells.ColumnName(c) + r), new OpenXmlAttribute("s", "", "0")]);
                w.WriteElement(new CellValue(value));
                w.WriteEndElement();
                continue;
            }
            value = CleanText(value);
            w.WriteStartElement(CellName, [
                new OpenXmlAttribute("r", "", XlsxCells.ColumnName(c) + r),
                new OpenXmlAttribute("s", "", s),
                new OpenXmlAttribute("t", "", "inlineStr")]);
            w.WriteStartElement(InlineStringName);
            var preserve = char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]) || value.Contains('\n');
            w.WriteStartElement(TextName, preserve ? PreserveSpace : []);
            w.WriteString(value);
            w.WriteEndElement(); // t
            w.WriteEndElement(); // is
            w.WriteEndElement(); // c
        }
        w.WriteEndElement();
    }

    /// Drops characters XML cannot carry and cuts at Excel's cell limit.
    private static string CleanText(string value)
    {
        if (value.Length > MaxCellLength) value = value[..MaxCellLength];
        for (var i = 0; i < value.Length; i++)
        {
            var ch = value[i];
            if (XmlConvert.IsXmlChar(ch)) continue;
            if (char.IsHighSurrogate(ch) && i + 1 < value.Length && XmlConvert.IsXmlSurrogatePair(value[i + 1], ch)) { i++; continue; }
            return StripInvalid(value);
        }
        return value;

        static string StripInvalid(string s)
        {
            var sb = new System.Text.StringBuilder(s.Length);
            for (var i = 0; i < s.Length; i++)
            {
                if (XmlConvert.IsXmlChar(s[i])) sb.Append(s[i]);
                else if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && XmlConvert.IsXmlSurrogatePair(s[i + 1], s[i]))
                {
                    sb.Append(s[i]).Append(s[i + 1]);
                    i++;
                }
            }
            return sb.ToString();
        }
    }

    private static Stylesheet Stylesheet() => new(
            new Fonts(
                new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }, new FontFamilyNumbering { Val = 2 }),
                new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" }, new FontFamilyNumbering { Val = 2 }))
            { Count = 2 },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFDDEBF7" }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid }))
            { Count = 3 },
            new Borders(
                new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
                new Border(
                    new LeftBorder(new Color { Rgb = "FF9BB7D4" }) { Style = BorderStyleValues.Thin },
                    new RightBorder(new Color { Rgb = "FF9BB7D4" }) { Style = BorderStyleValues.Thin },
                    new TopBorder(new Color { Rgb = "FF9BB7D4" }) { Style = BorderStyleValues.Thin },
                    new BottomBorder(new Color { Rgb = "FF9BB7D4" }) { Style = BorderStyleValues.Thin },
                    new DiagonalBorder()))
            { Count = 2 },
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            new CellFormats(
                new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
                // 1: text ("@"), so Excel keeps what is typed, zeros included.
                new CellFormat { NumberFormatId = 49, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
                // 2: header
                new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Center, WrapText = true })
                {
                    NumberFormatId = 49, FontId = 1, FillId = 2, BorderId = 1, FormatId = 0,
                    ApplyNumberFormat = true, ApplyFont = true, ApplyFill = true, ApplyBorder = true, ApplyAlignment = true,
                },
                // 3: text, wrapped, top-aligned (guide)
                new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top, WrapText = true })
                {
                    NumberFormatId = 49, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0,
                    ApplyNumberFormat = true, ApplyAlignment = true,
                })
            { Count = 4 },
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });

    /// Excel's rules: 1–31 characters, none of : \ / ? * [ ], not starting or ending with '.
    private static string SafeSheetName(string name, string fallback)
    {
        var chars = name.Where(c => c is not (':' or '\\' or '/' or '?' or '*' or '[' or ']')).ToArray();
        var safe = new string(chars).Trim().Trim('\'');
        if (safe.Length > 31) safe = safe[..31];
        return safe.Length == 0 ? fallback : safe;
    }
}
