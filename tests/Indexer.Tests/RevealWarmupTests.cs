using Explorer.BlockFiles;
using Explorer.Indexer.Pipeline;
using Explorer.Indexer.Tests.Support;

namespace Explorer.Indexer.Tests;

/// <summary>
/// The taproot reveal-source cache outlives a pass (a follow step's reveal may spend a commit of the step before), and
/// after a restart it is filled again from the last <c>RevealWarmupBlocks</c> blocks below the resume height: what a
/// Counterparty reveal needs when its commit was indexed before the indexer stopped. The forged demo chain pays P2TR
/// outputs (its script mix), so every block has payers to count.
/// </summary>
public sealed class RevealWarmupTests(ForgedChains chains) : IClassFixture<ForgedChains>
{
    [Fact(Timeout = 300_000)]
    public async Task Kept_across_passes_and_read_again_after_a_restart()
    {
        using var reader = BlocksFolderReader.Open(chains.Demo.BlocksDirectory, NetworkMagic.RegTest);
        var payers = PayersPerHeight(reader);
        int Payers(int from, int to) => payers.Where(p => p.Key >= from && p.Key <= to).Sum(p => p.Value);
        Assert.True(Payers(0, 120) > 0 && Payers(111, 120) > 0, "the demo chain pays P2TR outputs");

        // One indexer, two passes (a follow step): nothing is read again, the cache goes on (holding the payers of the
        // window: the last 11 blocks).
        await using (var harness = await IndexerHarness.CreateAsync("warm_follow"))
        {
            var indexer = harness.Indexer(Options(warmup: 10));
            await indexer.RunOnceAsync(new ReplaySource(reader) { StopAfter = 120 }, CancellationToken.None);
            Assert.Equal((Payers(110, 120), 120), (indexer.RevealSources.Count, indexer.RevealSources.ObservedHeight));
            await indexer.RunOnceAsync(new ReplaySource(reader) { StopAfter = 200 }, CancellationToken.None);
            Assert.Equal((Payers(190, 200), 200), (indexer.RevealSources.Count, indexer.RevealSources.ObservedHeight));
        }

        // A restart (a new indexer over the same store): the last 10 blocks below the resume height are read again, and
        // the cache ends as the uninterrupted one did.
        foreach (var warmup in new[] { 10, 0 })
        {
            await using var harness = await IndexerHarness.CreateAsync("warm_restart_" + warmup);
            await harness.Indexer(Options(warmup)).RunOnceAsync(new ReplaySource(reader) { StopAfter = 120 }, CancellationToken.None);
            var restarted = harness.Indexer(Options(warmup));
            await restarted.RunOnceAsync(new ReplaySource(reader) { StopAfter = 200 }, CancellationToken.None);
            Assert.Equal(warmup == 0 ? Payers(200, 200) : Payers(190, 200), restarted.RevealSources.Count);
        }
    }

    private static Configuration.IndexerOptions Options(int warmup)
    {
        var options = IndexerHarness.Options_();
        options.RevealWarmupBlocks = warmup;
        return options;
    }

    private static Dictionary<int, int> PayersPerHeight(BlocksFolderReader reader)
    {
        var counts = new Dictionary<int, int>();
        foreach (var block in reader.ReadActiveChain())
            counts[block.Height] = BlockParser.TaprootPayers(BlockParser.Parse(block)).Length;
        return counts;
    }
}
