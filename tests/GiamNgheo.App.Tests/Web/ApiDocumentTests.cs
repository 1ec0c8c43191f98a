namespace GiamNgheo.App.Tests.Web;

/// The API as a whole: its OpenAPI document and its errors.
public sealed class ApiDocumentTests(AppFixture app)
{
    private readonly PageClient Pages = new(app);

    [Fact]
    public async Task OpenApi_DescribesTheApi()
    {
        var doc = await Pages.Http.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/households", doc);
        Assert.Contains("/api/units", doc);
    }
}
