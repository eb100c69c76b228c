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

        var writerLog = new Faults.ListLogger<BlockWriter>();
        var result = await harness.Indexer(IndexerHarness.Options_(batchBlocks: 2), writerLog).RunOnceAsync(source, CancellationToken.None);

        Assert.Equal(8, harness.Faults.Failures);
        Assert.Equal(2, progressAtFailures.Count);
        Assert.NotNull(progressAtFailures[0]);
        Assert.Equal(progressAtFailures[0], progressAtFailures[1]); // no progress while writes fail
        Assert.True(progressAtFailures[0]!.Value.Height < 200);
        Assert.Equal(200, result.TipHeight);
        await Truth.AssertOpenAssetsEqualAsync(harness, chains.Demo.Truth);
        Assert.Equal(201UL, (await harness.QueryAsync<ulong>("SELECT count() FROM blocks FINAL WHERE is_orphaned = 0")).Single());

        // Back-off: the delays the writer chose (its log: "retrying in N s") double from 0.25 s up to the cap (0.4 s) and
        // never pass it; the pauses between failed attempts are at least those delays. (Upper bounds on the pauses
        // themselves are not asserted: on a loaded machine an attempt can take seconds.)
        var delays = writerLog.Lines.Select(l => System.Text.RegularExpressions.Regex.Match(l.Text, @"retrying in ([0-9.]+)s"))
            .Where(m => m.Success).Select(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal([0.25, 0.40, 0.40, 0.40, 0.40, 0.40, 0.40, 0.40], delays);
        var failures = harness.Faults.Log.Where(l => l.Failed).Select(l => l.At).ToList();
        var gaps = failures.Zip(failures.Skip(1), (a, b) => (b - a).TotalSeconds).ToList();
        output.WriteLine("gaps between failed attempts (s): " + string.Join(", ", gaps.Select(g => g.ToString("F2", System.Globalization.CultureInfo.InvariantCulture))));
        Assert.All(gaps.Zip(delays), p => Assert.True(p.First >= p.Second - 0.02, $"waited {p.First:F2}s after choosing {p.Second:F2}s"));
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
