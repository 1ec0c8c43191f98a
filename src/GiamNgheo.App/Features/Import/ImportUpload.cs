using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GiamNgheo.App.Features.Import;

/// The largest file the web import takes, on the page and the API alike: `Import:MaxUploadMegabytes` (for example the
/// environment variable Import__MaxUploadMegabytes), 512 MB by default, above the 387 MB of the benchmark's province file
/// of 515,115 households (README). A larger upload is answered 413 in Vietnamese (Web/Problems.UseBodyLimit).
public sealed record ImportUpload(long MaxBytes)
{
    public const string Setting = "Import:MaxUploadMegabytes";
    public const int DefaultMegabytes = 512;

    public static ImportUpload From(IConfiguration configuration) =>
        new(Math.Max(1, configuration.GetValue(Setting, DefaultMegabytes)) * 1024L * 1024);

    /// As endpoint metadata, which routing applies before anything reads the body: the body's limit (Kestrel's default
    /// is 30 MB) and the multipart form's (128 MB by default).
    public object[] Metadata => [new RequestSizeLimitAttribute(MaxBytes), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = MaxBytes }];

    /// The import page's endpoint gets the limits (the API's endpoint takes <see cref="Metadata"/> where it is mapped).
    /// Registered with the feature's services, which the command line builds too: there these options are never read.
    /// After the framework's own setup, which replaces the collection of conventions.
    public static void AddToPage(IServiceCollection services) =>
        services.AddOptions<RazorPagesOptions>().PostConfigure<IConfiguration>((o, configuration) =>
            o.Conventions.AddPageApplicationModelConvention("/Import/Index", page =>
            {
                foreach (var limit in From(configuration).Metadata) page.EndpointMetadata.Add(limit);
            }));
}
