using System.CommandLine;
using GiamNgheo.App.Cli;

namespace GiamNgheo.App.Features.Simulate;

public sealed class SimulateFeature : IFeature
{
    public void AddServices(IServiceCollection services) => services.AddScoped<StandardSimulation>();
    public IEnumerable<Command> Commands(CliContext cli) => [SimulateCommand.Build(cli)];
}
