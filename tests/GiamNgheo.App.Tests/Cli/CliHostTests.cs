namespace GiamNgheo.App.Tests.Cli;

/// The `giamngheo` executable itself: without a command it says what there is, and its help speaks dd/MM/yyyy.
public sealed class CliHostTests : IDisposable
{
    private readonly CliRunner Cli = new();

    /// The executable as an officer starts it: `giamngheo --db=x.db` with no command.
    [Fact]
    public async Task NoCommand_PrintsTheCommands_AndStartsNoServer()
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "giamngheo.dll"), "--db=" + Cli.Db])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("giamngheo --db=… did not return: it started the web server. " + await output);
        }
        Assert.Equal(1, process.ExitCode);
        Assert.Contains("Hãy chọn một lệnh", await output);
        Assert.Contains("households", await output);
    }

    [Fact]
    public async Task TheAsOfDefault_IsShownDayFirst()
    {
        var (_, output, _) = await Cli.Run("units", "list", "--help");
        var today = DateOnly.FromDateTime(DateTime.Today);
        Assert.Contains($"(mặc định: hôm nay, {today:dd/MM/yyyy})", output);
        Assert.DoesNotContain($"{today:MM/dd/yyyy}", output.Replace($"{today:dd/MM/yyyy}", ""));
        Assert.DoesNotContain("[default: " + today.ToString(System.Globalization.CultureInfo.InvariantCulture), output);
    }

    public void Dispose() => Cli.Dispose();
}
