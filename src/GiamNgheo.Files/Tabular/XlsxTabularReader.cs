using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace GiamNgheo.Files.Tabular;

/// The first worksheet of an XLSX workbook, read SAX-style with <see cref="OpenXmlReader"/>: one row's
/// elements in memory at a time (plus the shared strings table and the cell formats).
internal sealed class XlsxTabularReader : TabularReader
{
    private const string Unreadable = "Không đọc được tệp Excel. Hãy lưu lại tệp dưới dạng «Sổ làm việc Excel (.xlsx)» rồi tải lên lại.";

    private readonly Stream? _tempFile;
    private readonly SpreadsheetDocument _document;
    private readonly OpenXmlReader _reader;
    private readonly List<string> _sharedStrings;
    private readonly bool[] _dateStyles;
    private readonly bool _date1904;
    private readonly string[] _headers = [];
    private (int Number, string[] Cells)? _pending;
    private bool _more;
    private int _lastRow;
    private readonly List<(int Column, string Text)> _values = [];

    public XlsxTabularReader(Stream stream)
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
            _document = SpreadsheetDocument.Open(stream, false);
            var workbookPart = _document.WorkbookPart ?? throw new TabularFileException(Unreadable);
            var (sheet, _) = XlsxCells.FirstWorksheet(workbookPart)
                ?? throw new TabularFileException("Tệp Excel không có trang tính nào.");
            _date1904 = workbookPart.Workbook?.WorkbookProperties?.Date1904?.Value ?? false;
            _sharedStrings = XlsxCells.ReadSharedStrings(workbookPart);
            _dateStyles = XlsxCells.DateStyles(workbookPart);
            _reader = OpenXmlReader.Create(sheet);
            _more = _reader.Read();
            if (NextRow() is { } first)
            {
                if (first.Number == 1) _headers = first.Cells;
                else _pending = first;
            }
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or IOException
                                      or System.Xml.XmlException)
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

    protected override IEnumerable<(int RowNumber, string[] Cells)> ReadRows()
    {
        if (_pending is { } pending)
        {
            _pending = null;
            if (!AllEmpty(pending.Cells)) yield return (pending.Number, Pad(pending.Cells));
        }
        while (SafeNextRow() is { } row)
            if (!AllEmpty(row.Cells)) yield return (row.Number, Pad(row.Cells));
    }

    private (int Number, string[] Cells)? SafeNextRow()
    {
        try { return NextRow(); }
        catch (Exception e) when (e is InvalidDataException or System.Xml.XmlException or IOException)
        {
            throw new TabularFileException(Unreadable, e);
        }
    }

    /// Moves to the next &lt;row&gt; and reads its cells from the reader's events: no element is loaded.
    private (int Number, string[] Cells)? NextRow()
    {
        while (_more)
        {
            if (_reader.IsStartElement && _reader.ElementType == typeof(Row))
            {
                var number = _lastRow + 1;
                foreach (var a in _reader.Attributes)
                    if (a.LocalName == "r" && int.TryParse(a.Value, out var r)) number = r;
                _lastRow = number;
                return (number, ReadCells());
            }
            _more = _reader.Read();
        }
        return null;
    }

    /// From a &lt;row&gt; start to its end: each &lt;c&gt; with its r, t, s attributes, its &lt;v&gt;, and the
    /// &lt;t&gt; of an inline string (not of phonetic hints).
    private string[] ReadCells()
    {
        _values.Clear();
        var column = -1;
        var width = 0;
        string? dataType = null, value = null;
        uint style = 0;
        StringBuilder? inline = null;
        var phonetic = 0;
        var rowEnded = false;
        while (!rowEnded && (_more = _reader.Read()))
        {
            var type = _reader.ElementType;
            if (_reader.IsStartElement)
            {
                if (type == typeof(Cell))
                {
                    string? reference = null;
                    dataType = null;
                    style = 0;
                    foreach (var a in _reader.Attributes)
                        switch (a.LocalName)
                        {
                            case "r": reference = a.Value; break;
                            case "t": dataType = a.Value; break;
                            case "s": style = uint.TryParse(a.Value, out var si) ? si : 0; break;
                        }
                    column = reference is not null ? XlsxCells.ParseReference(reference).Column : column + 1;
                    value = null;
                    inline = null;
                }
                else if (type == typeof(CellValue)) value = _reader.GetText();
                else if (type == typeof(PhoneticRun)) phonetic++;
                else if (type == typeof(Text) && phonetic == 0) (inline ??= new StringBuilder()).Append(_reader.GetText());
            }
            else if (_reader.IsEndElement)
            {
                if (type == typeof(PhoneticRun)) phonetic--;
                else if (type == typeof(Cell))
                {
                    if (column < 0) continue;
                    var text = XlsxCells.CellText(dataType, value, inline?.ToString(), style,
                        _sharedStrings, _dateStyles, _date1904);
                    _values.Add((column, text));
                    width = Math.Max(width, column + 1);
                }
                else if (type == typeof(Row)) rowEnded = true;
            }
        }
        var cells = new string[width];
        Array.Fill(cells, "");
        foreach (var (c, text) in _values) cells[c] = text;
        return cells;
    }

    private void Cleanup()
    {
        _reader?.Dispose();
        _document?.Dispose();
        _tempFile?.Dispose();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Cleanup();
    }
}
