using Microsoft.Playwright;

namespace GiamNgheo.App.Tests.Browser;

/// <summary>
/// Launches Debian's headless chromium through Playwright (no browser download: the driver ships in the
/// NuGet package). Use as a class fixture (<c>IClassFixture&lt;ChromiumFixture&gt;</c>) or assembly-wide
/// (<c>[assembly: AssemblyFixture(typeof(ChromiumFixture))]</c>) and open a fresh context per test.
/// The executable defaults to /usr/bin/chromium; GIAMNGHEO_CHROMIUM overrides it.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string DefaultExecutablePath = "/usr/bin/chromium";

    private static readonly string[] LaunchArgs =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium has not been launched yet.");

    public async ValueTask InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("GIAMNGHEO_CHROMIUM") is { Length: > 0 } path
            ? path
            : DefaultExecutablePath;
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = LaunchArgs,
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
            _browser = null;
        }
        _playwright?.Dispose();
        _playwright = null;
    }
}
