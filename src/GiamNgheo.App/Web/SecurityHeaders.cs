namespace GiamNgheo.App.Web;

/// The headers every answer carries (issue 9, point 5). The pages load their one script and one stylesheet from the app
/// and hold no inline script, style or event attribute, so the content policy allows nothing else: an injected
/// &lt;script&gt; or style attribute does not run. No page may be framed (clickjacking), a response is never sniffed
/// into another type, and no address (which may carry a household id) leaves in a Referer. HSTS is added for HTTPS.
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; " +
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static void Use(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                if (context.Request.IsHttps) headers.StrictTransportSecurity = "max-age=31536000";
                return Task.CompletedTask;
            });
            await next();
        });
    }
}
