using System.Text;

namespace GiamNgheo.App.Cli;

/// The command line's output and error output. Messages echo values read from files (a name in a rejected row), and a
/// control character among them would reach the terminal: ESC starts a sequence that can recolour, move the cursor or
/// retitle the window, CR overwrites the line, BEL rings. Every C0 and C1 control is written as a visible sign instead
/// (ESC as ␛, BEL as ␇, a C1 control as \x9B), except the line feed and tab of our own layout; line ends come from
/// WriteLine, so the writer's own newline is never touched.
public sealed class TerminalText(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;
    public override IFormatProvider FormatProvider => inner.FormatProvider;

    public override void Write(char value)
    {
        if (IsControl(value)) inner.Write(Visible(value));
        else inner.Write(value);
    }

    public override void Write(string? value) => inner.Write(Clean(value));
    public override void Write(char[] buffer, int index, int count) => inner.Write(Clean(new string(buffer, index, count)));
    public override void WriteLine() => inner.WriteLine();
    public override void WriteLine(string? value) => inner.WriteLine(Clean(value));
    public override void WriteLine(char[] buffer, int index, int count) => inner.WriteLine(Clean(new string(buffer, index, count)));
    public override void Flush() => inner.Flush();
    public override Task FlushAsync() => inner.FlushAsync();

    /// The text as the terminal may show it.
    public static string? Clean(string? text)
    {
        if (text is null || !text.Any(IsControl)) return text;
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
            if (IsControl(c)) sb.Append(Visible(c));
            else sb.Append(c);
        return sb.ToString();
    }

    private static bool IsControl(char c) => char.IsControl(c) && c is not '\n' and not '\t';

    /// U+2400–U+241F are the Unicode control pictures of C0 (␀…␟), U+2421 that of DEL; C1 has none.
    private static string Visible(char c) => c switch
    {
        < ' ' => ((char)(0x2400 + c)).ToString(),
        '\u007f' => "\u2421",
        _ => $"\\x{(int)c:X2}",
    };
}
