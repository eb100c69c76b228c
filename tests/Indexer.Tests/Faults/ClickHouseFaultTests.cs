using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Explorer.ChainForge;
using Explorer.ClickHouse.Embedded;
using Explorer.Indexer.Tests.Support;
using Xunit.Abstractions;

namespace Explorer.Indexer.Tests.Faults;

/// <summary>
/// Issue 10: the built indexer (child process) writes to the embedded ClickHouse through <see cref="FaultProxy"/>,
/// which is switched mid-run to refusing connections, answering HTTP 500, and hanging (the client's 2 s timeout fires),
/// each held until the indexer has failed and backed off at least twice, then cleared. Each time: a clear log line
/// naming the failure, retry delays that grow and stay under the cap, no progress recorded between the first and last
/// failure; after the faults: exit 0 at the tip and every table identical to an uninterrupted run (FINAL row sets with
/// their multiplicities, and raw row counts once merged), equal to the chain's truth.
/// </summary>
[Trait("Category", "Integration")]
[Collection(ChildProcessFaultsCollection.Name)]
public sealed partial class ClickHouseFaultTests(ITestOutputHelper output)
{
    private const int Blocks = 240;
    private const double MaxRetryDelaySeconds = 1.0;

    [Fact(Timeout = 300_000)]
    public async Task Refused_500_and_hung_clickhouse_mid_run_are_retried_with_capped_backoff_and_the_run_ends_equal_to_an_uninterrupted_one()
    {
        var server = await SharedEmbeddedClickHouse.GetAsync();
        using var chain = new ForgedChain(ScenarioSettings.Preset("demo") with { Seed = 7, Blocks = Blocks });
        var env = new Dictionary<string, string>
        {
            // Small batches: many commits, so each fault lands mid-run with work left after it.
            ["Indexer__BatchBlocks"] = "2",
            ["Indexer__MaxRetryDelaySeconds"] = MaxRetryDelaySeconds.ToString(CultureInfo.InvariantCulture),
        };

        var referenceDb = await server.CreateDatabaseAsync("idx_faultref");
        // The reference run writes in big batches (the default): batching must not change what is stored.
        using (var reference = IndexerProcess.Start(chain.BlocksDirectory, server.Uri.ToString(), referenceDb, new Dictionary<string, string>()))
            Assert.Equal(0, await reference.WaitForExitAsync(TimeSpan.FromSeconds(120)));

        var database = await server.CreateDatabaseAsync("idx_fault");
        await using var referenceHarness = IndexerHarness.Attach(referenceDb, server.GetConnectionString(referenceDb));
        await using var harness = IndexerHarness.Attach(database, server.GetConnectionString(database));
        await using var proxy = FaultProxy.Start(server.Port);
        // The driver's HTTP timeout (seconds) bounds a hung request.
        var viaProxy = $"Host=127.0.0.1;Port={proxy.Port};Protocol=http;Username=default;Password=;Timeout=2";
        using var indexer = IndexerProcess.Start(chain.BlocksDirectory, viaProxy, database, env);

        await WaitForAsync(async () => await ProgressAsync(harness) >= 10, indexer, "first batches");
        foreach (var (fault, pattern) in new[]
                 {
                     (ProxyFault.Refuse, "Connection refused"),
                     (ProxyFault.ServerError, "MEMORY_LIMIT_EXCEEDED|500"),
                     (ProxyFault.Hang, "Timeout|timed out|canceled"),
                 })
        {
            var start = DateTime.UtcNow;
            proxy.Set(fault);
            await WaitForAsync(() => Task.FromResult(Failures(indexer, start).Count >= 1), indexer, $"{fault}: first failure");
            var atFirst = await ProgressAsync(harness);
            await WaitForAsync(() => Task.FromResult(Failures(indexer, start).Count >= 3), indexer, $"{fault}: three failures");
            var atLast = await ProgressAsync(harness);
            proxy.Set(ProxyFault.None);
            var failures = Failures(indexer, start);
            output.WriteLine($"{fault}: progress {atFirst} at the 1st failure, {atLast} at the 3rd; lines:");
            foreach (var f in failures) output.WriteLine("  " + f.Line);

            Assert.True(atFirst == atLast, $"{fault}: progress moved from {atFirst} to {atLast} while writes failed");
            // The switch itself resets the connection in flight (a client still sending its body sees a broken pipe,
            // one waiting for the answer a reset); the later attempts meet the fault and say so.
            Assert.All(failures, f => Assert.Matches(pattern + "|reset by peer|Broken pipe", f.Line));
            Assert.Contains(failures, f => Regex.IsMatch(f.Line, pattern));
            var delays = failures.Select(f => f.Delay).ToList();
            Assert.True(delays.Zip(delays.Skip(1)).All(p => p.Second >= p.First), "back-off grows: " + string.Join(", ", delays));
            Assert.All(delays, d => Assert.InRange(d, 0.2, MaxRetryDelaySeconds));
            await WaitForAsync(async () => await ProgressAsync(harness) > atLast, indexer, $"{fault}: progress after the fault cleared");
        }

        Assert.Equal(0, await indexer.WaitForExitAsync(TimeSpan.FromSeconds(180)));
        Assert.Contains(indexer.Lines, l => l.Line.StartsWith($"indexed to height {Blocks}", StringComparison.Ordinal));
        Assert.True(proxy.RequestsFaulted >= 4, $"{proxy.RequestsFaulted} requests met a 500 or a hang");

        var expected = await referenceHarness.SnapshotAsync();
        Assert.Equal(Blocks + 1, expected["blocks"].Count);
        Assert.Equal(expected, await harness.SnapshotAsync());
        Assert.Equal(await MergedCountsAsync(referenceHarness), await MergedCountsAsync(harness));
        await Truth.AssertOpenAssetsEqualAsync(harness, chain.Truth);
    }

    /// <summary>The writer's retry lines ("ClickHouse write failed (attempt N), retrying in Ds: ...") since
    /// <paramref name="since"/>, with their delays.</summary>
    private static List<(string Line, double Delay)> Failures(IndexerProcess indexer, DateTime since) =>
        [.. indexer.Lines.Where(l => l.At >= since)
            .Select(l => (l.Line, Match: RetryLine().Match(l.Line)))
            .Where(l => l.Match.Success)
            .Select(l => (l.Line, double.Parse(l.Match.Groups[1].Value, CultureInfo.InvariantCulture)))];

    /// <summary>Raw rows per table once ClickHouse has merged the versions (OPTIMIZE ... FINAL): a rewritten batch
    /// leaves no extra row behind.</summary>
    private static async Task<Dictionary<string, ulong>> MergedCountsAsync(IndexerHarness harness)
    {
        var counts = new Dictionary<string, ulong>();
        foreach (var table in new[] { "blocks", "colored_transactions", "colored_outputs", "assets", "asset_events", "counterparty_messages" })
        {
            await harness.QueryAsync<int>($"OPTIMIZE TABLE {table} FINAL");
            counts[table] = (await harness.QueryAsync<ulong>($"SELECT count() FROM {table} WHERE is_orphaned = 0")).Single();
        }
        return counts;
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, IndexerProcess indexer, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (indexer.HasExited || watch.Elapsed > TimeSpan.FromSeconds(60))
                Assert.Fail((indexer.HasExited ? $"the indexer exited ({indexer.ExitCode})" : "waited 60 s") + $" for {what}; its last lines:\n" +
                            string.Join('\n', indexer.Lines.TakeLast(20).Select(l => l.Line)));
            await Task.Delay(25);
        }
    }

    private static async Task<int> ProgressAsync(IndexerHarness harness)
    {
        try
        {
            return (await harness.Store.ReadProgressAsync(CancellationToken.None))?.Height ?? -1;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return -1; // the migrations have not created the database yet
        }
    }

    [GeneratedRegex(@"ClickHouse write failed \(attempt \d+\), retrying in ([0-9.]+)s")]
    private static partial Regex RetryLine();
}
