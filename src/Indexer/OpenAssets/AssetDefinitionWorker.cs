using System.Threading.Channels;
using Explorer.Protocols.OpenAssets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Explorer.Indexer.OpenAssets;

/// <summary>
/// Keeps definition fetching off the indexing path: the indexer hands pointers over with <see cref="TryEnqueue"/>,
/// which never waits (a full queue drops the request; the pointer is seen again at the next issuance or on demand),
/// and this service fetches them one at a time into <see cref="AssetDefinitionStore"/>.
/// </summary>
public sealed partial class AssetDefinitionWorker(AssetDefinitionFetcher fetcher, AssetDefinitionStore store, ILogger<AssetDefinitionWorker> logger)
    : BackgroundService
{
    public const int QueueCapacity = 10_000;

    private readonly Channel<(AssetDefinitionPointer Pointer, OaAssetId AssetId)> _queue =
        Channel.CreateBounded<(AssetDefinitionPointer, OaAssetId)>(new BoundedChannelOptions(QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.DropWrite,
            SingleReader = true,
        });

    /// <summary>Asks for the definition of <paramref name="assetId"/> behind <paramref name="pointer"/>; never blocks.</summary>
    public bool TryEnqueue(AssetDefinitionPointer pointer, OaAssetId assetId) => _queue.Writer.TryWrite((pointer, assetId));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (pointer, assetId) in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            var result = await fetcher.FetchAsync(pointer, assetId, stoppingToken);
            store.Set(assetId, result);
            LogFetched(logger, assetId, pointer.Url, result.Failure);
        }
    }

    [LoggerMessage(EventId = 3102, Level = LogLevel.Debug, Message = "Asset {AssetId} definition {Url}: {Failure}")]
    private static partial void LogFetched(ILogger logger, OaAssetId assetId, string url, FetchFailure failure);
}
