using Explorer.BlockFiles;
using Explorer.Indexer.Configuration;
using Explorer.Indexer.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Explorer.Indexer.Sources;

/// <summary>
/// Opens the source of each pass from the options: the blocks folder, the node, or the folder then the node (after a
/// pass that reached the node, the folder is not opened again). Between passes in follow mode it waits for the
/// node's tip to change (<see cref="TipWatcher"/>: ZMQ when configured, polling otherwise) or, for a folder only,
/// for <see cref="IndexerOptions.PollSeconds"/>.
/// </summary>
public sealed partial class BlockSourceFactory(IndexerOptions options, TipWatcher tips, ILogger<BlockSourceFactory> logger)
{
    private readonly ChainNetwork _network = ChainNetwork.Resolve(options.Network);
    private readonly OutputCache _cache = new(options.OutputCacheSize);
    private bool _folderDone;

    /// <summary>Set for tests: the handler under the node client's HttpClient (null: the default).</summary>
    public HttpMessageHandler? NodeHandler { get; init; }

    /// <summary>The node source of the last pass (null without a node).</summary>
    public NodeBlockSource? LastNodeSource { get; private set; }

    public bool UsesNode => !string.IsNullOrEmpty(options.RpcUrl);

    public NodeEndpoint Endpoint() => new(new Uri(options.RpcUrl!), options.RpcUser, options.RpcPassword, options.RpcCookieFile);

    public NodeClient CreateClient() =>
        new(Endpoint(), _network.Network, TimeSpan.FromSeconds(options.RpcTimeoutSeconds), NodeHandler);

    /// <summary>A factory outside DI: no ZMQ (polling only), no logging.</summary>
    public static BlockSourceFactory Create(IndexerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var polling = new IndexerOptions { PollSeconds = options.PollSeconds };
#pragma warning disable CA2000 // never started: ZMQ stays off without an address
        var zmq = new ZmqListener(polling, NullLogger<ZmqListener>.Instance);
#pragma warning restore CA2000
        return new BlockSourceFactory(options, new TipWatcher(polling, zmq, NullLogger<TipWatcher>.Instance), NullLogger<BlockSourceFactory>.Instance);
    }

    public async Task<IBlockSource> OpenAsync(CancellationToken ct)
    {
        if (!UsesNode) return BlocksFolderSource.Open(options.BlocksDirectory!, _network.Magic, pooled: true);
        var client = CreateClient();
        try
        {
            await client.DetectRestAsync(ct);
            var node = await NodeBlockSource.OpenAsync(client, _network.Network, _cache, options.RpcParallelism, options.RpcHashBatch, ct);
            if (!string.Equals(node.Tip.Chain, ExpectedChain(options.Network), StringComparison.Ordinal) && node.Tip.Chain.Length > 0)
                throw new IndexerException($"the node at {client.Url} is on chain '{node.Tip.Chain}', not {options.Network}");
            LastNodeSource = node;
            LogOpened(logger, client.Url, node.Tip.Blocks, client.HasRest);
            if (string.IsNullOrEmpty(options.BlocksDirectory) || _folderDone) return new OwningNodeSource(node, client);
            return new FolderThenNodeSource(BlocksFolderReader.Open(options.BlocksDirectory, _network.Magic), new OwningNodeSource(node, client),
                () => _folderDone = true);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Follow mode, between passes: returns when there may be new blocks.</summary>
    public Task WaitForNextAsync(string? indexedTip, CancellationToken ct) =>
        UsesNode ? tips.WaitForNewTipAsync(CreateClient, indexedTip, ct) : Task.Delay(TimeSpan.FromSeconds(options.PollSeconds), ct);

    /// <summary>The "chain" that getblockchaininfo reports for a network name (Core: main, test, testnet4, signet, regtest).</summary>
    public static string ExpectedChain(string network) => network switch
    {
        "main" or "mainnet" => "main",
        "test" or "testnet" or "testnet3" => "test",
        _ => network,
    };

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Node {Url}: tip {Height}, REST {Rest}")]
    private static partial void LogOpened(ILogger logger, Uri url, int height, bool rest);
}
