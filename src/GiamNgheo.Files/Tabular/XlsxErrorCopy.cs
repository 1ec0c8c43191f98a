using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GiamNgheo.Domain.Common;

namespace GiamNgheo.Files.Tabular;

/// An error found in an uploaded file: row as the user sees it (header = 1), column header text, message.
public sealed record CellError(int Row, string Column, string Message);

/// Gives the user back their own workbook with the errors marked: on the first worksheet, a «Lỗi» column
/// after the last used column holds each row's messages, and every cell named by an error gets a pink
/// fill (its font, border and number format kept). Formatting and other sheets stay as they were.
/// Uses the DOM: a rejected file is small enough.
public static class XlsxErrorCopy
{
    public const string ErrorHeader = "Lỗi";
    public const string ErrorFillRgb = "FFFFC7CE";
    public const string ErrorFontRgb = "FF9C0006";
    private const double ErrorColumnWidth = 60;

    public static byte[] Annotate(byte[] original, IReadOnlyList<CellError> errors)
    {
        using var stream = new MemoryStream(original, writable: false);
        return Annotate(stream, errors);
    }

    public static byte[] Annotate(Stream original, IReadOnlyList<CellError> errors)
    {
        using var copy = new MemoryStream();
        original.CopyTo(copy);
        copy.Position = 0;
        try
        {
            using (var document = SpreadsheetDocument.Open(copy, true))
                Annotate(document, errors);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or System.Xml.XmlException)
        {
            throw new TabularFileException("Không đọc được tệp Excel để đánh dấu lỗi.", e);
        }
        return copy.ToArray();
    }

    private static void Annotate(SpreadsheetDocument document, IReadOnlyList<CellError> errors)
    {
        var workbookPart = document.WorkbookPart ?? throw new TabularFileException("Tệp Excel không có sổ làm việc.");
        var (sheetPart, _) = XlsxCells.FirstWorksheet(workbookPart) ?? throw new TabularFileException("Tệp Excel không có trang tính nào.");
        var worksheet = sheetPart.Worksheet ?? throw new TabularFileException("Trang tính đầu tiên bị hỏng.");
        var sheetData = worksheet.GetFirstChild<SheetData>() ?? worksheet.AppendChild(new SheetData());
        var rows = Normalize(sheetData);
        var styles = new Styles(workbookPart);

        // Headers of row 1: folded text → column indexes.
        var sharedStrings = XlsxCells.ReadSharedStrings(workbookPart);
        var headerColumns = new Dictionary<string, List<int>>();
        int? errorColumn = null;
        if (rows.TryGetValue(1, out var headerRow))
        {
            foreach (var cell in headerRow.Elements<Cell>())
            {
                var folded = VietnameseText.Fold(XlsxCells.CellText(cell, sharedStrings, [], false));
                if (folded.Length == 0) continue;
                var column = ColumnOf(cell);
                if (folded == "loi" || folded.StartsWith("loi:", StringComparison.Ordinal)) { errorColumn ??= column; continue; }
                if (!headerColumns.TryGetValue(folded, out var list)) headerColumns[folded] = list = [];
                list.Add(column);
            }
        }

        if (errorColumn is { } previous)
        {
            // The user uploads the copy we gave back: clear the old messages and marks first.
            foreach (var row in rows.Values)
            {
                foreach (var cell in row.Elements<Cell>().Where(c => ColumnOf(c) == previous).ToList()) cell.Remove();
                foreach (var cell in row.Elements<Cell>()) styles.Unmark(cell);
            }
        }
        else
        {
            var last = rows.Values.SelectMany(r => r.Elements<Cell>()).Select(ColumnOf).DefaultIfEmpty(-1).Max();
            errorColumn = last + 1;
        }
        var errorCol = errorColumn.Value;

        var messagesByRow = new SortedDictionary<int, List<string>>();
        foreach (var error in errors)
        {
            if (error.Row < 1 || error.Row > 1_048_576) continue;
            if (!messagesByRow.TryGetValue(error.Row, out var messages)) messagesByRow[error.Row] = messages = [];
            if (!messages.Contains(error.Message)) messages.Add(error.Message);

            if (!headerColumns.TryGetValue(VietnameseText.Fold(error.Column ?? ""), out var columns)) continue;
            // On data rows the first column of that name is the one read (as the import maps headers);
            // a header problem (duplicate) marks every header cell of that name.
            foreach (var column in error.Row == 1 ? columns : columns.Take(1))
            {
                var cell = GetOrCreateCell(sheetData, rows, error.Row, column);
                styles.Mark(cell, EffectiveStyle(worksheet, rows[error.Row], cell, column));
            }
        }

        // The «Lỗi» column: header (with header problems if any), then each row's messages.
        var header = GetOrCreateCell(sheetData, rows, 1, errorCol);
        var headerText = messagesByRow.TryGetValue(1, out var headerMessages)
            ? ErrorHeader + ": " + string.Join("; ", headerMessages) : ErrorHeader;
        SetText(header, headerText);
        header.StyleIndex = styles.ErrorHeader(HeaderStyleNear(rows[1], errorCol));
        FitHeight(rows[1], headerText, styles.LineHeight);
        foreach (var (rowNumber, messages) in messagesByRow)
        {
            if (rowNumber == 1) continue;
            var cell = GetOrCreateCell(sheetData, rows, rowNumber, errorCol);
            var text = string.Join("; ", messages);
            SetText(cell, text);
            cell.StyleIndex = styles.ErrorMessage();
            FitHeight(rows[rowNumber], text, styles.LineHeight);
        }

        SetErrorColumnWidth(worksheet, errorCol);
        UpdateDimension(worksheet, rows, errorCol);
        styles.Save();
        worksheet.Save();
    }

    /// Gives every row an explicit r (rows may omit it: previous + 1) and every cell an explicit reference,
    /// so sparse rows and cells can be found and inserted in order.
    private static SortedList<int, Row> Normalize(SheetData sheetData)
    {
        var rows = new SortedList<int, Row>();
        var last = 0;
        foreach (var row in sheetData.Elements<Row>())
        {
            var number = row.RowIndex?.Value is { } r ? (int)r : last + 1;
            row.RowIndex = (uint)number;
            last = number;
            rows[number] = row;
            var column = -1;
            foreach (var cell in row.Elements<Cell>())
            {
                column = cell.CellReference?.Value is { } reference ? XlsxCells.ParseReference(reference).Column : column + 1;
                cell.CellReference = XlsxCells.Reference(column, number);
            }
        }
        return rows;
    }

    private static int ColumnOf(Cell cell) => XlsxCells.ParseReference(cell.CellReference!.Value!).Column;

    private static Cell GetOrCreateCell(SheetData sheetData, SortedList<int, Row> rows, int rowNumber, int column)
    {
        if (!rows.TryGetValue(rowNumber, out var row))
        {
            row = new Row { RowIndex = (uint)rowNumber };
            var next = rows.Keys.FirstOrDefault(k => k > rowNumber);
            if (next > 0) sheetData.InsertBefore(row, rows[next]);
            else sheetData.AppendChild(row);
            rows[rowNumber] = row;
        }
        Cell? after = null;
        foreach (var cell in row.Elements<Cell>())
        {
            var c = ColumnOf(cell);
            if (c == column) return cell;
            if (c > column) { after = cell; break; }
        }
        var created = new Cell { CellReference = XlsxCells.Reference(column, rowNumber) };
        if (after is not null) row.InsertBefore(created, after);
        else row.AppendChild(created);
        // A row's "spans" is only an optimisation hint; a wrong one is worse than none.
        row.Spans = null;
        return created;
    }

    /// The format the cell shows: its own, else the row's (customFormat), else its column's, else 0.
    private static uint EffectiveStyle(Worksheet worksheet, Row row, Cell cell, int column)
    {
        if (cell.StyleIndex?.Value is { } s) return s;
        if (row.CustomFormat?.Value == true && row.StyleIndex?.Value is { } rs) return rs;
        foreach (var col in worksheet.GetFirstChild<Columns>()?.Elements<Column>() ?? [])
            if (col.Min?.Value <= column + 1 && column + 1 <= col.Max?.Value && col.Style?.Value is { } cs) return cs;
        return 0;
    }

    /// The format of the last header cell before the «Lỗi» column, so the new header looks like its neighbours.
    private static uint HeaderStyleNear(Row headerRow, int errorColumn) =>
        headerRow.Elements<Cell>().Where(c => ColumnOf(c) < errorColumn).Select(c => c.StyleIndex?.Value ?? 0).LastOrDefault();

    /// The messages wrap in a column of <see cref="ErrorColumnWidth"/> characters. Spreadsheet programs do not
    /// always re-fit row heights on opening, so the row gets the height of the lines it needs (never lower).
    private static void FitHeight(Row row, string text, double lineHeight)
    {
        var lines = Math.Max(1, (int)Math.Ceiling(text.Length / (ErrorColumnWidth * 1.05)));
        if (lines == 1) return;
        var height = Math.Round(lines * lineHeight, 1);
        if (row.Height?.Value is { } current && current >= height) return;
        row.Height = height;
        row.CustomHeight = true;
    }

    private static void SetText(Cell cell, string text)
    {
        cell.CellFormula = null;
        cell.CellValue = null;
        cell.DataType = CellValues.InlineString;
        var t = new Text(text);
        if (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]))) t.Space = SpaceProcessingModeValues.Preserve;
        cell.InlineString = new InlineString(t);
    }

    /// A <see cref="ErrorColumnWidth"/>-character wide «Lỗi» column, carved out of any existing &lt;col&gt; range that covers it.
    private static void SetErrorColumnWidth(Worksheet worksheet, int errorColumn)
    {
        var n = (uint)errorColumn + 1;
        var columns = worksheet.GetFirstChild<Columns>();
        if (columns is null)
        {
            columns = new Columns();
            var sheetData = worksheet.GetFirstChild<SheetData>()!;
            worksheet.InsertBefore(columns, sheetData);
        }
        foreach (var col in columns.Elements<Column>().ToList())
        {
            uint min = col.Min?.Value ?? 0, max = col.Max?.Value ?? 0;
            if (n < min || n > max) continue;
            if (min < n)
            {
                var before = (Column)col.CloneNode(true);
                before.Max = n - 1;
                columns.InsertBefore(before, col);
            }
            if (n < max)
            {
                var after = (Column)col.CloneNode(true);
                after.Min = n + 1;
                columns.InsertAfter(after, col);
            }
            col.Remove();
        }
        var column = new Column { Min = n, Max = n, Width = ErrorColumnWidth, CustomWidth = true };
        var next = columns.Elements<Column>().FirstOrDefault(c => (c.Min?.Value ?? 0) > n);
        if (next is not null) columns.InsertBefore(column, next);
        else columns.AppendChild(column);
    }

    private static void UpdateDimension(Worksheet worksheet, SortedList<int, Row> rows, int errorColumn)
    {
        if (worksheet.GetFirstChild<SheetDimension>() is not { } dimension) return;
        var lastColumn = Math.Max(errorColumn, rows.Values.SelectMany(r => r.Elements<Cell>()).Select(ColumnOf).DefaultIfEmpty(0).Max());
        var lastRow = rows.Count == 0 ? 1 : rows.Keys[^1];
        dimension.Reference = "A1:" + XlsxCells.Reference(lastColumn, lastRow);
    }

    /// The workbook's stylesheet (created if missing) and the formats this copy adds to it.
    private sealed class Styles
    {
        private readonly WorkbookStylesPart _part;
        private readonly Stylesheet _stylesheet;
        private readonly CellFormats _cellFormats;
        private readonly Dictionary<uint, uint> _marked = [];
        private uint? _errorFill;
        private uint? _errorFont;
        private uint? _messageFormat;

        public Styles(WorkbookPart workbookPart)
        {
            _part = workbookPart.WorkbookStylesPart ?? workbookPart.AddNewPart<WorkbookStylesPart>();
            _stylesheet = _part.Stylesheet ??= new Stylesheet();
            var s = _stylesheet;
            s.Fonts ??= new Fonts(new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" })) { Count = 1 };
            if (s.Fonts.Elements<Font>().FirstOrDefault() is null) s.Fonts.AppendChild(new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }));
            s.Fills ??= new Fills();
            while (s.Fills.Elements<Fill>().Count() < 2)
                s.Fills.AppendChild(new Fill(new PatternFill
                {
                    PatternType = s.Fills.Elements<Fill>().Any() ? PatternValues.Gray125 : PatternValues.None,
                }));
            s.Borders ??= new Borders();
            if (!s.Borders.Elements<Border>().Any())
                s.Borders.AppendChild(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()));
            s.CellStyleFormats ??= new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 });
            _cellFormats = s.CellFormats ??= new CellFormats();
            if (!_cellFormats.Elements<CellFormat>().Any())
                _cellFormats.AppendChild(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 });
            s.CellStyles ??= new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 });
        }

        /// Points per wrapped line in the workbook's default font (Times New Roman 13 is common here).
        public double LineHeight =>
            Math.Max(15, 1.3 * (_stylesheet.Fonts!.Elements<Font>().First().FontSize?.Val?.Value ?? 11));

        private CellFormat Format(uint index) =>
            _cellFormats.Elements<CellFormat>().ElementAtOrDefault((int)index) ?? _cellFormats.Elements<CellFormat>().First();

        private uint ErrorFill()
        {
            if (_errorFill is { } id) return id;
            var fills = _stylesheet.Fills!;
            var existing = fills.Elements<Fill>().ToList().FindIndex(IsErrorFill);
            if (existing >= 0) return (_errorFill = (uint)existing).Value;
            fills.AppendChild(new Fill(new PatternFill(new ForegroundColor { Rgb = ErrorFillRgb }, new BackgroundColor { Indexed = 64 })
            { PatternType = PatternValues.Solid }));
            return (_errorFill = (uint)fills.Elements<Fill>().Count() - 1).Value;
        }

        private static bool IsErrorFill(Fill fill) =>
            fill.PatternFill is { } p && p.PatternType?.Value == PatternValues.Solid && p.ForegroundColor?.Rgb?.Value == ErrorFillRgb;

        /// Gives the cell a copy of <paramref name="baseStyle"/> with the error fill.
        public void Mark(Cell cell, uint baseStyle)
        {
            if (Format(baseStyle).FillId?.Value == ErrorFill()) { cell.StyleIndex = baseStyle; return; }
            if (!_marked.TryGetValue(baseStyle, out var marked))
            {
                var copy = (CellFormat)Format(baseStyle).CloneNode(true);
                copy.FillId = ErrorFill();
                copy.ApplyFill = true;
                _marked[baseStyle] = marked = Append(copy);
            }
            cell.StyleIndex = marked;
        }

        /// Undoes <see cref="Mark"/> of an earlier copy: back to the same format without the error fill.
        public void Unmark(Cell cell)
        {
            if (cell.StyleIndex?.Value is not { } s || _stylesheet.Fills is null) return;
            var fills = _stylesheet.Fills.Elements<Fill>().ToList();
            var format = Format(s);
            var fillId = (int)(format.FillId?.Value ?? 0);
            if (fillId >= fills.Count || !IsErrorFill(fills[fillId])) return;
            var formats = _cellFormats.Elements<CellFormat>().ToList();
            var original = formats.FindIndex(f => f.FillId?.Value is { } id && id < fills.Count && !IsErrorFill(fills[(int)id])
                                                   && SameExceptFill(f, format));
            cell.StyleIndex = original >= 0 ? (uint)original : null;
        }

        private static bool SameExceptFill(CellFormat a, CellFormat b)
        {
            var x = (CellFormat)a.CloneNode(true);
            var y = (CellFormat)b.CloneNode(true);
            x.FillId = y.FillId = 0;
            x.ApplyFill = y.ApplyFill = null;
            return x.OuterXml == y.OuterXml;
        }

        /// The «Lỗi» header: the neighbouring header's format, but with the error fill and bold.
        public uint ErrorHeader(uint neighbour)
        {
            var copy = (CellFormat)Format(neighbour).CloneNode(true);
            copy.FillId = ErrorFill();
            copy.ApplyFill = true;
            copy.FontId = ErrorFont(bold: true);
            copy.ApplyFont = true;
            copy.NumberFormatId = 49;
            copy.ApplyNumberFormat = true;
            return Append(copy);
        }

        /// The messages: dark red text, wrapped (aligned like the user's cells of the row, at the bottom).
        public uint ErrorMessage()
        {
            if (_messageFormat is { } id) return id;
            var format = new CellFormat(new Alignment { WrapText = true })
            {
                NumberFormatId = 49, FontId = ErrorFont(bold: false), FillId = 0, BorderId = 0, FormatId = 0,
                ApplyFont = true, ApplyAlignment = true, ApplyNumberFormat = true,
            };
            return (_messageFormat = Append(format)).Value;
        }

        private uint ErrorFont(bool bold)
        {
            if (!bold && _errorFont is { } id) return id;
            var fonts = _stylesheet.Fonts!;
            var font = (Font)fonts.Elements<Font>().First().CloneNode(true);
            font.Color = new Color { Rgb = ErrorFontRgb };
            font.Bold = bold ? new Bold() : null;
            var index = AppendOrReuse(fonts, font);
            if (!bold) _errorFont = index;
            return index;
        }

        private uint Append(CellFormat format) => AppendOrReuse(_cellFormats, format);

        /// The index of an identical entry (a copy annotated again), else of the appended one.
        private static uint AppendOrReuse<T>(OpenXmlCompositeElement list, T item) where T : OpenXmlElement
        {
            var existing = list.Elements<T>().ToList();
            var same = existing.FindIndex(e => e.OuterXml == item.OuterXml);
            if (same >= 0) return (uint)same;
            list.AppendChild(item);
            return (uint)existing.Count;
        }

        public void Save()
        {
            var s = _stylesheet;
            s.Fonts!.Count = (uint)s.Fonts.Elements<Font>().Count();
            s.Fills!.Count = (uint)s.Fills.Elements<Fill>().Count();
            s.Borders!.Count = (uint)s.Borders.Elements<Border>().Count();
            s.CellStyleFormats!.Count = (uint)s.CellStyleFormats.Elements<CellFormat>().Count();
            _cellFormats.Count = (uint)_cellFormats.Elements<CellFormat>().Count();
            s.CellStyles!.Count = (uint)s.CellStyles.Elements<CellStyle>().Count();
            s.Save();
        }
    }
}
