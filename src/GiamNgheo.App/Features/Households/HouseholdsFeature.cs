namespace GiamNgheo.App.Features.Households;

public sealed class HouseholdsFeature : IFeature
{
    public void AddServices(IServiceCollection services) => services.AddScoped<HouseholdRecords>();
    public void MapApi(IEndpointRouteBuilder api) => HouseholdsApi.Map(api);
}
