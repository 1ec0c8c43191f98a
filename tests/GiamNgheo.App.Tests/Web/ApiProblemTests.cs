using System.Net;
using System.Text.Json;

namespace GiamNgheo.App.Tests.Web;

/// Every API error is a Vietnamese problem+json with a title and a detail: never an empty body, never a stack trace.
public sealed class ApiProblemTests(AppFixture app)
{
    private readonly PageClient Pages = new(app);

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", body);
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.Clone();
    }

    [Theory]
    [InlineData("/api/khong-co", 404, "Không tìm thấy")]                           // an unknown route
    [InlineData("/api/households?year=hai-nghin", 400, "Yêu cầu không hợp lệ")]    // a parameter that does not bind
    [InlineData("/api/households/999999999", 404, "Không tìm thấy")]               // a use case's failure
    [InlineData("/api/results?unit=99999&year=2024", 404, "Không tìm thấy")]
    [InlineData("/api/results?year=2024", 400, "Yêu cầu không hợp lệ")]           // a required parameter missing
    [InlineData("/api/households?year=1990", 400, "Yêu cầu không hợp lệ")]        // a year no review has
    public async Task AnError_IsAVietnameseProblem(string url, int status, string title)
    {
        var response = await Pages.Http.GetAsync(url);
        Assert.Equal(status, (int)response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Equal(title, problem.GetProperty("title").GetString());
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.True(detail.Length > 10 && detail.Any(c => c > 127), detail); // Vietnamese words, not an English default
    }

    [Fact]
    public async Task AFaultOfOurs_IsA500Problem_WithoutItsStackTrace()
    {
        // A database that cannot be opened: every query throws.
        await using var broken = app.Factory.WithWebHostBuilder(b => b.UseSetting("Database", "Data Source=/khong/co/thu/muc/nay/x.db"));
        var response = await broken.CreateClient().GetAsync("/api/units");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Equal("Lỗi hệ thống", problem.GetProperty("title").GetString());
        Assert.DoesNotContain("Sqlite", problem.GetRawText());
    }

    [Fact]
    public async Task TheOpenApiDocument_HasResponseSchemas()
    {
        using var doc = JsonDocument.Parse(await Pages.Http.GetStringAsync("/openapi/v1.json"));
        var paths = doc.RootElement.GetProperty("paths");
        foreach (var (path, type) in new[] { ("/api/units", "UnitView"), ("/api/households", "HouseholdListResponse"), ("/api/results", "ResultsResponse"),
                     ("/api/households/{id}/classification", "ClassificationResponse"), ("/api/standards", "StandardRow") })
        {
            var ok = paths.GetProperty(path).GetProperty("get").GetProperty("responses").GetProperty("200");
            Assert.Contains(type, ok.GetRawText());
        }
        Assert.True(doc.RootElement.GetProperty("components").GetProperty("schemas").TryGetProperty("UnitView", out _));
    }
}
