using System.CommandLine;
using GiamNgheo.App.Cli;

namespace GiamNgheo.App.Features.Scorecards;

public sealed class ScorecardsFeature : IFeature
{
    public void AddServices(IServiceCollection services) => services.AddScoped<ScorecardCards>();
    public void MapApi(IEndpointRouteBuilder api) => ScorecardsApi.Map(api);
    public IEnumerable<Command> Commands(CliContext cli) => [ScorecardCommand.Build(cli)];
}
