using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Explorer.Indexer.OpenAssets;

/// <summary>Registers the asset definition fetcher with its options bound from "OpenAssets:Definitions".</summary>
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
        return services;
    }
}
