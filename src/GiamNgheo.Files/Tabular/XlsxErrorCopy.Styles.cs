using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace GiamNgheo.Files.Tabular;

public static partial class XlsxErrorCopy
{
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
