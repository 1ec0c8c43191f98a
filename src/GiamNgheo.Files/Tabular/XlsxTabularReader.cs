using System.Globalization;
using System.Xml;
using GiamNgheo.Domain.Common;

namespace GiamNgheo.Files.Tabular;

/// A worksheet of an XLSX workbook, streamed with an XmlReader over the bounded parts of <see cref="XlsxPackage"/>:
/// one row in memory at a time (plus the shared strings and the cell formats). Without known headers: the first
/// sheet, row 1 the header. With them: the first sheet that has a header row among its first rows.
internal sealed class XlsxTabularReader : TabularReader
{
    private const string Unreadable = "Không đọc được tệp Excel. Hãy lưu lại tệp dưới dạng «Sổ làm việc Excel (.xlsx)» rồi tải lên lại.";

    private readonly Stream? _tempFile;
    private readonly XlsxPackage? _package;
    private readonly List<string> _sharedStrings = [];
    private readonly bool[] _dateStyles = [];
    private readonly bool _date1904;
    private readonly Sheet? _sheet;
    private readonly string[] _headers = [];
    private readonly Queue<(int Number, string[] Cells)> _pending = new();
    private readonly TabularLayout _layout = new(FileFormat.Xlsx, null, true, 1);
    private long _cells;

    public XlsxTabularReader(Stream stream, IReadOnlyCollection<string>? knownHeaders)
    {
        if (!stream.CanSeek)
        {
            _tempFile = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None,
                1 << 16, FileOptions.DeleteOnClose);
            stream.CopyTo(_tempFile);
            _tempFile.Position = 0;
            stream = _tempFile;
        }
        try
        {
            _package = new XlsxPackage(stream);
            var sheets = _package.Sheets;
            if (sheets.Count == 0) throw new TabularFileException("Tệp Excel không có trang tính nào.");
            _date1904 = _package.Date1904;
            _sharedStrings.AddRange(_package.SharedStrings());
            _dateStyles = _package.DateStyles();
            if (knownHeaders is null)
            {
                _sheet = new Sheet(this, sheets[0]);
                _layout = _layout with { Sheet = sheets[0].Name };
                if (_sheet.Next() is { } first)
                {
                    if (first.Number == 1) _headers = first.Cells;
                    else _pending.Enqueue(first);
                }
                return;
            }
            var known = Folded(knownHeaders);
            for (var s = 0; s < sheets.Count && _sheet is null; s++)
            {
                var sheet = new Sheet(this, sheets[s]);
                var rows = new List<(int Number, string[] Cells)>();
                while (rows.Count < HeaderSearchRows && sheet.Next() is { } row)
                    if (!AllEmpty(row.Cells)) rows.Add(row);
                var scores = rows.Select(r => Matches(r.Cells, known)).ToList();
                var best = scores.Count == 0 ? -1 : scores.IndexOf(scores.Max());
                if (best < 0 || scores[best] < MinHeaderMatches)
                {
                    sheet.Dispose();
                    continue;
                }
                _sheet = sheet;
                _headers = rows[best].Cells;
                foreach (var row in rows.Skip(best + 1)) _pending.Enqueue(row);
                _layout = new TabularLayout(FileFormat.Xlsx, sheets[s].Name, s == 0, rows[best].Number);
            }
            if (_sheet is null)
                throw NoHeader((sheets.Count == 1 ? "trang " : "các trang ") + string.Join(", ", sheets.Select(s => $"«{s.Name}»")), knownHeaders);
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or IOException or NotSupportedException)
        {
            Cleanup();
            throw new TabularFileException(Unreadable, e);
        }
        catch
        {
            Cleanup();
            throw;
        }
    }

    public override IReadOnlyList<string> Headers => _headers;

    public override TabularLayout Layout => _layout;

    protected override IEnumerable<TabularRow> ReadRows()
    {
        while (_pending.TryDequeue(out var pending))
            if (!AllEmpty(pending.Cells)) yield return Row(pending.Number, pending.Cells);
        while (SafeNext() is { } row)
            if (!AllEmpty(row.Cells)) yield return Row(row.Number, row.Cells);
    }

    private (int Number, string[] Cells)? SafeNext()
    {
        try { return _sheet!.Next(); }
        catch (Exception e) when (e is InvalidDataException or XmlException or IOException or NotSupportedException)
        {
            throw new TabularFileException(Unreadable, e);
        }
    }

    private void Cleanup()
    {
        _sheet?.Dispose();
        _package?.Dispose();
        _tempFile?.Dispose();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Cleanup();
    }

    /// The rows of one sheet, in order, each checked: row numbers rising within Excel's rows, cell references valid
    /// and in their row, at most <see cref="XlsxCells.MaxColumns"/> cells a row, <see cref="XlsxPackage.MaxCells"/>
    /// in the file, shared strings that exist.
    private sealed class Sheet(XlsxTabularReader owner, XlsxSheet sheet) : IDisposable
    {
        private readonly XmlReader _x = owner._package!.OpenXml(sheet.Entry, XlsxPackage.MaxSheetBytes);
        private readonly List<(int Column, string Text)> _values = [];
        private int _lastRow;

        public (int Number, string[] Cells)? Next()
        {
            while (XlsxPackage.Read(_x))
            {
                if (_x.NodeType != XmlNodeType.Element || _x.LocalName != "row") continue;
                var number = XlsxPackage.RowNumber(_x.GetAttribute("r"), _lastRow, sheet.Name);
                _lastRow = number;
                return (number, ReadCells(number));
            }
            return null;
        }

        /// From a &lt;row&gt; start to past its end: each &lt;c&gt; with its r, t, s attributes, its &lt;v&gt; and its
        /// inline string.
        private string[] ReadCells(int number)
        {
            _values.Clear();
            if (_x.IsEmptyElement) return [];
            var depth = _x.Depth;
            var column = -1;
            var width = 0;
            var count = 0;
            XlsxPackage.Read(_x);
            while (!(_x.NodeType == XmlNodeType.EndElement && _x.Depth == depth))
            {
                if (_x.NodeType != XmlNodeType.Element) { if (!XlsxPackage.Read(_x)) break; continue; }
                if (_x.LocalName != "c") { XlsxPackage.SkipElement(_x); continue; }
                if (++count > XlsxCells.MaxColumns)
                    throw XlsxPackage.Corrupt($"trang «{sheet.Name}», dòng {number} có hơn {VnFormat.Number(XlsxCells.MaxColumns)} ô, số cột tối đa của Excel");
                if (++owner._cells > XlsxPackage.MaxCells)
                    throw XlsxPackage.TooLarge($"trang «{sheet.Name}» có hơn {VnFormat.Number(XlsxPackage.MaxCells)} ô", $"{VnFormat.Number(XlsxPackage.MaxCells)} ô");
                string? reference = null, type = null, style = null;
                while (_x.MoveToNextAttribute())
                {
                    if (_x.NamespaceURI.Length > 0) continue;
                    switch (_x.LocalName)
                    {
                        case "r": reference = _x.Value; break;
                        case "t": type = _x.Value; break;
                        case "s": style = _x.Value; break;
                    }
                }
                _x.MoveToElement();
                column = XlsxPackage.CellColumn(reference, column, number, sheet.Name);
                var text = ReadCell(new XlsxPlace(sheet.Name, column, number), type, style);
                if (text.Length == 0) continue;
                _values.Add((column, text));
                width = Math.Max(width, column + 1);
            }
            var cells = new string[width];
            foreach (var (c, text) in _values)
            {
                if (cells[c] is not null) throw XlsxPackage.Corrupt($"trang «{sheet.Name}»: ô {XlsxCells.Reference(c, number)} có hai lần");
                cells[c] = text;
            }
            for (var c = 0; c < width; c++) cells[c] ??= "";
            return cells;
        }

        /// One &lt;c&gt; (its t and s given), from its start to past its end.
        private string ReadCell(XlsxPlace where, string? type, string? styleText)
        {
            var style = uint.TryParse(styleText, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
            var (value, inline) = XlsxPackage.CellContent(_x, where);
            if (type == "s" && !string.IsNullOrEmpty(value)
                && !(int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < owner._sharedStrings.Count))
                throw XlsxPackage.Corrupt($"{where} dùng chuỗi dùng chung số «{XlsxPackage.Shorten(value)}», mà tệp chỉ có {VnFormat.Number(owner._sharedStrings.Count)} chuỗi");
            return XlsxCells.CellText(type, value, inline, style, owner._sharedStrings, owner._dateStyles, owner._date1904);
        }

        public void Dispose() => _x.Dispose();
    }
}
