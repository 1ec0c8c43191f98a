using System.Globalization;
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
public static partial class XlsxErrorCopy
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

    /// One annotated copy: its state and the first pass over the sheet (here), the second pass that writes the copy
    /// (XlsxErrorCopy.Write.cs), the stylesheet's formats (XlsxErrorCopy.Styles.cs).
    private sealed partial class Annotation
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
    }
}
