using GiamNgheo.App.Api;
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
        var db = target ?? DatabaseTarget.Resolve(builder.Configuration["Database"]);
        builder.Services.AddSingleton(db);
        builder.Services.AddScoped(_ => db.CreateContext());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddMemoryCache();
        // Vietnamese text is written as is, not as &#x…; entities.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddRazorPages();
        builder.Services.AddOpenApi();
        builder.Services.AddAntiforgery();

        var app = builder.Build();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAntiforgery();
        app.MapOpenApi();
        app.MapRazorPages();
        app.MapGet("/", () => Results.Redirect("/units"));
        RegistryApi.Map(app);
        return app;
    }
}
