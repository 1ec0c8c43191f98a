using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using GiamNgheo.Domain.Common;

namespace GiamNgheo.Files.Tabular;

/// An error found in an uploaded file: row as the user sees it, column header text, message.
public sealed record CellError(int Row, string Column, string Message);

/// Gives the user back their own workbook with the errors marked: on the sheet that was read, a «Lỗi» column after
/// the last used column holds each row's messages (the header row's problems in its header), and every cell named by
/// an error gets a pink fill (its font, border and number format kept). Formatting and other sheets stay as they were.
/// Streamed: the sheet's XML is read twice (once to find its extent and the formats of the marked cells, once to write
/// it with the marks) and every other part is copied as it is, so memory holds one row, the errors and the stylesheet,
/// whatever the size of the sheet; every part is read within the limits of <see cref="XlsxPackage"/>.
public static class XlsxErrorCopy
{
    public const string ErrorHeader = "Lỗi";
    public const string ErrorFillRgb = "FFFFC7CE";
    public const string ErrorFontRgb = "FF9C0006";
    private const double ErrorColumnWidth = 60;

    public static byte[] Annotate(byte[] original, IReadOnlyList<CellError> errors, string? sheet = null, int headerRow = 1)
    {
        using var stream = new MemoryStream(original, writable: false);
        return Annotate(stream, errors, sheet, headerRow);
    }

    /// <param name="sheet">The sheet the import read (by name); the first one when null or not found.</param>
    /// <param name="headerRow">Its header row: the «Lỗi» header goes there, and errors on it are header problems.</param>
    public static byte[] Annotate(Stream original, IReadOnlyList<CellError> errors, string? sheet = null, int headerRow = 1)
    {
        using var output = new MemoryStream();
        Annotate(original, output, errors, sheet, headerRow);
        return output.ToArray();
    }

    /// Writes the copy to <paramref name="output"/>, which need not seek. A non-seekable input is first copied to a
    /// temporary file.
    public static void Annotate(Stream original, Stream output, IReadOnlyList<CellError> errors, string? sheet = null, int headerRow = 1)
    {
        FileStream? temp = null;
        try
        {
            if (!original.CanSeek)
            {
                temp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
                original.CopyTo(temp);
                temp.Position = 0;
                original = temp;
            }
            using var package = new XlsxPackage(original);
            new Annotation(package, errors, sheet, headerRow).Write(output);
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or IOException or NotSupportedException)
        {
            throw new TabularFileException("Không đọc được tệp Excel để đánh dấu lỗi.", e);
        }
        finally
        {
            temp?.Dispose();
        }
    }

    /// A &lt;col&gt; of the sheet: its range and its other attributes as they were.
    private sealed record Col(uint Min, uint Max, IReadOnlyList<(string Prefix, string Name, string Ns, string Value)> Attributes)
    {
        public uint? Style => Attributes.FirstOrDefault(a => a.Name == "style" && a.Ns.Length == 0).Value is { } s
                              && uint.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    private sealed class Annotation
    {
        private const uint Unknown = uint.MaxValue;
        private const string StylesType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles";
        private const string StylesContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";

        private static readonly XmlWriterSettings WriterSettings = new()
        {
            Encoding = new UTF8Encoding(false), CloseOutput = false, NewLineHandling = NewLineHandling.Entitize,
        };

        private readonly XlsxPackage _package;
        private readonly XlsxSheet _sheet;
        private readonly int _headerRow;
        private readonly Styles _styles;
        private readonly SortedDictionary<int, List<string>> _messages = [];
        /// Per row, per column to mark: the format it shows (<see cref="Unknown"/> until the scan), then its marked copy.
        private readonly Dictionary<int, Dictionary<int, uint>> _marks = [];
        private readonly Dictionary<string, List<int>> _headerColumns = [];
        private readonly List<(int Column, uint Style)> _headerCells = [];
        private readonly Dictionary<uint, uint?> _unmarked = [];
        private readonly List<Col> _cols = [];
        /// Rows that get a cell (a mark or a message), removed as they are written; those left are created.
        private readonly SortedSet<int> _toWrite = [];
        private int? _previous;
        private int _maxColumn = -1;
        private int _maxRow;
        private readonly int _errorColumn;
        private readonly uint _headerStyle;
        private readonly uint _messageStyle;
        private string _prefix = "";
        private string _ns = "";

        public Annotation(XlsxPackage package, IReadOnlyList<CellError> errors, string? sheetName, int headerRow)
        {
            _package = package;
            _sheet = package.Sheets.FirstOrDefault(s => s.Name == sheetName) ?? package.Sheets.FirstOrDefault()
                ?? throw new TabularFileException("Tệp Excel không có trang tính nào.");
            _headerRow = headerRow;
            _styles = new Styles(ReadStylesheet());
            ReadHeaderRow();

            foreach (var error in errors)
            {
                if (error.Row < 1 || error.Row > XlsxCells.MaxRows) continue;
                if (!_messages.TryGetValue(error.Row, out var messages)) _messages[error.Row] = messages = [];
                if (!messages.Contains(error.Message)) messages.Add(error.Message);
                if (!_headerColumns.TryGetValue(VietnameseText.Fold(error.Column ?? ""), out var columns))
                {
                    // A value under no header is named by its column's letters.
                    if (error.Row == headerRow || !XlsxCells.TryParseReference((error.Column ?? "") + "1", out var letters, out _)) continue;
                    columns = [letters];
                }
                if (!_marks.TryGetValue(error.Row, out var marks)) _marks[error.Row] = marks = [];
                // On data rows the first column of that name is the one read (as the import maps headers);
                // a header problem (duplicate) marks every header cell of that name.
                foreach (var column in error.Row == _headerRow ? columns : columns.Take(1)) marks[column] = Unknown;
            }
            _toWrite.UnionWith(_messages.Keys);
            _toWrite.UnionWith(_marks.Keys);
            _toWrite.Add(_headerRow);

            Scan();
            _errorColumn = _previous ?? _maxColumn + 1;
            foreach (var marks in _marks.Values)
                foreach (var column in marks.Keys.ToList())
                {
                    var style = marks[column] == Unknown ? ColumnStyle(column) ?? 0 : marks[column];
                    marks[column] = _styles.Mark(Unmarked(style) ?? 0);
                }
            _headerStyle = _styles.ErrorHeader(_headerCells.Where(c => c.Column < _errorColumn).Select(c => Unmarked(c.Style) ?? 0).LastOrDefault());
            _messageStyle = _messages.Keys.Any(r => r != _headerRow) ? _styles.ErrorMessage() : 0;
        }

        private XmlReader OpenSheet() => _package.OpenXml(_sheet.Entry, XlsxPackage.MaxSheetBytes);

        /// The format a cell keeps once an earlier copy's marks are undone (only when the file is such a copy).
        private uint? Unmarked(uint style)
        {
            if (_previous is null) return style;
            if (!_unmarked.TryGetValue(style, out var unmarked)) _unmarked[style] = unmarked = _styles.Unmarked(style);
            return unmarked;
        }

        private uint? ColumnStyle(int column) =>
            _cols.FirstOrDefault(c => c.Min <= column + 1 && column + 1 <= c.Max && c.Style is not null)?.Style;

        private Stylesheet ReadStylesheet()
        {
            if (_package.StylesEntry is not { } entry) return new Stylesheet();
            // Every node through the checked reader first: the SDK parses the text without our limits.
            using (var x = _package.OpenXml(entry, XlsxPackage.MaxOtherPartBytes))
                while (XlsxPackage.Read(x)) { }
            using var reader = new StreamReader(_package.OpenPart(entry, XlsxPackage.MaxOtherPartBytes));
            var xml = reader.ReadToEnd().TrimStart();
            if (xml.StartsWith("<?xml", StringComparison.Ordinal)) xml = xml[(xml.IndexOf("?>", StringComparison.Ordinal) + 2)..].TrimStart();
            return new Stylesheet(xml);
        }

        /// The header row's cells (texts, formats): the columns errors name, and whether this is an earlier copy.
        private void ReadHeaderRow()
        {
            var cells = new List<(int Column, string? Type, string? Value, string? Inline)>();
            using (var x = OpenSheet())
            {
                var last = 0;
                XlsxPackage.Read(x);
                while (x.ReadState == ReadState.Interactive)
                {
                    if (x.NodeType != XmlNodeType.Element || x.LocalName != "row") { XlsxPackage.Read(x); continue; }
                    var number = XlsxPackage.RowNumber(x.GetAttribute("r"), last, _sheet.Name);
                    last = number;
                    if (number > _headerRow) break;
                    if (number < _headerRow || x.IsEmptyElement) { XlsxPackage.SkipElement(x); continue; }
                    var depth = x.Depth;
                    var column = -1;
                    XlsxPackage.Read(x);
                    while (!(x.NodeType == XmlNodeType.EndElement && x.Depth == depth))
                    {
                        if (x.NodeType != XmlNodeType.Element) { XlsxPackage.Read(x); continue; }
                        if (x.LocalName != "c") { XlsxPackage.SkipElement(x); continue; }
                        column = XlsxPackage.CellColumn(x.GetAttribute("r"), column, number, _sheet.Name);
                        var (type, style) = (x.GetAttribute("t"), StyleOf(x));
                        var (value, inline) = XlsxPackage.CellContent(x, new XlsxPlace(_sheet.Name, column, number));
                        cells.Add((column, type, value, inline));
                        _headerCells.Add((column, style ?? 0));
                    }
                    break;
                }
            }

            // Only the shared strings the header uses are kept.
            var wanted = cells.Where(c => c.Type == "s").Select(c => int.TryParse(c.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1)
                .Where(i => i >= 0).ToHashSet();
            var shared = new Dictionary<int, string>();
            if (wanted.Count > 0)
            {
                var index = 0;
                var lastWanted = wanted.Max();
                foreach (var text in _package.SharedStrings())
                {
                    if (wanted.Contains(index)) shared[index] = text;
                    if (++index > lastWanted) break;
                }
            }
            foreach (var (column, type, value, inline) in cells)
            {
                var text = type == "s"
                    ? int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? shared.GetValueOrDefault(i, "") : ""
                    : XlsxCells.CellText(type, value, inline, 0, [], [], false);
                var folded = VietnameseText.Fold(text);
                if (folded.Length == 0) continue;
                if (folded == "loi" || folded.StartsWith("loi:", StringComparison.Ordinal)) { _previous ??= column; continue; }
                if (!_headerColumns.TryGetValue(folded, out var list)) _headerColumns[folded] = list = [];
                list.Add(column);
            }
        }

        private static uint? StyleOf(XmlReader x) =>
            uint.TryParse(x.GetAttribute("s"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : null;

        /// The first pass: the sheet's &lt;col&gt; ranges, its last row and column, and the format of each cell to mark:
        /// its own, else its row's (customFormat), else its column's, else 0.
        private void Scan()
        {
            using var x = OpenSheet();
            var last = 0;
            XlsxPackage.Read(x);
            while (x.ReadState == ReadState.Interactive)
            {
                if (x.NodeType == XmlNodeType.Element && x.LocalName == "cols" && x.Depth == 1) { ReadCols(x); continue; }
                if (x.NodeType != XmlNodeType.Element || x.LocalName != "row") { XlsxPackage.Read(x); continue; }
                var number = XlsxPackage.RowNumber(x.GetAttribute("r"), last, _sheet.Name);
                last = number;
                var rowStyle = x.GetAttribute("customFormat") is "1" or "true" ? StyleOf(x) : null;
                var marks = _marks.GetValueOrDefault(number);
                if (x.IsEmptyElement) XlsxPackage.Read(x);
                else
                {
                    var depth = x.Depth;
                    var column = -1;
                    XlsxPackage.Read(x);
                    while (!(x.NodeType == XmlNodeType.EndElement && x.Depth == depth))
                    {
                        if (x.NodeType != XmlNodeType.Element) { XlsxPackage.Read(x); continue; }
                        if (x.LocalName == "c")
                        {
                            column = XlsxPackage.CellColumn(x.GetAttribute("r"), column, number, _sheet.Name);
                            _maxColumn = Math.Max(_maxColumn, column);
                            if (marks is not null && marks.ContainsKey(column) && StyleOf(x) is { } own) marks[column] = own;
                        }
                        XlsxPackage.SkipElement(x);
                    }
                    XlsxPackage.Read(x);
                }
                if (marks is not null)
                    foreach (var column in marks.Keys.Where(c => marks[c] == Unknown).ToList())
                        marks[column] = rowStyle ?? ColumnStyle(column) ?? 0;
            }
            _maxRow = last;
        }

        private void ReadCols(XmlReader x)
        {
            if (x.IsEmptyElement) { XlsxPackage.Read(x); return; }
            var depth = x.Depth;
            XlsxPackage.Read(x);
            while (!(x.NodeType == XmlNodeType.EndElement && x.Depth == depth))
            {
                if (x.NodeType != XmlNodeType.Element || x.LocalName != "col") { XlsxPackage.Read(x); continue; }
                if (_cols.Count == XlsxCells.MaxColumns)
                    throw XlsxPackage.Corrupt($"trang «{_sheet.Name}» có hơn {VnFormat.Number(XlsxCells.MaxColumns)} khai báo cột (col)");
                uint min = 0, max = 0;
                var attributes = new List<(string, string, string, string)>();
                while (x.MoveToNextAttribute())
                {
                    if (x.NamespaceURI.Length == 0 && x.LocalName == "min") uint.TryParse(x.Value, NumberStyles.None, CultureInfo.InvariantCulture, out min);
                    else if (x.NamespaceURI.Length == 0 && x.LocalName == "max") uint.TryParse(x.Value, NumberStyles.None, CultureInfo.InvariantCulture, out max);
                    else attributes.Add((x.Prefix, x.LocalName, x.NamespaceURI, x.Value));
                }
                x.MoveToElement();
                _cols.Add(new Col(min, max, attributes));
                XlsxPackage.SkipElement(x);
            }
            XlsxPackage.Read(x);
        }

        public void Write(Stream output)
        {
            var stylesXml = _styles.Xml();
            var workbookRels = XlsxPackage.RelationshipsEntry(_package.WorkbookEntry);
            var newStyles = _package.StylesEntry is null ? NewStylesEntry() : null;
            using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
            foreach (var entry in _package.Entries)
            {
                var name = entry.FullName.Replace('\\', '/');
                if (!_package.IsFirst(entry)) continue;
                if (name == _sheet.Entry) WriteXml(zip, name, CompressionLevel.Fastest, WriteSheet);
                else if (name == _package.StylesEntry) WriteText(zip, name, stylesXml);
                else if (newStyles is not null && name.Equals("[Content_Types].xml", StringComparison.OrdinalIgnoreCase))
                    WriteXml(zip, name, CompressionLevel.Optimal, w => CopyAppending(name, w, "Override",
                        [("PartName", "/" + newStyles), ("ContentType", StylesContentType)]));
                else if (newStyles is not null && name == workbookRels)
                    WriteXml(zip, name, CompressionLevel.Optimal, w => CopyAppending(name, w, "Relationship",
                        [("Id", NewRelationshipId(name)), ("Type", StylesType), ("Target", newStyles[(newStyles.LastIndexOf('/') + 1)..])]));
                else
                {
                    var copy = zip.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                    using var to = copy.Open();
                    using var from = _package.OpenPart(name, XlsxPackage.MaxSheetBytes, xml: false);
                    from.CopyTo(to);
                }
            }
            if (newStyles is not null) WriteText(zip, newStyles, stylesXml);
        }

        /// A workbook without a stylesheet gets one beside its workbook part.
        private string NewStylesEntry()
        {
            var folder = _package.WorkbookEntry[..(_package.WorkbookEntry.LastIndexOf('/') + 1)];
            var name = folder + "styles.xml";
            for (var n = 1; _package.Contains(name); n++) name = folder + $"styles{n}.xml";
            return name;
        }

        private string NewRelationshipId(string relsEntry)
        {
            var ids = new HashSet<string>();
            using (var x = _package.OpenXml(relsEntry, XlsxPackage.MaxOtherPartBytes))
                while (XlsxPackage.Read(x))
                    if (x.NodeType == XmlNodeType.Element && x.GetAttribute("Id") is { } id) ids.Add(id);
            var result = "rIdStyles";
            for (var n = 1; ids.Contains(result); n++) result = $"rIdStyles{n}";
            return result;
        }

        private static void WriteText(ZipArchive zip, string name, string text)
        {
            using var w = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
            w.Write(text);
        }

        private static void WriteXml(ZipArchive zip, string name, CompressionLevel level, Action<XmlWriter> write)
        {
            using var stream = zip.CreateEntry(name, level).Open();
            using var w = XmlWriter.Create(stream, WriterSettings);
            w.WriteStartDocument(true);
            write(w);
            w.WriteEndDocument();
        }

        /// A small part copied node by node, with one element added at the end of its root.
        private void CopyAppending(string entry, XmlWriter w, string element, (string Name, string Value)[] attributes)
        {
            using var x = _package.OpenXml(entry, XlsxPackage.MaxOtherPartBytes);
            XlsxPackage.Read(x);
            while (x.ReadState == ReadState.Interactive)
            {
                if (x.NodeType == XmlNodeType.EndElement && x.Depth == 0)
                {
                    w.WriteStartElement(x.Prefix, element, x.NamespaceURI);
                    foreach (var (name, value) in attributes) w.WriteAttributeString(name, value);
                    w.WriteEndElement();
                }
                Shallow(x, w);
                XlsxPackage.Read(x);
            }
        }

        /// The second pass: the sheet as it was, with the dimension, the «Lỗi» column's width, the marks and the
        /// messages; and, when the file is an earlier copy, its old messages and marks gone.
        private void WriteSheet(XmlWriter w)
        {
            using var x = OpenSheet();
            var colsWritten = false;
            var dataWritten = false;
            XlsxPackage.Read(x);
            while (x.ReadState == ReadState.Interactive)
            {
                if (x.NodeType == XmlNodeType.Element && x.Depth == 0) (_prefix, _ns) = (x.Prefix, x.NamespaceURI);
                if (x.NodeType == XmlNodeType.Element && x.Depth == 1)
                {
                    switch (x.LocalName)
                    {
                        case "dimension":
                            var lastRow = Math.Max(_maxRow, _toWrite.Count == 0 ? 1 : _toWrite.Max);
                            w.WriteStartElement(x.Prefix, "dimension", x.NamespaceURI);
                            w.WriteAttributeString("ref", "A1:" + XlsxCells.Reference(Math.Max(_errorColumn, _maxColumn), lastRow));
                            w.WriteEndElement();
                            XlsxPackage.SkipElement(x);
                            continue;
                        case "cols":
                            WriteCols(w);
                            colsWritten = true;
                            XlsxPackage.SkipElement(x);
                            continue;
                        case "sheetData":
                            if (!colsWritten) WriteCols(w);
                            colsWritten = dataWritten = true;
                            WriteSheetData(x, w);
                            continue;
                    }
                    CopyElement(x, w);
                    continue;
                }
                if (x.NodeType == XmlNodeType.EndElement && x.Depth == 0 && !dataWritten)
                {
                    if (!colsWritten) WriteCols(w);
                    w.WriteStartElement(_prefix, "sheetData", _ns);
                    WriteRowsBefore(w, int.MaxValue);
                    w.WriteEndElement();
                }
                Shallow(x, w);
                XlsxPackage.Read(x);
            }
        }

        /// The «Lỗi» column <see cref="ErrorColumnWidth"/> characters wide, carved out of any &lt;col&gt; range that covers it.
        private void WriteCols(XmlWriter w)
        {
            var n = (uint)_errorColumn + 1;
            var cols = new List<Col>();
            foreach (var col in _cols)
            {
                if (n < col.Min || n > col.Max) { cols.Add(col); continue; }
                if (col.Min < n) cols.Add(col with { Max = n - 1 });
                if (n < col.Max) cols.Add(col with { Min = n + 1 });
            }
            cols.Add(new Col(n, n, [("", "width", "", ErrorColumnWidth.ToString(CultureInfo.InvariantCulture)), ("", "customWidth", "", "1")]));
            w.WriteStartElement(_prefix, "cols", _ns);
            foreach (var col in cols.OrderBy(c => c.Min))
            {
                w.WriteStartElement(_prefix, "col", _ns);
                w.WriteAttributeString("min", col.Min.ToString(CultureInfo.InvariantCulture));
                w.WriteAttributeString("max", col.Max.ToString(CultureInfo.InvariantCulture));
                foreach (var (prefix, name, ns, value) in col.Attributes) w.WriteAttributeString(prefix, name, ns, value);
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }

        private void WriteSheetData(XmlReader x, XmlWriter w)
        {
            var empty = x.IsEmptyElement;
            var depth = x.Depth;
            w.WriteStartElement(x.Prefix, x.LocalName, x.NamespaceURI);
            w.WriteAttributes(x, true);
            XlsxPackage.Read(x);
            var last = 0;
            while (!empty && !(x.NodeType == XmlNodeType.EndElement && x.Depth == depth))
            {
                if (x.NodeType != XmlNodeType.Element) { Shallow(x, w); XlsxPackage.Read(x); continue; }
                if (x.LocalName != "row") { CopyElement(x, w); continue; }
                var number = XlsxPackage.RowNumber(x.GetAttribute("r"), last, _sheet.Name);
                last = number;
                WriteRowsBefore(w, number);
                if (_previous is null && !_toWrite.Contains(number)) CopyElement(x, w);
                else WriteRow(x, w, number);
                _toWrite.Remove(number);
            }
            WriteRowsBefore(w, int.MaxValue);
            w.WriteFullEndElement();
            if (!empty) XlsxPackage.Read(x);
        }

        /// The rows to write that the sheet does not have, up to (not with) <paramref name="number"/>.
        private void WriteRowsBefore(XmlWriter w, int number)
        {
            while (_toWrite.Count > 0 && _toWrite.Min < number)
            {
                var row = _toWrite.Min;
                _toWrite.Remove(row);
                w.WriteStartElement(_prefix, "row", _ns);
                w.WriteAttributeString("r", row.ToString(CultureInfo.InvariantCulture));
                if (Height(row, null) is { } height) WriteHeight(w, height);
                WriteNewCells(w, row, NewCells(row), int.MaxValue);
                w.WriteEndElement();
            }
        }

        /// The cells this copy puts in a row, by column: a mark (its format) or the «Lỗi» text.
        private SortedDictionary<int, (uint Style, string? Text)> NewCells(int row)
        {
            var cells = new SortedDictionary<int, (uint, string?)>();
            if (_marks.TryGetValue(row, out var marks))
                foreach (var (column, style) in marks) cells[column] = (style, null);
            if (ErrorText(row) is { } text) cells[_errorColumn] = (row == _headerRow ? _headerStyle : _messageStyle, text);
            return cells;
        }

        private string? ErrorText(int row)
        {
            var messages = _messages.GetValueOrDefault(row);
            if (row == _headerRow) return messages is null ? ErrorHeader : ErrorHeader + ": " + string.Join("; ", messages);
            return messages is null ? null : string.Join("; ", messages);
        }

        /// The messages wrap in a column of <see cref="ErrorColumnWidth"/> characters. Spreadsheet programs do not
        /// always re-fit row heights on opening, so the row gets the height of the lines it needs (never lower).
        private double? Height(int row, double? current)
        {
            if (ErrorText(row) is not { } text) return null;
            var lines = Math.Max(1, (int)Math.Ceiling(text.Length / (ErrorColumnWidth * 1.05)));
            if (lines == 1) return null;
            var height = Math.Round(lines * _styles.LineHeight, 1);
            return current >= height ? null : height;
        }

        private static void WriteHeight(XmlWriter w, double height)
        {
            w.WriteAttributeString("ht", height.ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("customHeight", "1");
        }

        /// A row of the sheet with its cells: marked cells get their marked format, the «Lỗi» cell its text, missing
        /// ones are created in column order; an earlier copy's «Lỗi» cell goes and its marks are undone.
        private void WriteRow(XmlReader x, XmlWriter w, int number)
        {
            var cells = NewCells(number);
            var height = Height(number, double.TryParse(x.GetAttribute("ht"), NumberStyles.Float, CultureInfo.InvariantCulture, out var ht) ? ht : null);
            w.WriteStartElement(x.Prefix, x.LocalName, x.NamespaceURI);
            w.WriteAttributeString("r", number.ToString(CultureInfo.InvariantCulture));
            // A row's "spans" is only an optimisation hint; a wrong one is worse than none.
            CopyAttributes(x, w, name => name is "r" or "spans" || (height is not null && name is "ht" or "customHeight"));
            if (height is { } h) WriteHeight(w, h);
            var empty = x.IsEmptyElement;
            var depth = x.Depth;
            XlsxPackage.Read(x);
            var column = -1;
            while (!empty && !(x.NodeType == XmlNodeType.EndElement && x.Depth == depth))
            {
                if (x.NodeType != XmlNodeType.Element) { Shallow(x, w); XlsxPackage.Read(x); continue; }
                if (x.LocalName != "c")
                {
                    WriteNewCells(w, number, cells, int.MaxValue);
                    CopyElement(x, w);
                    continue;
                }
                column = XlsxPackage.CellColumn(x.GetAttribute("r"), column, number, _sheet.Name);
                WriteNewCells(w, number, cells, column);
                if (column == _previous) { XlsxPackage.SkipElement(x); continue; }
                if (cells.Remove(column, out var mine))
                {
                    if (mine.Text is not null) { XlsxPackage.SkipElement(x); WriteNewCell(w, number, column, mine); }
                    else WriteCell(x, w, number, column, mine.Style, restyle: true);
                }
                else
                {
                    var own = StyleOf(x);
                    WriteCell(x, w, number, column, own is { } s ? Unmarked(s) : null, restyle: _previous is not null && own is not null);
                }
            }
            WriteNewCells(w, number, cells, int.MaxValue);
            w.WriteFullEndElement();
            if (!empty) XlsxPackage.Read(x);
        }

        /// Writes (and removes) the new cells before <paramref name="column"/>.
        private void WriteNewCells(XmlWriter w, int row, SortedDictionary<int, (uint Style, string? Text)> cells, int column)
        {
            while (cells.Count > 0 && cells.First() is { Key: var c } first && c < column)
            {
                cells.Remove(c);
                WriteNewCell(w, row, c, first.Value);
            }
        }

        private void WriteNewCell(XmlWriter w, int row, int column, (uint Style, string? Text) cell)
        {
            w.WriteStartElement(_prefix, "c", _ns);
            w.WriteAttributeString("r", XlsxCells.Reference(column, row));
            w.WriteAttributeString("s", cell.Style.ToString(CultureInfo.InvariantCulture));
            if (cell.Text is { } text)
            {
                w.WriteAttributeString("t", "inlineStr");
                w.WriteStartElement(_prefix, "is", _ns);
                w.WriteStartElement(_prefix, "t", _ns);
                if (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])))
                    w.WriteAttributeString("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve");
                w.WriteString(text);
                w.WriteEndElement();
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }

        /// A cell of the sheet as it was, with its reference written out and, with <paramref name="restyle"/>, the
        /// format <paramref name="style"/> (none when null).
        private static void WriteCell(XmlReader x, XmlWriter w, int row, int column, uint? style, bool restyle)
        {
            w.WriteStartElement(x.Prefix, x.LocalName, x.NamespaceURI);
            w.WriteAttributeString("r", XlsxCells.Reference(column, row));
            CopyAttributes(x, w, name => name == "r" || (restyle && name == "s"));
            if (restyle && style is { } s) w.WriteAttributeString("s", s.ToString(CultureInfo.InvariantCulture));
            if (x.IsEmptyElement) { w.WriteEndElement(); XlsxPackage.Read(x); return; }
            var depth = x.Depth;
            XlsxPackage.Read(x);
            while (!(x.NodeType == XmlNodeType.EndElement && x.Depth == depth))
            {
                if (x.NodeType == XmlNodeType.Element) CopyElement(x, w);
                else { Shallow(x, w); XlsxPackage.Read(x); }
            }
            w.WriteFullEndElement();
            XlsxPackage.Read(x);
        }

        private static void CopyAttributes(XmlReader x, XmlWriter w, Func<string, bool> skip)
        {
            if (!x.MoveToFirstAttribute()) return;
            do
            {
                if (x.NamespaceURI.Length == 0 && skip(x.LocalName)) continue;
                w.WriteAttributeString(x.Prefix, x.LocalName, x.NamespaceURI, x.Value);
            } while (x.MoveToNextAttribute());
            x.MoveToElement();
        }

        /// An element and everything in it, node by node through the checked reader; the reader ends past it.
        private static void CopyElement(XmlReader x, XmlWriter w)
        {
            var depth = x.Depth;
            var empty = x.IsEmptyElement;
            Shallow(x, w);
            XlsxPackage.Read(x);
            if (empty) return;
            while (x.ReadState == ReadState.Interactive)
            {
                Shallow(x, w);
                var end = x.NodeType == XmlNodeType.EndElement && x.Depth == depth;
                XlsxPackage.Read(x);
                if (end) return;
            }
        }

        /// The current node alone (an element's start with its attributes, closed when empty).
        private static void Shallow(XmlReader x, XmlWriter w)
        {
            switch (x.NodeType)
            {
                case XmlNodeType.Element:
                    w.WriteStartElement(x.Prefix, x.LocalName, x.NamespaceURI);
                    w.WriteAttributes(x, true);
                    if (x.IsEmptyElement) w.WriteEndElement();
                    break;
                case XmlNodeType.EndElement:
                    w.WriteFullEndElement();
                    break;
                case XmlNodeType.Text:
                    w.WriteString(x.Value);
                    break;
                case XmlNodeType.CDATA:
                    w.WriteCData(x.Value);
                    break;
                case XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    w.WriteWhitespace(x.Value);
                    break;
            }
        }
    }

    /// The workbook's stylesheet (created if missing) and the formats this copy adds to it.
    private sealed class Styles
    {
        private readonly Stylesheet _stylesheet;
        private readonly CellFormats _cellFormats;
        private readonly Dictionary<uint, uint> _marked = [];
        private uint? _errorFill;
        private uint? _errorFont;
        private uint? _messageFormat;

        public Styles(Stylesheet stylesheet)
        {
            _stylesheet = stylesheet;
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

        /// A copy of <paramref name="baseStyle"/> with the error fill.
        public uint Mark(uint baseStyle)
        {
            if (Format(baseStyle).FillId?.Value == ErrorFill()) return baseStyle;
            if (!_marked.TryGetValue(baseStyle, out var marked))
            {
                var copy = (CellFormat)Format(baseStyle).CloneNode(true);
                copy.FillId = ErrorFill();
                copy.ApplyFill = true;
                _marked[baseStyle] = marked = Append(copy);
            }
            return marked;
        }

        /// Undoes <see cref="Mark"/> of an earlier copy: the same format without the error fill (null: none, the
        /// cell goes back to the default); a format without the error fill stays.
        public uint? Unmarked(uint s)
        {
            if (_stylesheet.Fills is null) return s;
            var fills = _stylesheet.Fills.Elements<Fill>().ToList();
            var format = Format(s);
            var fillId = (int)(format.FillId?.Value ?? 0);
            if (fillId >= fills.Count || !IsErrorFill(fills[fillId])) return s;
            var formats = _cellFormats.Elements<CellFormat>().ToList();
            var original = formats.FindIndex(f => f.FillId?.Value is { } id && id < fills.Count && !IsErrorFill(fills[(int)id])
                                                   && SameExceptFill(f, format));
            return original >= 0 ? (uint)original : null;
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

        /// The stylesheet part's XML, with its counts brought up to date.
        public string Xml()
        {
            var s = _stylesheet;
            s.Fonts!.Count = (uint)s.Fonts.Elements<Font>().Count();
            s.Fills!.Count = (uint)s.Fills.Elements<Fill>().Count();
            s.Borders!.Count = (uint)s.Borders.Elements<Border>().Count();
            s.CellStyleFormats!.Count = (uint)s.CellStyleFormats.Elements<CellFormat>().Count();
            _cellFormats.Count = (uint)_cellFormats.Elements<CellFormat>().Count();
            s.CellStyles!.Count = (uint)s.CellStyles.Elements<CellStyle>().Count();
            return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n" + s.OuterXml;
        }
    }
}
