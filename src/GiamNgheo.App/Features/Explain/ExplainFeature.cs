namespace GiamNgheo.App.Features.Explain;

public sealed class ExplainFeature : IFeature
{
    public void AddServices(IServiceCollection services) => services.AddScoped<HouseholdExplanation>();
    public void MapApi(IEndpointRouteBuilder api) => ExplainApi.Map(api);
}
