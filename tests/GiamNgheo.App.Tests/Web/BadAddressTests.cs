using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using GiamNgheo.Data.Households;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace GiamNgheo.App.Tests.Web;

/// Absurd values in an address (a year 0 or 2147483648, an id too large for a number, a date 32/13/2025, a category or
/// format that does not exist, a page number past the end, an address too long) are answered with a status below
/// 500 and a Vietnamese message: a problem+json under /api, the message in the page elsewhere. The sweep takes every
/// endpoint and page of the app from its own route table, so a new route is covered without a new row.
public sealed partial class BadAddressTests(AppFixture app)
{
    private readonly PageClient Pages = new(app);

    [Theory]
    [InlineData("/api/households?year=0", 400, "Năm rà soát «0» không hợp lệ: từ 2016 đến 2035.")]
    [InlineData("/api/households?year=-1", 400, "Năm rà soát «-1» không hợp lệ: từ 2016 đến 2035.")]
    [InlineData("/api/households?year=99999", 400, "Năm rà soát «99999» không hợp lệ: từ 2016 đến 2035.")]
    [InlineData("/api/households?year=2147483648", 400, "Năm rà soát «2147483648» không hợp lệ: từ 2016 đến 2035.")]
    [InlineData("/api/households?year=abc", 400, "Năm rà soát «abc» không hợp lệ: từ 2016 đến 2035.")]
    [InlineData("/api/households?after=99999999999999999999", 400, "Tham số «after»: giá trị «99999999999999999999» không hợp lệ; cần một số nguyên.")]
    [InlineData("/api/households?pageSize=abc", 400, "Tham số «pageSize»: giá trị «abc» không hợp lệ; cần một số nguyên.")]
    [InlineData("/api/households?category=Foo", 400, "Phân loại «Foo» không hợp lệ; dùng một trong: Poor, NearPoor")]
    [InlineData("/api/households/0", 404, "Không có hộ mã định danh 0.")]
    [InlineData("/api/households/-1", 404, "Không có hộ mã định danh -1.")]
    [InlineData("/api/households/99999999999999999999", 404, "Không có địa chỉ hoặc dữ liệu này.")]
    [InlineData("/api/households/abc", 404, "Không có địa chỉ hoặc dữ liệu này.")]
    [InlineData("/api/households/1?year=0", 400, "Năm rà soát «0» không hợp lệ")]
    [InlineData("/api/households/1/classification?year=1990", 400, "Năm rà soát «1990» không hợp lệ")]
    [InlineData("/api/units?asOf=32/13/2025", 400, "Ngày «32/13/2025» không hợp lệ (dd/MM/yyyy hoặc yyyy-MM-dd).")]
    [InlineData("/api/units?asOf=2025-13-01", 400, "Ngày «2025-13-01» không hợp lệ (dd/MM/yyyy hoặc yyyy-MM-dd).")]
    [InlineData("/api/units/99999999999", 404, "Không có đơn vị mã định danh 99999999999.")]
    [InlineData("/api/results?year=2024", 400, "Thiếu tham số «unit».")]
    [InlineData("/api/results?unit=24&year=2024&standard=khong-co", 404, "Chuẩn khong-co không áp dụng cho Tỉnh Bắc Giang năm 2024")]
    [InlineData("/api/households/export?unit=24&year=2024&format=pdf", 400, "Định dạng «pdf» không hợp lệ; dùng csv hoặc xlsx.")]
    [InlineData("/units?year=0", 400, "Năm rà soát «0» không hợp lệ: từ 2016 đến 2035.")]
    [InlineData("/units?year=abc", 400, "Năm rà soát «abc» không hợp lệ: từ 2016 đến 2035.")]
    [InlineData("/units?parent=99999&year=2024", 404, "Không có đơn vị mã 99999 có hiệu lực ngày 01/09/2024.")]
    [InlineData("/households?year=2147483648", 400, "Năm rà soát «2147483648» không hợp lệ")]
    [InlineData("/households?year=2024&category=Foo", 400, "Phân loại «Foo» không hợp lệ")]
    [InlineData("/households?year=2024&after=99999999999999999999", 400, "Tham số «after»: giá trị «99999999999999999999» không hợp lệ; cần một số nguyên.")]
    [InlineData("/households/0", 404, "Không có hộ mã định danh 0.")]
    [InlineData("/households/99999999999999999999", 404, "Không có địa chỉ hoặc dữ liệu này.")]
    [InlineData("/households/1?year=0", 400, "Năm rà soát «0» không hợp lệ")]
    [InlineData("/households/1/explain?year=99999", 400, "Năm rà soát «99999» không hợp lệ")]
    [InlineData("/households/edit?id=1&year=0", 400, "Năm rà soát «0» không hợp lệ")]
    [InlineData("/households/edit?unit=99999&year=2024", 404, "Không có đơn vị mã 99999 có hiệu lực ngày 01/09/2024.")]
    [InlineData("/households/1/members/abc/edit?year=2024", 404, "Không có thành viên «abc»: dùng mã định danh của người, hoặc new để thêm thành viên.")]
    [InlineData("/results?unit=99999&year=2024", 404, "Không có đơn vị mã 99999 có hiệu lực ngày 01/09/2024.")]
    [InlineData("/results?unit=24&year=0", 400, "Năm rà soát «0» không hợp lệ")]
    [InlineData("/mpi?unit=99999&year=2024", 404, "Không có đơn vị mã 99999 có hiệu lực ngày 01/09/2024.")]
    [InlineData("/mpi?unit=24&year=2024&k=abc", 400, "Ngưỡng k «abc» không hợp lệ")]
    [InlineData("/simulate?unit=24&year=2024&rural=abc", 400, "Tham số «Rural»: giá trị «abc» không hợp lệ; cần một số.")]
    [InlineData("/simulate?unit=24&year=2024&cutoff=99999999999", 400, "Tham số «Cutoff»: giá trị «99999999999» không hợp lệ; cần một số nguyên.")]
    [InlineData("/khong-co", 404, "Không có địa chỉ hoặc dữ liệu này.")]
    public async Task ABadAddress_IsAnsweredInVietnamese_WithItsStatus(string url, int status, string message)
    {
        var response = await Pages.Http.GetAsync(url);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(message, await MessageAsync(response, url));
    }

    [Theory]
    [InlineData("/api/households?q=")]
    [InlineData("/households?q=")]
    [InlineData("/units?q=")]
    public async Task AnAddressTooLong_Is414InVietnamese(string url)
    {
        var response = await Pages.Http.GetAsync(url + new string('a', 20_000));
        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
        Assert.Contains("Địa chỉ (đường dẫn và tham số) dài hơn 8192 ký tự.", await MessageAsync(response, url));
    }

    /// A minimal API's binding failure goes through the one problem handler (Web/Problems), which names the parameter.
    [Theory]
    [InlineData("year=abc&dryRun=true", true, 400, "Năm rà soát «abc» không hợp lệ: từ 2016 đến 2035.")]
    [InlineData("year=2024&dryRun=maybe", true, 400, "Tham số «dryRun»: giá trị «maybe» không hợp lệ; cần true hoặc false.")]
    [InlineData("dryRun=true", true, 400, "Thiếu tham số «year»")]
    [InlineData("year=2024&dryRun=true", false, 400, "Thiếu tham số «file»; cần một tệp gửi kèm (multipart/form-data).")]
    public async Task TheImportApi_WithBadParameters_IsAVietnameseProblem(string query, bool withFile, int status, string message)
    {
        using var form = new MultipartFormDataContent();
        form.Add(withFile ? new ByteArrayContent("Mã hộ\n"u8.ToArray()) : new StringContent("x"), withFile ? "file" : "other", "ho.csv");
        var response = await Pages.Http.PostAsync("/api/households/import?" + query, form);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(message, await MessageAsync(response, "/api"));
    }

    [Fact]
    public async Task TheImportApi_WithAJsonBody_Is415InVietnamese()
    {
        var response = await Pages.Http.PostAsync("/api/households/import?year=2024", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("tệp được gửi dạng multipart/form-data", await MessageAsync(response, "/api"));
    }

    /// Every GET endpoint and page handler, every parameter of its route and query, each bad value of the parameter's
    /// type, the others good: never a 500, always a body, a Vietnamese message with any error.
    [Fact]
    public async Task EveryRoute_EveryParameter_BadValues_AreAnsweredBelow500_InVietnamese()
    {
        var household = await HouseholdIdAsync();
        var requests = Routes().SelectMany(r => r.Parameters.SelectMany(p => BadValues(p.Type).Select(bad =>
            r.Url(household, p.Name, bad)))).Distinct().ToList();
        Assert.True(requests.Count > 300, $"only {requests.Count} requests: the route table was not read");

        var failures = new List<string>();
        foreach (var url in requests)
        {
            var response = await Pages.Http.GetAsync(url);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync();
            if (status >= 500) failures.Add($"{status} {url}");
            else if (body.Length == 0) failures.Add($"{status} with an empty body: {url}");
            else if (body.Contains("   at ") || body.Contains("Exception")) failures.Add($"{status} with a stack trace: {url}");
            else if (status >= 400)
                try
                {
                    if (!VietnameseWord().IsMatch(await MessageAsync(response, url))) failures.Add($"{status} not in Vietnamese: {url}");
                }
                catch (Xunit.Sdk.XunitException e)
                {
                    failures.Add($"{status} {url}: {e.Message.ReplaceLineEndings(" ")}");
                }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {requests.Count}:\n" + string.Join("\n", failures.Take(40)));
    }

    /// One route of the app with the parameters an address gives it (route values, query values).
    private sealed record Route(string Template, string? Handler, IReadOnlyList<(string Name, Type Type)> Parameters)
    {
        public string Url(long household, string name, string bad)
        {
            string Value(string p) => p == name ? Uri.EscapeDataString(bad) : Good(p, household);
            var path = RouteValue().Replace(Template, m => Value(m.Groups[1].Value));
            var query = Parameters.Where(p => !Template.Contains("{" + p.Name, StringComparison.OrdinalIgnoreCase))
                .Where(p => p.Name == name || Good(p.Name, household) != "")
                .Select(p => $"{p.Name}={Value(p.Name)}");
            if (Handler is not null) query = query.Append("handler=" + Handler);
            return "/" + path.TrimStart('/') + "?" + string.Join("&", query);
        }
    }

    private IEnumerable<Route> Routes()
    {
        foreach (var e in app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var template = e.RoutePattern.RawText!;
            var routeValues = e.RoutePattern.Parameters.Select(p => (p.Name, Type: typeof(string)));
            if (e.Metadata.GetMetadata<CompiledPageActionDescriptor>() is { } page)
            {
                var bound = page.BoundProperties.Where(p => p.BindingInfo?.RequestPredicate is null || p is PageBoundPropertyDescriptor { Property: var info } && info.GetCustomAttribute<BindPropertyAttribute>()?.SupportsGet == true)
                    .Select(p => (p.Name, p.ParameterType)).ToList();
                foreach (var handler in page.HandlerMethods.Where(h => h.HttpMethod.Equals("Get", StringComparison.OrdinalIgnoreCase)))
                    yield return new Route(template, handler.Name,
                        [.. routeValues, .. handler.Parameters.Where(p => !IsService(p.ParameterType)).Select(p => (p.Name, p.ParameterType)), .. bound]);
            }
            // Left out: what the API description leaves out, the framework's own (the OpenAPI document, whose handler
            // takes any ?documentName=, and the redirect of /).
            else if (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true && e.Metadata.GetMetadata<MethodInfo>() is { } method
                     && e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is null)
                yield return new Route(template, null,
                    [.. routeValues, .. method.GetParameters().Where(p => !IsService(p.ParameterType)).Select(p => (p.Name!, p.ParameterType))]);
        }
    }

    /// A parameter an address can give: a number, a flag, a text (a service, HttpContext, CancellationToken is none).
    private static bool IsService(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return !(t.IsPrimitive || t == typeof(string) || t == typeof(decimal) || t == typeof(string[]));
    }

    private static string Good(string name, long household) => name.ToLowerInvariant() switch
    {
        "id" => household.ToString(),
        "member" => "new",
        "unit" => "24",
        "year" => AppFixture.DemoYear.ToString(),
        _ => "",
    };

    private static IEnumerable<string> BadValues(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(int) || t == typeof(long)) return ["0", "-1", "99999", "2147483648", "99999999999999999999", "abc", "1.5"];
        if (t == typeof(decimal)) return ["abc", "-1", "1e400", "99999999999999999999999999999999"];
        if (t == typeof(bool)) return ["abc", "2"];
        return ["abc", "99999", "0", "-1", "32/13/2025", "2025-13-01", "khong-co", "\u001b[31m", "<script>", new string('a', 2_000)];
    }

    private async Task<long> HouseholdIdAsync()
    {
        await using var db = app.CreateDb();
        return await db.Set<HouseholdYear>().Where(y => y.Year == AppFixture.DemoYear).Select(y => y.HouseholdId).FirstAsync();
    }

    /// The message of an error: a problem's detail under /api (its title in Vietnamese too), else the page's alert.
    private static async Task<string> MessageAsync(HttpResponseMessage response, string url)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", body);
        if (url.StartsWith("/api"))
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var doc = JsonDocument.Parse(body);
            Assert.Matches(VietnameseWord(), doc.RootElement.GetProperty("title").GetString()!);
            return doc.RootElement.GetProperty("detail").GetString()!;
        }
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var alert = AlertPattern().Match(body);
        Assert.True(alert.Success, $"no alert in the page of {url}: {body[..Math.Min(body.Length, 300)]}");
        return WebUtility.HtmlDecode(alert.Groups[1].Value);
    }

    [GeneratedRegex("role=\"alert\"[^>]*>([^<]+)<")]
    private static partial Regex AlertPattern();

    [GeneratedRegex(@"\{([^}:?]+)[^}]*\}")]
    private static partial Regex RouteValue();

    [GeneratedRegex("[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]", RegexOptions.IgnoreCase)]
    private static partial Regex VietnameseWord();
}
