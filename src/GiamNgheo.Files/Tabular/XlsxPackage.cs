using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using GiamNgheo.Domain.Common;

namespace GiamNgheo.Files.Tabular;

/// A worksheet of the workbook, in tab order: its name and its zip entry.
internal sealed record XlsxSheet(string Name, string Entry);

/// Where a text is, named only when a message needs it: a cell of a sheet, or (no sheet) shared string number Row.
internal readonly record struct XlsxPlace(string? Sheet, int Column, int Row)
{
    public override string ToString() =>
        Sheet is null ? $"chuỗi dùng chung số {Row}" : $"ô {XlsxCells.Reference(Column, Row)} của trang «{Sheet}»";
}

/// An XLSX file read as what it is, a zip of XML parts, without trusting it: each part is inflated through a count
/// of the bytes it actually gives (.NET stops at the size the zip declares, but that may be anything up to zip64's),
/// no XML token may be longer than
/// <see cref="MaxTokenBytes"/>, elements may not nest deeper than <see cref="MaxXmlDepth"/> and DTDs are refused.
/// So reading a crafted file ends with a Vietnamese message, in bounded memory and time. (The OpenXML SDK is not
/// used to read: it inflates parts without a limit and loads the relationship parts whole.)
internal sealed class XlsxPackage : IDisposable
{
    // The limits. A province's exchange file (up to about 1,000,000 member rows × 35 columns) stays well below each.

    /// One worksheet part, uncompressed. Excel writes some 45 bytes a cell, about 1.5 GB for a million rows of
    /// 35 columns. Bounds the time a crafted sheet can take (memory does not grow with it: the sheet is streamed).
    public const long MaxSheetBytes = 4L << 30;

    /// The shared strings part, uncompressed: a million members' names, ID numbers and addresses are about 2.6 million
    /// distinct strings, some 150 MB of XML.
    public const long MaxSharedStringsBytes = 1L << 30;

    /// Every other part (workbook, relationships, content types, styles) is kilobytes in a real file, a few MB in a
    /// badly bloated stylesheet; the error copy loads the stylesheet whole.
    public const long MaxOtherPartBytes = 32L << 20;

    /// Bytes between two '&lt;' or '&gt;' (one text, or one tag with its attributes). One cell holds at most 32,767
    /// characters, 128 KB as escaped UTF-8. Bounds what the XML reader holds for one node.
    public const int MaxTokenBytes = 1 << 20;

    /// Nesting of XML elements: a cell's text is 5 deep in its sheet. Bounds the XML reader's stack of open elements.
    public const int MaxXmlDepth = 32;

    /// Distinct shared strings, and their characters in all (held in memory: a cell names its string by number).
    /// A province file has about 2.6 million strings of 38 million characters.
    public const int MaxSharedStrings = 4_000_000;
    public const long MaxSharedStringChars = 100_000_000;

    /// Cells (&lt;c&gt; elements, formatted empty ones included) of one sheet: 35 million in a province file.
    public const long MaxCells = 100_000_000;

    /// Entries of the zip: a workbook has tens, with pictures hundreds.
    public const int MaxEntries = 10_000;

    private const string Repair = "Hãy mở tệp bằng Excel, lưu lại thành .xlsx («Sổ làm việc Excel») rồi tải lên lại.";

    private readonly ZipArchive _zip;
    private readonly Dictionary<string, ZipArchiveEntry> _entries = new(StringComparer.OrdinalIgnoreCase);

    public string WorkbookEntry { get; }
    public string? SharedStringsEntry { get; }
    public string? StylesEntry { get; }
    public bool Date1904 { get; }
    public IReadOnlyList<XlsxSheet> Sheets { get; }
    public IReadOnlyCollection<ZipArchiveEntry> Entries => _zip.Entries;

    /// The stream must seek (the zip's directory is at its end). It is not closed.
    public XlsxPackage(Stream stream)
    {
        try
        {
            _zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            if (_zip.Entries.Count > MaxEntries)
                throw TooLarge($"tệp nén có {VnFormat.Number(_zip.Entries.Count)} phần", $"{VnFormat.Number(MaxEntries)} phần");
            foreach (var entry in _zip.Entries) _entries.TryAdd(Name(entry), entry);

            var document = Relationships("", "_rels/.rels").FirstOrDefault(r => r.Type.EndsWith("/officeDocument", StringComparison.Ordinal));
            if (document is null || !_entries.ContainsKey(document.Target))
                throw new TabularFileException(_entries.ContainsKey("mimetype") && ReadSmall("mimetype").Contains("opendocument", StringComparison.Ordinal)
                    ? "Tệp là bảng tính OpenDocument (.ods), không phải .xlsx. Hãy mở tệp (bằng LibreOffice hoặc Excel) rồi lưu lại thành .xlsx («Sổ làm việc Excel»)."
                    : "Tệp nén (zip) này không phải sổ làm việc Excel (.xlsx). " + Repair);
            WorkbookEntry = document.Target;
            var parts = Relationships(WorkbookEntry, RelationshipsEntry(WorkbookEntry));
            SharedStringsEntry = parts.FirstOrDefault(r => r.Type.EndsWith("/sharedStrings", StringComparison.Ordinal) && _entries.ContainsKey(r.Target))?.Target;
            StylesEntry = parts.FirstOrDefault(r => r.Type.EndsWith("/styles", StringComparison.Ordinal) && _entries.ContainsKey(r.Target))?.Target;
            var worksheets = parts.Where(r => r.Type.EndsWith("/worksheet", StringComparison.Ordinal)).ToDictionary(r => r.Id, r => r.Target);
            (Date1904, Sheets) = ReadWorkbook(worksheets);
        }
        catch
        {
            _zip?.Dispose();
            throw;
        }
    }

    public bool Contains(string entry) => _entries.ContainsKey(entry);

    /// Whether the entry is the one its name stands for (a zip may repeat a name; the first counts).
    public bool IsFirst(ZipArchiveEntry entry) => _entries.TryGetValue(Name(entry), out var first) && ReferenceEquals(first, entry);

    private static string Name(ZipArchiveEntry entry) => entry.FullName.Replace('\\', '/');

    /// The part's bytes as inflated, counted, with at most <paramref name="maxBytes"/> of them; an XML part also with
    /// at most <see cref="MaxTokenBytes"/> between two '&lt;' or '&gt;'.
    public Stream OpenPart(string entry, long maxBytes, bool xml = true) =>
        new BoundedPartStream(_entries[entry].Open(), entry, maxBytes, xml);

    public XmlReader OpenXml(string entry, long maxBytes) => XmlReader.Create(OpenPart(entry, maxBytes), XmlSettings);

    private static readonly XmlReaderSettings XmlSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    /// The shared strings in order (their visible text), within <see cref="MaxSharedStrings"/> and <see cref="MaxSharedStringChars"/>.
    public IEnumerable<string> SharedStrings()
    {
        if (SharedStringsEntry is null) yield break;
        using var x = OpenXml(SharedStringsEntry, MaxSharedStringsBytes);
        var count = 0;
        long chars = 0;
        Read(x);
        while (x.ReadState == ReadState.Interactive)
        {
            if (x.NodeType != XmlNodeType.Element || x.LocalName != "si") { Read(x); continue; }
            if (count == MaxSharedStrings)
                throw TooLarge($"có hơn {VnFormat.Number(MaxSharedStrings)} chuỗi dùng chung (sharedStrings)", $"{VnFormat.Number(MaxSharedStrings)} chuỗi");
            var text = ItemText(x, new XlsxPlace(null, 0, count));
            chars += text.Length;
            if (chars > MaxSharedStringChars)
                throw TooLarge($"các chuỗi dùng chung có hơn {VnFormat.Number(MaxSharedStringChars)} ký tự", $"{VnFormat.Number(MaxSharedStringChars)} ký tự");
            count++;
            yield return text;
        }
    }

    /// Per cell format (cellXfs), whether it shows a date.
    public bool[] DateStyles()
    {
        if (StylesEntry is null) return [];
        var custom = new Dictionary<string, string>();
        var formats = new List<string>();
        using var x = OpenXml(StylesEntry, MaxOtherPartBytes);
        var inCellFormats = false;
        while (Read(x))
        {
            if (x.NodeType == XmlNodeType.EndElement && x.LocalName == "cellXfs") inCellFormats = false;
            if (x.NodeType != XmlNodeType.Element) continue;
            switch (x.LocalName)
            {
                case "numFmt" when x.GetAttribute("numFmtId") is { } id:
                    custom[id] = x.GetAttribute("formatCode") ?? "";
                    break;
                case "cellXfs":
                    inCellFormats = !x.IsEmptyElement;
                    break;
                case "xf" when inCellFormats:
                    formats.Add(x.GetAttribute("numFmtId") ?? "0");
                    break;
            }
        }
        return formats.Select(id => custom.TryGetValue(id, out var code)
            ? XlsxCells.IsDateFormatCode(code)
            : int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 14 and <= 22).ToArray();
    }

    /// Reads the next node, refusing elements nested deeper than <see cref="MaxXmlDepth"/>. Every node of a part goes
    /// through here (never XmlReader.Skip or ReadSubtree, which would read nodes unchecked).
    public static bool Read(XmlReader x)
    {
        if (!x.Read()) return false;
        if (x.Depth > MaxXmlDepth) throw Corrupt($"các phần tử XML lồng nhau quá {MaxXmlDepth} tầng");
        return true;
    }

    /// From an element's start to past its end.
    public static void SkipElement(XmlReader x)
    {
        if (x.IsEmptyElement) { Read(x); return; }
        var depth = x.Depth;
        while (Read(x) && !(x.NodeType == XmlNodeType.EndElement && x.Depth == depth)) { }
        Read(x);
    }

    /// The text of an element (a &lt;t&gt; or &lt;v&gt;), at most one cell's <see cref="XlsxCells.MaxCellChars"/>; the
    /// reader ends past its end.
    public static string ElementText(XmlReader x, XlsxPlace where)
    {
        if (x.IsEmptyElement) { Read(x); return ""; }
        var depth = x.Depth;
        string? single = null;
        StringBuilder? sb = null;
        Read(x);
        while (!(x.NodeType == XmlNodeType.EndElement && x.Depth == depth))
        {
            if (x.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                if (single is null) single = x.Value;
                else (sb ??= new StringBuilder(single)).Append(x.Value);
                if ((sb?.Length ?? single.Length) > XlsxCells.MaxCellChars) throw CellTooLong(where);
            }
            if (x.NodeType == XmlNodeType.Element) { SkipElement(x); continue; }
            if (!Read(x)) break;
        }
        Read(x);
        return sb?.ToString() ?? single ?? "";
    }

    /// A &lt;c&gt;'s value (&lt;v&gt;) and inline string (&lt;is&gt;), from its start to past its end; its formula and
    /// anything else are passed over.
    public static (string? Value, string? Inline) CellContent(XmlReader x, XlsxPlace where)
    {
        string? value = null, inline = null;
        if (x.IsEmptyElement) { Read(x); return (null, null); }
        var depth = x.Depth;
        Read(x);
        while (!(x.NodeType == XmlNodeType.EndElement && x.Depth == depth))
        {
            if (x.NodeType != XmlNodeType.Element) { if (!Read(x)) break; continue; }
            if (x.LocalName == "v") value = ElementText(x, where);
            else if (x.LocalName == "is") inline = ItemText(x, where);
            else SkipElement(x);
        }
        Read(x);
        return (value, inline);
    }

    /// The visible text of a shared string item or inline string (&lt;si&gt;, &lt;is&gt;): its &lt;t&gt;, or the &lt;t&gt;
    /// of its rich-text runs, without phonetic hints (&lt;rPh&gt;). The reader ends past its end.
    public static string ItemText(XmlReader x, XlsxPlace where)
    {
        if (x.IsEmptyElement) { Read(x); return ""; }
        var depth = x.Depth;
        string? single = null;
        StringBuilder? sb = null;
        Read(x);
        while (!(x.NodeType == XmlNodeType.EndElement && x.Depth == depth))
        {
            if (x.NodeType == XmlNodeType.Element)
            {
                if (x.LocalName == "rPh") { SkipElement(x); continue; }
                if (x.LocalName == "t")
                {
                    var text = ElementText(x, where);
                    if (single is null) single = text;
                    else (sb ??= new StringBuilder(single)).Append(text);
                    if ((sb?.Length ?? single.Length) > XlsxCells.MaxCellChars) throw CellTooLong(where);
                    continue;
                }
            }
            if (!Read(x)) break;
        }
        Read(x);
        return sb?.ToString() ?? single ?? "";
    }

    /// A row's number: its r, else the one after the previous row; rising, within Excel's rows.
    public static int RowNumber(string? r, int last, string sheet)
    {
        if (r is null)
        {
            if (last >= XlsxCells.MaxRows)
                throw Corrupt($"trang «{sheet}» có hơn {VnFormat.Number(XlsxCells.MaxRows)} dòng, số dòng tối đa của Excel");
            return last + 1;
        }
        if (!int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > XlsxCells.MaxRows)
            throw Corrupt($"trang «{sheet}», sau dòng {last}: số dòng «{Shorten(r)}» không hợp lệ (từ 1 đến {VnFormat.Number(XlsxCells.MaxRows)})");
        if (n <= last) throw Corrupt($"trang «{sheet}»: dòng {n} đứng sau dòng {last} (các dòng phải theo thứ tự)");
        return n;
    }

    /// A cell's column (0-based): its r, which must be valid and in its row, else the one after the previous cell.
    public static int CellColumn(string? reference, int previous, int row, string sheet)
    {
        if (reference is null)
        {
            if (previous + 1 >= XlsxCells.MaxColumns)
                throw Corrupt($"trang «{sheet}», dòng {row} có hơn {VnFormat.Number(XlsxCells.MaxColumns)} ô, số cột tối đa của Excel");
            return previous + 1;
        }
        if (!XlsxCells.TryParseReference(reference, out var column, out var r))
            throw Corrupt($"trang «{sheet}», dòng {row}: ô có địa chỉ «{Shorten(reference)}» không hợp lệ " +
                          $"(cột từ A đến XFD, dòng từ 1 đến {VnFormat.Number(XlsxCells.MaxRows)})");
        if (r != row) throw Corrupt($"trang «{sheet}»: ô «{reference}» nằm trong dòng {row}");
        return column;
    }

    public static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "…";

    private static TabularFileException CellTooLong(XlsxPlace where) =>
        Corrupt($"{where} dài quá {VnFormat.Number(XlsxCells.MaxCellChars)} ký tự, giới hạn của một ô Excel");

    public static TabularFileException Corrupt(string detail) => new($"Tệp Excel bị hỏng: {detail}. {Repair}");

    public static TabularFileException TooLarge(string what, string limit) =>
        new($"Tệp Excel vượt giới hạn đọc an toàn: {what} (giới hạn {limit}). Danh sách thật của cả một tỉnh không tới mức này; " +
            "tệp có thể bị hỏng hoặc được tạo ra để làm treo máy («bom nén»). Hãy kiểm tra lại tệp, hoặc chia thành nhiều tệp nhỏ hơn.");

    private sealed record Relationship(string Id, string Type, string Target);

    /// The relationships of a part (external targets left out), targets resolved to entry names.
    private List<Relationship> Relationships(string source, string relsEntry)
    {
        var list = new List<Relationship>();
        if (!_entries.ContainsKey(relsEntry)) return list;
        using var x = OpenXml(relsEntry, MaxOtherPartBytes);
        while (Read(x))
        {
            if (x.NodeType != XmlNodeType.Element || x.LocalName != "Relationship" || x.GetAttribute("TargetMode") == "External") continue;
            if (x.GetAttribute("Id") is { } id && x.GetAttribute("Type") is { } type && x.GetAttribute("Target") is { } target)
                list.Add(new Relationship(id, type, Resolve(source, target)));
        }
        return list;
    }

    /// "xl/workbook.xml" → "xl/_rels/workbook.xml.rels".
    public static string RelationshipsEntry(string part)
    {
        var slash = part.LastIndexOf('/');
        return part[..(slash + 1)] + "_rels/" + part[(slash + 1)..] + ".rels";
    }

    /// A relationship's target as an entry name: absolute ("/xl/…") or relative to the source part's folder.
    private string Resolve(string source, string target)
    {
        var path = target.StartsWith('/') ? target[1..] : source[..(source.LastIndexOf('/') + 1)] + target;
        var segments = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or ".") continue;
            if (segment == "..") { if (segments.Count > 0) segments.RemoveAt(segments.Count - 1); continue; }
            segments.Add(segment);
        }
        var name = string.Join('/', segments);
        // The entry's own spelling, so that names compare as they are.
        return _entries.TryGetValue(name, out var entry) || _entries.TryGetValue(Uri.UnescapeDataString(name), out entry) ? Name(entry) : name;
    }

    private (bool Date1904, List<XlsxSheet> Sheets) ReadWorkbook(Dictionary<string, string> worksheets)
    {
        var sheets = new List<XlsxSheet>();
        var date1904 = false;
        using var x = OpenXml(WorkbookEntry, MaxOtherPartBytes);
        while (Read(x))
        {
            if (x.NodeType != XmlNodeType.Element) continue;
            if (x.LocalName == "workbookPr") date1904 = x.GetAttribute("date1904") is "1" or "true";
            if (x.LocalName != "sheet") continue;
            string? name = null, id = null;
            while (x.MoveToNextAttribute())
            {
                if (x.LocalName == "name" && x.NamespaceURI.Length == 0) name = x.Value;
                else if (x.LocalName == "id" && x.NamespaceURI.EndsWith("/relationships", StringComparison.Ordinal)) id = x.Value;
            }
            x.MoveToElement();
            if (id is not null && worksheets.TryGetValue(id, out var entry) && _entries.ContainsKey(entry)) sheets.Add(new XlsxSheet(name ?? "", entry));
        }
        return (date1904, sheets);
    }

    private string ReadSmall(string entry)
    {
        using var reader = new StreamReader(OpenPart(entry, 1024));
        var buffer = new char[256];
        return new string(buffer, 0, reader.Read(buffer));
    }

    public void Dispose() => _zip.Dispose();

    /// Counts the bytes the zip entry inflates to, and the longest run without '&lt;' or '&gt;'.
    private sealed class BoundedPartStream(Stream inner, string part, long maxBytes, bool xml) : Stream
    {
        private long _total;
        private long _run;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            _total += n;
            if (_total > maxBytes)
                throw TooLarge($"phần «{part}» giải nén ra hơn {Size(maxBytes)}", Size(maxBytes));
            if (!xml) return n;
            var read = buffer[..n];
            var first = read.IndexOfAny((byte)'<', (byte)'>');
            if (first < 0) _run += n;
            else
            {
                var last = read.LastIndexOfAny((byte)'<', (byte)'>');
                // Inside one read, a run can only break the limit when the read is longer than it.
                var longest = _run + first;
                for (var rest = read[(first + 1)..(last + 1)]; last - first > MaxTokenBytes && rest.Length > 0;)
                {
                    var k = rest.IndexOfAny((byte)'<', (byte)'>');
                    longest = Math.Max(longest, k);
                    rest = rest[(k + 1)..];
                }
                if (longest > MaxTokenBytes) _run = longest;
                else _run = n - 1 - last;
            }
            if (_run > MaxTokenBytes)
                throw TooLarge($"phần «{part}» có một đoạn dài hơn {Size(MaxTokenBytes)} không có thẻ XML", Size(MaxTokenBytes));
            return n;
        }

        private static string Size(long bytes) => bytes >= 1L << 30
            ? VnFormat.Number(bytes >> 30) + " GiB"
            : VnFormat.Number(bytes >> 20) + " MiB";

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _total; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
