using System.CommandLine;
using GiamNgheo.App.Cli;

namespace GiamNgheo.App.Features;

/// A feature of the app: one folder holding its use case, its pages, its API endpoints and its command. The host
/// (web or command line) asks each feature for its services, endpoints and commands; a new feature adds a folder and
/// one line to <see cref="FeatureList"/>, and edits no shared list of commands, endpoints or entities.
public interface IFeature
{
    /// The feature's use case (and anything only it uses), resolved per request or per command.
    void AddServices(IServiceCollection services);

    /// Its JSON endpoints under /api.
    void MapApi(IEndpointRouteBuilder api) { }

    /// Its `giamngheo` subcommands.
    IEnumerable<Command> Commands(CliContext cli) => [];
}

public static class FeatureList
{
    public static readonly IReadOnlyList<IFeature> All =
    [
        new Units.UnitsFeature(),
        new Households.HouseholdsFeature(),
        new Import.ImportFeature(),
        new Results.ResultsFeature(),
        new Explain.ExplainFeature(),
        new Simulate.SimulateFeature(),
        new Mpi.MpiFeature(),
        new Standards.StandardsFeature(),
        new Scorecards.ScorecardsFeature(),
        new Demo.DemoFeature(),
    ];
}
