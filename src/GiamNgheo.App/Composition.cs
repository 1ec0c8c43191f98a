using GiamNgheo.App.Features;
using GiamNgheo.Data.Classification;
using GiamNgheo.Data.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GiamNgheo.App;

/// The one composition of the app, for the web host and the command line alike.
public static class Composition
{
    public static IServiceCollection AddGiamNgheo(this IServiceCollection services, DatabaseTarget target)
    {
        services.AddSingleton(target);
        // Every context comes from this factory (a request's, a command's, and batch work's extra connections), with
        // the interceptors registered in DI: one interceptor sees every write.
        services.AddSingleton(sp => new RegistryDbFactory(target, sp.GetServices<IInterceptor>()));
        services.AddSingleton<IDbContextFactory<RegistryDb>>(sp => sp.GetRequiredService<RegistryDbFactory>());
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<RegistryDb>>().CreateDbContext());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_ => BundledStandards.Load());
        services.AddScoped<BatchClassification>();
        services.AddScoped<Reclassification>();
        services.AddScoped<ReviewYears>();
        foreach (var feature in FeatureList.All) feature.AddServices(services);
        return services;
    }
}
