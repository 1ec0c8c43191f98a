using System.CommandLine;
using GiamNgheo.App.Cli;

namespace GiamNgheo.App.Features.Demo;

public sealed class DemoFeature : IFeature
{
    public void AddServices(IServiceCollection services) => services.AddScoped<DemoProvinceSeed>();
    public IEnumerable<Command> Commands(CliContext cli) => [DemoCommand.Build(cli)];
}
