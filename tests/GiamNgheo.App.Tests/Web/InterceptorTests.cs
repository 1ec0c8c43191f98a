using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using System.Text.Json;
using GiamNgheo.Data.Changes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GiamNgheo.App.Tests.Web;

/// An interceptor registered once in DI is attached to every context the app makes: the request's own and the extra
/// ones of batch classification. This is where the audit trail of a later issue will see every write.
public sealed class InterceptorTests(AppFixture app)
{
    private sealed class Watcher : DbConnectionInterceptor, ISaveChangesInterceptor
    {
        public ConcurrentDictionary<DbContext, int> Contexts { get; } = new();
        public ConcurrentBag<string> Saved { get; } = [];

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
        {
            if (eventData.Context is { } c) Contexts.AddOrUpdate(c, 1, (_, n) => n + 1);
            return Task.CompletedTask;
        }

        public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
        {
            foreach (var e in eventData.Context!.ChangeTracker.Entries<ChangeRecord>()) Saved.Add(e.Entity.Action);
            return ValueTask.FromResult(result);
        }
    }

    [Fact]
    public async Task AnImportThroughTheApi_AndItsReclassification_RunOnContextsTheInterceptorSees()
    {
        var watcher = new Watcher();
        await using var factory = app.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IInterceptor>(watcher)));
        var csv = string.Join("\n", string.Join(",", Files.Exchange.HouseholdFile.Columns.Select(c => c.Header)),
            PageClient.Row("00004-API-1", "00004", "Trịnh Văn Api", "01/01/1970", "Chủ hộ"));
        using var body = new MultipartFormDataContent { { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv)), "file", "api.csv" } };
        var response = await factory.CreateClient().PostAsync("/api/households/import?year=2024", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((true, 1, 1), (doc.RootElement.GetProperty("applied").GetBoolean(), doc.RootElement.GetProperty("households").GetInt32(), doc.RootElement.GetProperty("members").GetInt32()));

        Assert.Contains("households.import", watcher.Saved);
        // The import's context, the classification's writer and its two readers, and the contexts that list the
        // standards: all carried the interceptor.
        Assert.True(watcher.Contexts.Count >= 4, $"{watcher.Contexts.Count} contexts seen");
    }

    [Fact]
    public async Task ARejectedFile_Is422_WithEveryErrorByRowAndColumn()
    {
        var csv = string.Join("\n", string.Join(",", Files.Exchange.HouseholdFile.Columns.Select(c => c.Header)),
            PageClient.Row("00004-API-2", "99999", "Trịnh Văn Sai", "31/02/1970", "Chủ hộ"));
        using var body = new MultipartFormDataContent { { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv)), "file", "sai.csv" } };
        var response = await new PageClient(app).Http.PostAsync("/api/households/import?year=2024", body);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = doc.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("column").GetString()).ToList();
        Assert.Equal(["Mã xã", "Ngày sinh"], errors.Order());
        Assert.False(doc.RootElement.GetProperty("applied").GetBoolean());
    }
}
