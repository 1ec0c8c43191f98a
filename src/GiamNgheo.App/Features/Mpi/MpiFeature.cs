using System.CommandLine;
using GiamNgheo.App.Cli;

namespace GiamNgheo.App.Features.Mpi;

public sealed class MpiFeature : IFeature
{
    public void AddServices(IServiceCollection services) => services.AddScoped<PovertyIndexReport>();
    public IEnumerable<Command> Commands(CliContext cli) => [MpiCommand.Build(cli)];
}
