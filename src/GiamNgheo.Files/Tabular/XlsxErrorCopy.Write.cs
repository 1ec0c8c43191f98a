using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace GiamNgheo.Files.Tabular;

public static partial class XlsxErrorCopy
{
    /// The second pass of the annotated copy: the workbook written with the marks and the messages.
    private sealed partial class Annotation
    {
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
}
