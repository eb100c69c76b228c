using System.Text;
using Explorer.Indexer.OpenAssets;
using Explorer.Protocols.OpenAssets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Explorer.Indexer.Tests.OpenAssets;

/// <summary>
/// Definitions are fetched off the indexing path by a hosted worker, wired by AddAssetDefinitionFetcher.
/// Spec: https://github.com/OpenAssets/open-assets-protocol/blob/master/asset-definition-protocol.mediawiki
/// </summary>
[Trait("Category", "Unit")]
public sealed class AssetDefinitionWorkerTests : IAsyncDisposable
{
    private readonly LocalHttpServer _server = new();

    [Fact(Timeout = 20_000)]
    public async Task EnqueuedPointers_AreFetchedIntoTheStore()
    {
        var asset = OaAssetId.FromScript([0x51]);
        _server.MapBytes("/def.json", Encoding.UTF8.GetBytes($$"""{"asset_ids": ["{{asset.ToBase58()}}"], "name_short": "W", "name": "Worker"}"""));

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OpenAssets:Definitions:AllowLoopback"] = "true",
            ["OpenAssets:Definitions:Timeout"] = "00:00:05",
        });
        builder.Logging.ClearProviders();
        builder.Services.AddAssetDefinitionFetcher();
        using var host = builder.Build();
        var store = host.Services.GetRequiredService<AssetDefinitionStore>();
        var stored = new TaskCompletionSource<AssetDefinitionFetchResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        store.Stored += (id, result) => { if (id == asset) stored.TrySetResult(result); };
        await host.StartAsync();

        var worker = host.Services.GetRequiredService<AssetDefinitionWorker>();
        Assert.True(worker.TryEnqueue(new AssetDefinitionPointer(_server.Url("/def.json"), null), asset));
        var result = await stored.Task.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.True(result.IsSuccess, result.Message);
        Assert.Equal("Worker", result.Definition!.Name);
        Assert.True(store.TryGet(asset, out var again));
        Assert.Same(result, again);
        await host.StopAsync();
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
