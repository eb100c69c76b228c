extern alias indexer;

using ClickHouse.Driver;
using Explorer.BlockFiles;
using Explorer.Web.Tests.Store;
using indexer::Explorer.Indexer.Configuration;
using indexer::Explorer.Indexer.Pipeline;
using indexer::Explorer.Indexer.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Explorer.Web.Tests.Indexed;

/// <summary>Writes a store the way the indexer does: its own <see cref="ChainIndexer"/> over the Core regtest blocks folder.</summary>
public static class RegtestIndexing
{
    /// <summary>Indexes the fixture's blocks up to <paramref name="maxHeight"/> (default: its tip); a later call indexes what follows.</summary>
    public static async Task IndexAsync(StoreDatabase store, CancellationToken ct, int maxHeight = int.MaxValue)
    {
        using var client = new ClickHouseClient(store.Server.GetConnectionString(store.Name));
        var options = new IndexerOptions { Network = "regtest", BatchBlocks = 50, ParseAhead = 16, MaxRetryDelaySeconds = 0.4, ProgressSeconds = 3600 };
        var chainIndexer = new ChainIndexer(new ClickHouseStore(client), options, NullLogger<ChainIndexer>.Instance, NullLogger<BlockWriter>.Instance);
        using var source = new TruncatedSource(BlocksFolderSource.Open(Path.Combine(RegtestTruth.Folder, "blocks"), NetworkMagic.RegTest), maxHeight);
        var run = await chainIndexer.RunOnceAsync(source, ct);
        if (run.TipHeight <= 0) throw new InvalidOperationException("the regtest fixture indexed no blocks");
    }
}
