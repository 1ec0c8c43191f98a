using System.CommandLine;
using GiamNgheo.App.Cli;

namespace GiamNgheo.App.Features.Units;

public sealed class UnitsFeature : IFeature
{
    public void AddServices(IServiceCollection services) => services.AddScoped<UnitDirectory>();
    public void MapApi(IEndpointRouteBuilder api) => UnitsApi.Map(api);
    public IEnumerable<Command> Commands(CliContext cli) => [UnitsCommand.Build(cli)];
}
