using GiamNgheo.App.Features;
using GiamNgheo.Data.Model;

namespace GiamNgheo.App.Web;

public static class WebHost
{
    /// The web app (pages + JSON API) over one database. The database is migrated by the caller.
    public static WebApplication Build(string[] args, DatabaseTarget? target)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        builder.Services.AddGiamNgheo(target ?? DatabaseTarget.Resolve(builder.Configuration["Database"]));
        builder.Services.AddMemoryCache();
        // Vietnamese text is written as is, not as &#x…; entities.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // Pages live in their features' folders (Features/<Feature>/<Page>.cshtml).
        builder.Services.AddRazorPages(o => o.RootDirectory = "/Features");
        builder.Services.AddOpenApi();
        builder.Services.AddAntiforgery();
        Problems.AddServices(builder.Services);

        var app = builder.Build();
        SecurityHeaders.Use(app);
        Problems.Use(app);
        app.UseStaticFiles();
        app.UseRouting();
        Problems.UseBodyLimit(app);
        app.UseAntiforgery();
        // The one document, at a fixed address: the default route takes any name and answers an unknown one in English.
        app.MapOpenApi("/openapi/v1.json");
        app.MapRazorPages();
        app.MapGet("/", () => Results.Redirect("/units")).ExcludeFromDescription();
        var api = app.MapGroup("/api");
        foreach (var feature in FeatureList.All) feature.MapApi(api);
        return app;
    }
}
