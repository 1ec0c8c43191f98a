using System.CommandLine;
using GiamNgheo.App.Cli;

namespace GiamNgheo.App.Features.Import;

public sealed class ImportFeature : IFeature
{
    public void AddServices(IServiceCollection services)
    {
        services.AddScoped<HouseholdExchange>().AddSingleton<UploadedFiles>();
        ImportUpload.AddToPage(services);
    }

    public void MapApi(IEndpointRouteBuilder api) => ImportApi.Map(api);
    public IEnumerable<Command> Commands(CliContext cli) => [HouseholdsCommand.Build(cli)];
}
