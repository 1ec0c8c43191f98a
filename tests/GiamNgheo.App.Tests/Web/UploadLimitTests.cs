using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using GiamNgheo.App.Features.Import;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;

namespace GiamNgheo.App.Tests.Web;

/// The import's upload limit (Import:MaxUploadMegabytes, 512 MB by default), on the page and the API alike: a larger
/// file is answered 413 with a Vietnamese message that gives the size and the limit, never an empty 400. TestServer has
/// no body size feature, so the app runs on Kestrel here, with a limit of 1 MB.
public sealed partial class UploadLimitTests(AppFixture app) : IAsyncLifetime
{
    private WebApplicationFactory<Program> small = null!;
    private HttpClient http = null!;

    public ValueTask InitializeAsync()
    {
        small = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("Database", app.Database.ConnectionString)
            .UseSetting("urls", "http://127.0.0.1:0")
            .UseSetting(ImportUpload.Setting, "1"));
        small.UseKestrel(0);
        small.StartServer();
        http = small.CreateClient();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public void TheDefault_Is512MB_OnThePageAndTheApi()
    {
        Assert.Equal(512L * 1024 * 1024, ImportUpload.From(new ConfigurationBuilder().Build()).MaxBytes);
        var endpoints = app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        foreach (var route in new[] { "import", "/api/households/import" })
            Assert.Equal(512L * 1024 * 1024, endpoints.Single(e => e.RoutePattern.RawText == route).Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize);
    }

    [Fact]
    public async Task TheApi_AFileOverTheLimit_Is413WithAVietnameseProblem()
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[2 * 1024 * 1024]), "file", "ho.csv" } };
        var response = await PostAsync("/api/households/import?year=2024&dryRun=true", form);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Tệp hoặc yêu cầu quá lớn", problem.RootElement.GetProperty("title").GetString());
        Assert.Equal("Tệp hoặc yêu cầu gửi lên (2 MB) vượt quá giới hạn 1 MB của địa chỉ này. Hãy chia nhỏ tệp (ví dụ theo xã/phường) hoặc nhờ quản trị viên nâng giới hạn.",
            problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ThePage_AFileOverTheLimit_Is413WithAVietnameseMessage()
    {
        var page = await http.GetStringAsync("/import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(TokenPattern().Match(page).Groups[1].Value), "__RequestVerificationToken" },
            { new StringContent("2024"), "Year" },
            { new ByteArrayContent(new byte[2 * 1024 * 1024]), "file", "ho.csv" },
        };
        var response = await PostAsync("/import", form);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("<p role=\"alert\">Tệp hoặc yêu cầu gửi lên (2 MB) vượt quá giới hạn 1 MB của địa chỉ này.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AFileUnderTheLimit_IsRead()
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[512 * 1024]), "file", "ho.csv" } };
        var response = await http.PostAsync("/api/households/import?year=2024&dryRun=true", form);
        // Read and refused by the import's rules (no header row), not by the limit.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    /// With Expect: 100-continue (as curl sends a large body), so the answer the server gives before reading the body is
    /// read; without it the server closes the connection while the client still sends, and the client sees a broken pipe.
    private async Task<HttpResponseMessage> PostAsync(string url, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.ExpectContinue = true;
        return await http.SendAsync(request);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await small.DisposeAsync();
    }
}
