using Explorer.BlockFiles;
using Explorer.Indexer.Pipeline;
using Explorer.Indexer.Tests.Support;
using Xunit.Abstractions;

namespace Explorer.Indexer.Tests;

/// <summary>
/// Forged chains (tools/ChainForge, docs/chain-forge.md) indexed from their blocks folder end equal to the forge's
/// ground truth (truth.json): Open Assets colored outputs, balances, assets, issued totals, events; the reorg scenario
/// (stale branches delivered first, as a node connected them) ends equal to the winning branch.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ForgedChainIndexingTests(ForgedChains chains, ITestOutputHelper output) : IClassFixture<ForgedChains>
{
    [Fact(Timeout = 300_000)]
    public async Task Demo_chain_from_its_blocks_folder_equals_the_truth()
    {
        await using var harness = await IndexerHarness.CreateAsync("demo");
        // Blocks lent from the buffer pool, as the indexer reads a folder (each given back after its state step).
        using var source = BlocksFolderSource.Open(chains.Demo.BlocksDirectory, NetworkMagic.RegTest, pooled: true);

        var run = await harness.Indexer().RunOnceAsync(source, CancellationToken.None);
        output.WriteLine($"demo: {run.Blocks} blocks, {run.Transactions} tx ({run.ColoredTransactions} colored), {run.Bytes} bytes in " +
            $"{run.Elapsed.TotalSeconds:F2} s = {run.BlocksPerSecond:F0} blocks/s, {run.MegabytesPerSecond:F2} MB/s, {run.TransactionsPerSecond:F0} tx/s");

        Assert.Equal(chains.Demo.Truth.RootElement.GetProperty("tip").GetProperty("hash").GetString(), run.TipHash);
        await Truth.AssertOpenAssetsEqualAsync(harness, chains.Demo.Truth);
        await Truth.AssertEventsAsync(harness, chains.Demo.Truth);

        // A second pass finds nothing to do and changes nothing.
        var before = await harness.SnapshotAsync();
        var again = await harness.Indexer().RunOnceAsync(source, CancellationToken.None);
        Assert.Equal(0, again.Blocks);
        Assert.Equal(before, await harness.SnapshotAsync());

        // The same tables as from blocks read into arrays of their own.
        await using var unpooled = await IndexerHarness.CreateAsync("demo_unpooled");
        using (var arrays = BlocksFolderSource.Open(chains.Demo.BlocksDirectory, NetworkMagic.RegTest))
            await unpooled.Indexer().RunOnceAsync(arrays, CancellationToken.None);
        Assert.Equal(before, await unpooled.SnapshotAsync());
    }

    [Fact(Timeout = 300_000)]
    public async Task Reorg_scenario_ends_equal_to_the_winning_branch()
    {
        await using var harness = await IndexerHarness.CreateAsync("reorg");
        using var source = new ReplaySource(BlocksFolderReader.Open(chains.Reorg.BlocksDirectory, NetworkMagic.RegTest));

        var run = await harness.Indexer(IndexerHarness.Options_(batchBlocks: 7)).RunOnceAsync(source, CancellationToken.None);

        Assert.Equal(3, run.Rollbacks);
        Assert.Equal(chains.Reorg.Truth.RootElement.GetProperty("tip").GetProperty("hash").GetString(), run.TipHash);
        await Truth.AssertOpenAssetsEqualAsync(harness, chains.Reorg.Truth);
        await Truth.AssertEventsAsync(harness, chains.Reorg.Truth);

        // Same store as a run that never saw the stale branches.
        await using var straight = await IndexerHarness.CreateAsync("reorg_straight");
        using var folder = BlocksFolderSource.Open(chains.Reorg.BlocksDirectory, NetworkMagic.RegTest);
        await straight.Indexer().RunOnceAsync(folder, CancellationToken.None);
        Assert.Equal(await straight.SnapshotAsync(), await harness.SnapshotAsync());
    }
}
