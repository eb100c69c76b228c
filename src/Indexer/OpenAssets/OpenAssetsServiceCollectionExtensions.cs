using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Explorer.Indexer.OpenAssets;

/// <summary>Registers the asset definition fetcher (options from "OpenAssets:Definitions"), its store and the
/// background worker that fetches off the indexing path.</summary>
public static class OpenAssetsServiceCollectionExtensions
{
    public static IServiceCollection AddAssetDefinitionFetcher(this IServiceCollection services)
    {
        services.AddOptions<AssetDefinitionFetcherOptions>()
            .BindConfiguration(AssetDefinitionFetcherOptions.Section)
            .Validate(o => o.Timeout > TimeSpan.Zero && o.MaxBytes > 0 && o.MaxRedirects >= 0 && o.CacheCapacity >= 0,
                "OpenAssets:Definitions needs a positive Timeout and MaxBytes, and non-negative MaxRedirects and CacheCapacity")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AssetDefinitionFetcher>();
        services.TryAddSingleton<AssetDefinitionStore>();
        services.TryAddSingleton<AssetDefinitionWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<AssetDefinitionWorker>());
        return services;
    }
}
