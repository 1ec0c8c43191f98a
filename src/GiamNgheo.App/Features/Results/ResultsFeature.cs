using System.CommandLine;
using GiamNgheo.App.Cli;

namespace GiamNgheo.App.Features.Results;

public sealed class ResultsFeature : IFeature
{
    public void AddServices(IServiceCollection services)
    {
        services.AddScoped<ClassificationResults>();
        services.AddHostedService<PendingReclassifications>();
    }
    public void MapApi(IEndpointRouteBuilder api) => ResultsApi.Map(api);
    public IEnumerable<Command> Commands(CliContext cli) => [ClassifyCommand.Build(cli)];
}
