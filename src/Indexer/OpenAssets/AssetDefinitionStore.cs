using System.Collections.Concurrent;
using Explorer.Protocols.OpenAssets;

namespace Explorer.Indexer.OpenAssets;

/// <summary>
/// The latest fetched definition of each asset, in memory (ClickHouse persistence comes later). Written by
/// <see cref="AssetDefinitionWorker"/>, read by the explorer.
/// </summary>
public sealed class AssetDefinitionStore
{
    private readonly ConcurrentDictionary<OaAssetId, AssetDefinitionFetchResult> _byAsset = new();

    /// <summary>Raised after a result is stored (for tests and for cache invalidation in the web app).</summary>
    public event Action<OaAssetId, AssetDefinitionFetchResult>? Stored;

    public int Count => _byAsset.Count;

    public bool TryGet(OaAssetId assetId, out AssetDefinitionFetchResult result) => _byAsset.TryGetValue(assetId, out result!);

    public void Set(OaAssetId assetId, AssetDefinitionFetchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        _byAsset[assetId] = result;
        Stored?.Invoke(assetId, result);
    }
}
