using System.Globalization;
using System.Text;

namespace GiamNgheo.Domain.Common;

/// The characters a text may hold. Every set refuses the characters no cell may hold: control characters (NUL, Tab,
/// a line break, ESC, BEL…: char.IsControl), invisible format characters (zero-width space, byte order mark, direction
/// marks), line and paragraph separators, unpaired surrogates and noncharacters (U+FFFE, U+FDD0…). They cannot be seen
/// on a page or in Excel, so two values that look the same would differ; PostgreSQL refuses NUL in text (a NUL that
/// reached storage would fail the import there and not on SQLite); and .NET cannot normalise a text holding an
/// unpaired surrogate or U+FFFE, so choices could not be matched.
public sealed class TextCharacters
{
    /// Null: every visible character.
    private readonly Func<Rune, bool>? _allows;

    private TextCharacters(string description, Func<Rune, bool>? allows)
    {
        Description = description;
        _allows = allows;
    }

    /// What the set holds, in words: the message says "«header» chỉ gồm {Description}".
    public string Description { get; }

    /// Any character that can be seen (letters, digits, spaces, punctuation, symbols).
    public static readonly TextCharacters Printable = new("ký tự nhìn thấy được", null);

    /// A person's name: letters with their diacritics, spaces and - ' . (Nguyễn Thị Hồng-Nhung, K'Bình).
    public static readonly TextCharacters Name = new("chữ cái, dấu cách và các dấu - ' . (không có chữ số hay ký hiệu)",
        r => Rune.IsLetter(r) || IsMark(r) || r.Value is ' ' or '-' or '\'' or '.');

    /// The ASCII digits 0–9 only (a phone number, a citizen ID, a commune code).
    public static readonly TextCharacters Digits = new("chữ số", r => r.Value is >= '0' and <= '9');

    /// A code of the registry: letters, digits and - . / _ (07444-00001).
    public static readonly TextCharacters Code = new("chữ, số và các dấu - . / _",
        r => Rune.IsLetter(r) || Rune.IsNumber(r) || r.Value is '-' or '.' or '/' or '_');

    /// The rule the text breaks, or null: an invisible character is named with its position, so the officer can find it.
    public string? Problem(string header, string text)
    {
        if (FirstInvisible(text) is { } bad)
            return $"{header} chỉ gồm {Description}; ô có {bad.What} ở vị trí {bad.Position}, hãy xoá ký tự đó.";
        if (_allows is null) return null;
        foreach (var rune in text.EnumerateRunes())
            if (!_allows(rune)) return $"{header} chỉ gồm {Description}.";
        return null;
    }

    /// The rule a text longer than the registry keeps breaks, or null.
    public static string? TooLong(string header, string text, int maxLength) =>
        text.Length > maxLength ? $"{header} dài quá {maxLength} ký tự (ô có {VnFormat.Number(text.Length)} ký tự)." : null;

    /// Whether the text holds a character no cell may hold.
    public static bool HasInvisible(string text) => FirstInvisible(text) is not null;

    /// NFC, so that a file saved with decomposed diacritics (NFD: "e" + U+0302 + U+0301) gives the same stored strings as
    /// one saved composed, and matches the same people. A text normalisation refuses (an unpaired surrogate, U+FFFE) is
    /// returned unchanged: it is refused by <see cref="Problem"/> anyway.
    public static string Nfc(string text)
    {
        if (SurelyComposed(text)) return text;
        try
        {
            return text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // An unpaired surrogate or a noncharacter such as U+FFFE: rare, so not looked for on every cell beforehand.
            return text;
        }
    }

    /// Whether every character is one NFC keeps as it is whatever follows it, without asking ICU (this runs on every
    /// cell of a file of millions of rows): below U+0300 (ASCII, Latin-1, đ ă ơ ư …), where no character decomposes or
    /// combines with the one before, or a precomposed letter of Latin Extended Additional (U+1E00–U+1EFF: ạ ả ấ … ỹ, the
    /// Vietnamese letters with two marks), none of which is excluded from composition. A combining mark (U+0300 and
    /// above) sends the text to the full check.
    private static bool SurelyComposed(string text)
    {
        foreach (var c in text)
            if (c >= 0x300 && c is < '\u1E00' or > '\u1EFF') return false;
        return true;
    }

    /// The text as a message shows it: each invisible character as [U+XXXX], and at most <see cref="ShownLength"/>
    /// characters (a CSV cell with an unclosed quote can hold the rest of the file).
    public static string Shown(string text)
    {
        var sb = new StringBuilder(Math.Min(text.Length, ShownLength * 2));
        var shown = 0;
        foreach (var (value, start, length) in CodePoints(text))
        {
            if (shown++ == ShownLength) return $"{sb}… ({VnFormat.Number(CodePoints(text).Count())} ký tự)";
            if (IsInvisible(value)) sb.Append('[').Append(CodePoint(value)).Append(']');
            else sb.Append(text, start, length);
        }
        return sb.ToString();
    }

    public const int ShownLength = 100;

    /// The first character no cell may hold, with its 1-based position counted in characters. A loop, not
    /// <see cref="CodePoints"/>: it runs on every cell of a file of millions of rows.
    private static (int Position, string What)? FirstInvisible(string text)
    {
        var position = 0;
        for (var i = 0; i < text.Length; i++)
        {
            position++;
            int value = text[i];
            if (value is >= 0x20 and < 0x7F) continue;
            if (char.IsSurrogatePair(text, i)) value = char.ConvertToUtf32(text[i], text[++i]);
            if (IsInvisible(value)) return (position, Describe(value));
        }
        return null;
    }

    /// The code points of a text, an unpaired surrogate as itself (Rune and EnumerateRunes would make it U+FFFD).
    private static IEnumerable<(int Value, int Start, int Length)> CodePoints(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsSurrogatePair(text, i))
            {
                yield return (char.ConvertToUtf32(text[i], text[i + 1]), i, 2);
                i++;
            }
            else yield return (text[i], i, 1);
        }
    }

    private static bool IsSurrogate(int value) => value is >= 0xD800 and <= 0xDFFF;

    private static bool IsInvisible(int value)
    {
        if (IsSurrogate(value) || IsNoncharacter(value)) return true;
        return CharUnicodeInfo.GetUnicodeCategory(value) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
    }

    /// U+FDD0–U+FDEF and the last two code points of every plane (U+FFFE, U+FFFF, U+1FFFE …): never characters.
    private static bool IsNoncharacter(int value) => value is >= 0xFDD0 and <= 0xFDEF || (value & 0xFFFE) == 0xFFFE;

    private static bool IsMark(Rune r) => Rune.GetUnicodeCategory(r) is UnicodeCategory.NonSpacingMark
        or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    private static string Describe(int value)
    {
        var code = CodePoint(value);
        if (IsSurrogate(value)) return $"ký tự hỏng {code} (nửa cặp thay thế UTF-16, không phải ký tự)";
        if (IsNoncharacter(value)) return $"ký tự hỏng {code} (không phải ký tự)";
        return value switch
        {
            0x00 => $"ký tự điều khiển {code} (NUL)",
            0x07 => $"ký tự điều khiển {code} (BEL)",
            0x08 => $"ký tự điều khiển {code} (Backspace)",
            0x09 => $"ký tự Tab {code}",
            0x0A => $"ký tự xuống dòng {code} (LF)",
            0x0D => $"ký tự xuống dòng {code} (CR)",
            0x1B => $"ký tự điều khiển {code} (ESC)",
            0x2028 or 0x2029 => $"ký tự xuống dòng {code}",
            0x200B => $"ký tự vô hình {code} (dấu cách độ rộng 0)",
            0xFEFF => $"ký tự vô hình {code} (BOM)",
            _ when value <= 0xFFFF && char.IsControl((char)value) => $"ký tự điều khiển {code}",
            _ => $"ký tự vô hình {code}",
        };
    }

    private static string CodePoint(int value) => $"U+{value:X4}";
}
