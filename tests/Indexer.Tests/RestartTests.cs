using Explorer.BlockFiles;
using Explorer.Indexer.Pipeline;
using Explorer.Indexer.Tests.Support;
using Xunit.Abstractions;

namespace Explorer.Indexer.Tests;

/// <summary>
/// Restarts: the indexer is stopped 20 times at seeded-random ClickHouse requests (often between the tables of one
/// batch, so rows exist above the recorded progress), restarted each time, and ends with tables identical to an
/// uninterrupted run. The stop is in-process (the request never reaches the server and the pass is cancelled), not
/// SIGKILL: what the store sees is the same, a prefix of the writes.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RestartTests(ForgedChains chains, ITestOutputHelper output) : IClassFixture<ForgedChains>
{
    [Fact(Timeout = 300_000)]
    public async Task Stopped_twenty_times_mid_write_then_resumed_equals_an_uninterrupted_run()
    {
        await using var reference = await IndexerHarness.CreateAsync("restart_ref");
        using (var source = BlocksFolderSource.Open(chains.Demo.BlocksDirectory, NetworkMagic.RegTest))
            await reference.Indexer(IndexerHarness.Options_(batchBlocks: 10)).RunOnceAsync(source, CancellationToken.None);

        await using var harness = await IndexerHarness.CreateAsync("restart");
        var random = new Random(20261128);
        var stops = 0;
        var heights = new List<int>();
        for (var attempt = 0; attempt < 20; attempt++)
        {
            using var cts = new CancellationTokenSource();
            var requests = 0;
            var killAt = random.Next(10, 28);
            harness.Faults.OnRequest = _ =>
            {
                if (++requests != killAt) return;
                cts.Cancel();
                throw new OperationCanceledException("simulated kill", cts.Token);
            };
            using var source = BlocksFolderSource.Open(chains.Demo.BlocksDirectory, NetworkMagic.RegTest);
            try
            {
                await harness.Indexer(IndexerHarness.Options_(batchBlocks: 2)).RunOnceAsync(source, cts.Token);
            }
            catch (Exception) when (cts.IsCancellationRequested)
            {
                stops++;
            }
            heights.Add((await harness.Store.ReadProgressAsync(CancellationToken.None))?.Height ?? -1);
        }
        harness.Faults.OnRequest = null;
        output.WriteLine($"{stops} stops; progress after each: {string.Join(", ", heights)}");
        Assert.Equal(20, stops);
        Assert.True(heights[^1] > heights[0], "passes made progress between stops");

        using (var source = BlocksFolderSource.Open(chains.Demo.BlocksDirectory, NetworkMagic.RegTest))
            await harness.Indexer(IndexerHarness.Options_(batchBlocks: 10)).RunOnceAsync(source, CancellationToken.None);

        Assert.Equal(await reference.SnapshotAsync(), await harness.SnapshotAsync());
        await Truth.AssertOpenAssetsEqualAsync(harness, chains.Demo.Truth);
    }
}
