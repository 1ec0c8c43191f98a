using GiamNgheo.Data.Classification;

namespace GiamNgheo.App.Features.Results;

/// At the server's start, completes the reclassifications that a write committed but did not finish (the process died
/// in between): until then the results show those communes as being recomputed.
public sealed class PendingReclassifications(IServiceScopeFactory scopes, TimeProvider clock, ILogger<PendingReclassifications> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var reports = await scope.ServiceProvider.GetRequiredService<Reclassification>().CompletePendingAsync(clock.GetUtcNow().UtcDateTime, stoppingToken);
            if (reports.Count > 0) log.LogInformation("Đã tính lại các kết quả còn dở: {Reports}", ClassifyReports.Describe(reports));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        catch (Exception e)
        {
            // The pending rows stay; the next start or `giamngheo classify` completes them.
            log.LogError(e, "Không tính lại được các kết quả còn dở.");
        }
    }
}
