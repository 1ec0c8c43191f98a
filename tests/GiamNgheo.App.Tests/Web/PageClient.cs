using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace GiamNgheo.App.Tests.Web;

/// The app over HTTP as a browser without script uses it: pages, forms posted with their antiforgery token, the API.
public sealed partial class PageClient(AppFixture app)
{
    public HttpClient Http { get; } = app.Factory.CreateClient();
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// A page's form fields as the page shows them (inputs by value, selects by their selected option), its token, and
    /// the fields posted with the changes; returns the response's status and body (redirects are followed).
    public async Task<(HttpStatusCode Status, string Html, string Location)> PostFormAsync(string page, IReadOnlyDictionary<string, string> changes, string? handler = null)
    {
        var html = await Http.GetStringAsync(page);
        var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = TokenPattern().Match(html).Groups[1].Value };
        foreach (Match m in InputPattern().Matches(html)) fields[WebUtility.HtmlDecode(m.Groups[1].Value)] = WebUtility.HtmlDecode(m.Groups[2].Value);
        foreach (Match m in SelectPattern().Matches(html))
        {
            var selected = SelectedPattern().Match(m.Groups[2].Value);
            fields[WebUtility.HtmlDecode(m.Groups[1].Value)] = selected.Success ? WebUtility.HtmlDecode(selected.Groups[1].Value) : "";
        }
        foreach (var (k, v) in changes) fields[k] = v;
        var url = handler is null ? page : page + (page.Contains('?') ? "&" : "?") + "handler=" + handler;
        using var body = new FormUrlEncodedContent(fields);
        var response = await Http.PostAsync(url, body);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.RequestMessage?.RequestUri?.PathAndQuery ?? "");
    }

    /// A page that may answer an error status (400, 404) with its message in the page.
    public async Task<(HttpStatusCode Status, string Html)> GetPageAsync(string url)
    {
        var response = await Http.GetAsync(url);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }


    public Task<(HttpStatusCode, string)> PostImportAsync(string content, string fileName, int year, bool confirm = true) =>
        PostImportAsync(System.Text.Encoding.UTF8.GetBytes(content), fileName, year, confirm);

    /// Uploads a file to the import page (which checks it) and, when the page asks, confirms the write.
    public async Task<(HttpStatusCode, string)> PostImportAsync(byte[] content, string fileName, int year, bool confirm = true)
    {
        var form = await Http.GetStringAsync("/import");
        var token = TokenPattern().Match(form).Groups[1].Value;
        using var body = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(year.ToString()), "Year" },
            { new ByteArrayContent(content), "file", fileName },
        };
        var response = await Http.PostAsync("/import", body);
        var html = await response.Content.ReadAsStringAsync();
        if (!confirm || ConfirmPattern().Match(html) is not { Success: true } pending) return (response.StatusCode, html);
        using var confirmation = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TokenPattern().Match(html).Groups[1].Value, ["token"] = pending.Groups[1].Value,
            ["fileName"] = fileName, ["Year"] = year.ToString(),
        });
        var written = await Http.PostAsync("/import?handler=confirm", confirmation);
        return (written.StatusCode, await written.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("name=\"token\" value=\"([0-9a-f]{32})\"")]
    private static partial Regex ConfirmPattern();

    /// One member row of the exchange file as CSV, with only the required cells filled (and any others given by key).
    public static string Row(string code, string commune, string name, string dob, string relation, params (string Key, string Value)[] more) =>
        string.Join(",", GiamNgheo.Files.Exchange.HouseholdFile.Columns.Select(c => more.FirstOrDefault(m => m.Key == c.Key).Value ?? c.Key switch
        {
            "household_code" => code, "commune_code" => commune, "hamlet" => "Thôn Thử", "full_name" => name, "sex" => "Nam",
            "date_of_birth" => dob, "relation" => relation, "ethnic_code" => "Kinh", _ => "",
        }));

    [GeneratedRegex("href=\"(/import\\?handler=errorcopy[^\"]+)\"")]
    public static partial Regex ErrorCopyLink();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("<input[^>]*?name=\"(F\\[[^\"]+\\])\"[^>]*?value=\"([^\"]*)\"")]
    private static partial Regex InputPattern();

    [GeneratedRegex("<select[^>]*?name=\"(F\\[[^\"]+\\])\"[^>]*>(.*?)</select>", RegexOptions.Singleline)]
    private static partial Regex SelectPattern();

    [GeneratedRegex("<option selected=\"selected\"[^>]*>([^<]*)</option>")]
    private static partial Regex SelectedPattern();
}
