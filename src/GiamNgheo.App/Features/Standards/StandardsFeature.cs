using System.CommandLine;
using GiamNgheo.App.Cli;

namespace GiamNgheo.App.Features.Standards;

public sealed class StandardsFeature : IFeature
{
    public void AddServices(IServiceCollection services) => services.AddScoped<StandardsCatalogue>();
    public void MapApi(IEndpointRouteBuilder api) => StandardsApi.Map(api);
    public IEnumerable<Command> Commands(CliContext cli) => [StandardsCommand.Build(cli)];
}
