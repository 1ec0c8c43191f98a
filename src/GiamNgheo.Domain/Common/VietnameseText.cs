using System.Globalization;
using System.Text;

namespace GiamNgheo.Domain.Common;

/// Vietnamese text as officials type it: with or without diacritics.
public static class VietnameseText
{
    /// "Lục Nam" and "luc nam" fold to the same key, so a search typed without diacritics finds the unit.
    public static string Fold(string text)
    {
        var decomposed = text.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        var lastWasSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            // đ does not decompose into d + mark.
            var ch = c == 'đ' ? 'd' : c;
            if (char.IsWhiteSpace(ch))
            {
                if (!lastWasSpace) folded.Append(' ');
                lastWasSpace = true;
                continue;
            }
            folded.Append(ch);
            lastWasSpace = false;
        }
        return folded.ToString();
    }
}
