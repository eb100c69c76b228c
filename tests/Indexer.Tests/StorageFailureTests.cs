using Explorer.BlockFiles;
using Explorer.Indexer.Configuration;
using Explorer.Indexer.HostedServices;
using Explorer.Indexer.Pipeline;
using Explorer.Indexer.Tests.Support;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace Explorer.Indexer.Tests;

/// <summary>
/// ClickHouse unreachable or failing (requests fail as a closed port does, HttpRequestException): the indexer retries
/// with capped back-off, records no progress past a failed write, and ends equal to the truth once ClickHouse is back.
/// </summary>
[Trait("Category", "Integration")]
public sealed class StorageFailureTests(ForgedChains chains, ITestOutputHelper output) : IClassFixture<ForgedChains>
{
    [Fact(Timeout = 300_000)]
    public async Task Failing_writes_are_retried_with_capped_backoff_and_progress_does_not_pass_them()
    {
        await using var harness = await IndexerHarness.CreateAsync("failing_writes");
        using var probeClient = new global::ClickHouse.Driver.ClickHouseClient(harness.ConnectionString);
        var probe = new Explorer.Indexer.Storage.ClickHouseStore(probeClient);
        // Insert bodies are compressed, so the handler does not tell statements apart: from the 150th request on, the
        // next 8 requests of the indexer fail (mid-run, in the Open Assets part of the chain). The progress is read
        // (through another client) at the 1st and the 8th failure.
        var requests = 0;
        var failed = 0;
        var progressAtFailures = new List<(int Height, string Hash)?>();
        harness.Faults.Fail = _ =>
        {
            if (++requests < 150 || failed >= 8) return false;
            if (++failed is 1 or 8)
                progressAtFailures.Add(probe.ReadProgressAsync(CancellationToken.None).GetAwaiter().GetResult());
            return true;
        };
        using var source = BlocksFolderSource.Open(chains.Demo.BlocksDirectory, NetworkMagic.RegTest);

        var result = await harness.Indexer(IndexerHarness.Options_(batchBlocks: 2)).RunOnceAsync(source, CancellationToken.None);

        Assert.Equal(8, harness.Faults.Failures);
        Assert.Equal(2, progressAtFailures.Count);
        Assert.NotNull(progressAtFailures[0]);
        Assert.Equal(progressAtFailures[0], progressAtFailures[1]); // no progress while writes fail
        Assert.True(progressAtFailures[0]!.Value.Height < 200);
        Assert.Equal(200, result.TipHeight);
        await Truth.AssertOpenAssetsEqualAsync(harness, chains.Demo.Truth);
        Assert.Equal(201UL, (await harness.QueryAsync<ulong>("SELECT count() FROM blocks FINAL WHERE is_orphaned = 0")).Single());

        // Back-off: the pauses between failed attempts grow, and stay under the cap (0.4 s) plus scheduling slack.
        var failures = harness.Faults.Log.Where(l => l.Failed).Select(l => l.At).ToList();
        var gaps = failures.Zip(failures.Skip(1), (a, b) => (b - a).TotalSeconds).ToList();
        output.WriteLine("gaps between failed attempts (s): " + string.Join(", ", gaps.Select(g => g.ToString("F2", System.Globalization.CultureInfo.InvariantCulture))));
        Assert.True(gaps[0] >= 0.2, $"first retry waited {gaps[0]:F2}s");
        Assert.True(gaps[^1] >= 0.39, "back-off grew to the cap");
        Assert.All(gaps, g => Assert.True(g < 0.4 + 1.5, $"gap {g:F2}s exceeds the cap"));
    }

    [Fact(Timeout = 300_000)]
    public async Task Unreachable_clickhouse_at_start_is_retried_by_the_service_until_it_answers()
    {
        await using var harness = await IndexerHarness.CreateAsync("unreachable");
        var refused = 0;
        harness.Faults.Fail = _ => Interlocked.Increment(ref refused) <= 5; // the first 5 requests meet a closed port
        var options = IndexerHarness.Options_(batchBlocks: 50);
        options.BlocksDirectory = chains.Demo.BlocksDirectory;
        using var lifetime = new TestLifetime();
        using var service = new IndexerService(harness.Indexer(options), Options.Create(options), lifetime, NullLogger<IndexerService>.Instance);

        await service.StartAsync(CancellationToken.None);
        await lifetime.Stopped.Task.WaitAsync(TimeSpan.FromMinutes(4));
        await service.StopAsync(CancellationToken.None);

        Assert.Null(service.Fatal);
        Assert.Equal(5, harness.Faults.Failures);
        Assert.Equal(200, service.LastRun!.TipHeight);
        await Truth.AssertOpenAssetsEqualAsync(harness, chains.Demo.Truth);
    }
}
