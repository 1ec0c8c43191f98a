using GiamNgheo.App.Cli;
using GiamNgheo.App.Tests.Web;
using GiamNgheo.Files.Exchange;

namespace GiamNgheo.App.Tests.Cli;

/// What the command line writes never carries a terminal control character taken from a file: an ESC sequence or a
/// BEL in a value of an imported file reaches the terminal as a visible sign.
public sealed class TerminalTextTests : IDisposable
{
    private readonly CliRunner Cli = new();

    [Theory]
    [InlineData("\u001b[2J\u001b[31mĐỏ", "␛[2J␛[31mĐỏ")]        // clear screen, red
    [InlineData("chuông\u0007", "chuông␇")]
    [InlineData("đè\rdòng", "đè␍dòng")]                         // CR would overwrite the line
    [InlineData("\u001b]0;tiêu đề\u0007", "␛]0;tiêu đề␇")]      // retitles the window
    [InlineData("\u009b31m", "\\x9B31m")]                       // C1 CSI
    [InlineData("xóa\u007f", "xóa␡")]
    [InlineData("\0", "␀")]
    [InlineData("Dòng 2\n  cột\t«Họ và tên»", "Dòng 2\n  cột\t«Họ và tên»")] // our own layout stays
    public void AControlCharacter_IsWrittenVisibly(string text, string shown)
    {
        var inner = new StringWriter();
        var writer = new TerminalText(inner);
        writer.Write(text);
        writer.Write(text.ToCharArray(), 0, text.Length);
        foreach (var c in text) writer.Write(c);
        writer.WriteLine(text);
        Assert.Equal(shown + shown + shown + shown + inner.NewLine, inner.ToString());
    }

    [Fact]
    public async Task ARejectedRow_EchoesItsValue_WithoutTheControlCharacters()
    {
        var csv = Path.Combine(Cli.Dir, "ho.csv");
        var row = PageClient.Row("H1", "07210", "Nguyễn Văn An", "\u001b[31m01/01/1990\u0007", "Chủ hộ", ("sex", "Nam\u001b[2J"));
        await File.WriteAllTextAsync(csv, string.Join(",", HouseholdFile.Columns.Select(c => c.Header)) + "\n" + row + "\n");

        var (code, output, err) = await Cli.Run("households", "import", csv, "--year", "2024", "--dry-run");

        // The file's values are refused and shown with their invisible characters named (TextCharacters.Shown).
        Assert.Equal(2, code);
        Assert.Contains("«[U+001B][31m01/01/1990[U+0007]»", output);
        Assert.Contains("«Nam[U+001B][2J»", output);
        Assert.DoesNotContain('\u001b', output + err);
        Assert.DoesNotContain('\u0007', output + err);
    }

    /// A value echoed as typed (a unit code) reaches the terminal through the sanitiser.
    [Fact]
    public async Task AnEchoedArgument_ReachesTheTerminalWithoutItsControlCharacters()
    {
        await Cli.Run("units", "import");
        var (code, output, err) = await Cli.Run("households", "export", "--unit", "\u001b[31mX\u0007", "--year", "2024");
        Assert.NotEqual(0, code);
        Assert.Contains("«␛[31mX␇»", output + err);
        Assert.DoesNotContain('\u001b', output + err);
        Assert.DoesNotContain('\u0007', output + err);
    }

    public void Dispose() => Cli.Dispose();
}
