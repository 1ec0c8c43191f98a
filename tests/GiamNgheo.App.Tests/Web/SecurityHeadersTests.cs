using GiamNgheo.App.Web;

namespace GiamNgheo.App.Tests.Web;

/// Every answer — pages, the API, errors, static files — carries the security headers (issue 9, point 5). The browser
/// journeys check that no page needs more than the policy allows (JourneyTests.Shot).
public sealed class SecurityHeadersTests(AppFixture app)
{
    private readonly PageClient Pages = new(app);

    [Theory]
    [InlineData("/units")]
    [InlineData("/import")]
    [InlineData("/households?unit=220&year=2024")]
    [InlineData("/api/units")]
    [InlineData("/api/khong-co")]
    [InlineData("/households/999999999?year=2024")]
    [InlineData("/site.css")]
    public async Task EveryAnswer_CarriesTheSecurityHeaders(string url)
    {
        using var response = await Pages.Http.GetAsync(url);
        string Header(string name) => response.Headers.TryGetValues(name, out var v) ? string.Join(",", v) : "";
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Header("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", Header("Content-Security-Policy"));
        Assert.Equal(("nosniff", "DENY", "no-referrer"), (Header("X-Content-Type-Options"), Header("X-Frame-Options"), Header("Referrer-Policy")));
        Assert.Equal("", Header("Strict-Transport-Security")); // plain HTTP here: HSTS only over TLS
    }
}
