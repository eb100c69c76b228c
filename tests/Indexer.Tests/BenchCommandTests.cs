using Explorer.ClickHouse.Embedded;
using Explorer.Indexer.Cli;
using Explorer.Indexer.Tests.Support;

namespace Explorer.Indexer.Tests;

/// <summary>
/// The <c>bench</c> verb (issue 9) in-process over the forged demo chain, writing into a fresh database of the shared
/// embedded ClickHouse: exit 0 means the prefilter-plus-decoding stage and the three end-to-end passes (with the
/// merkle-root check, without it, and with it again) colored the same transactions and produced the same rows; the table names every stage with its ratios. Refusals exit 2.
/// No timing is asserted (speed is printed, docs/benchmarks.md).
/// </summary>
[Trait("Category", "Integration")]
public sealed class BenchCommandTests(ForgedChains chains) : IClassFixture<ForgedChains>
{
    [Fact(Timeout = 300_000)]
    public async Task Bench_verb_measures_every_stage_and_the_two_paths_agree()
    {
        var server = await SharedEmbeddedClickHouse.GetAsync();
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        int exit;
        try
        {
            exit = await CommandLine.RunAsync(
                ["bench", "--blocks-dir", chains.Demo.BlocksDirectory, "--network", "regtest", "--clickhouse", server.Uri.ToString(), "--chunk-mb", "1"]);
        }
        finally
        {
            Console.SetOut(original);
        }

        var text = output.ToString();
        Assert.True(exit == 0, text);
        foreach (var stage in new[] { "(a) read files", "(b) NBitcoin Block.Load", "(b') Block.Load + every txid", "(c0) raw prefilter only", "(c1) prefilter + carriers decoded, no state", "(c) raw prefilter + decoding", "(d) end to end into ClickHouse", "(d') end to end, no merkle check", "(d'') end to end again, warm" })
            Assert.Contains("| " + stage, text, StringComparison.Ordinal);
        Assert.Contains("| stage | seconds | MB/s | blocks/s | tx/s | rows/s | peak working set MB | vs (a) | vs (b) |", text, StringComparison.Ordinal);
        // (d)'s inserts are accounted per table, with their bytes and time.
        Assert.Matches(@"\(d\) inserts per table: .*colored_transactions 1?\d+x [0-9.]+ MB in [0-9.]+ s", text);
        // (d') the same pass without the merkle-root check, in the same run, with its own account.
        Assert.Matches(@"\(d\) where the time went: .*merkle-root check on", text);
        Assert.Matches(@"\(d'\) where the time went: .*merkle-root check off", text);
        Assert.Matches(@"\(d'\) inserts per table: .*colored_transactions 1?\d+x [0-9.]+ MB in [0-9.]+ s", text);
        Assert.Matches(@"\(d''\) where the time went: .*merkle-root check on", text);
        Assert.Matches(@"\(d'\) at [0-9.]+x \(c\) and [0-9.]+x \(d\), \(d''\) at [0-9.]+x \(c\) and [0-9.]+x \(d\)", text);
        // The demo chain's 201 blocks in every stage.
        Assert.Contains(", 201 blocks,", text, StringComparison.Ordinal);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("bench")]
    [InlineData("bench", "--blocks-dir", "/no/such/folder")]
    [InlineData("bench", "--blocks-dir", ".", "--network", "litecoin")]
    [InlineData("bench", "--blocks-dir", ".", "--clickhouse", "ftp://nowhere")]
    public async Task Refusals_exit_with_2(params string[] args) => Assert.Equal(2, await CommandLine.RunAsync(args));

    [Fact]
    public void Peak_memory_is_the_resident_set_the_runtime_reports()
    {
        using var sampler = new PeakMemorySampler();
        sampler.Reset();
        var held = new byte[64 << 20];
        Array.Fill(held, (byte)1); // resident only once touched
        var peak = sampler.PeakBytes;
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        var resident = process.WorkingSet64;
        GC.KeepAlive(held);
        // Both read the kernel's resident set (statm against stat): they agree up to what moved in between.
        Assert.InRange(peak, resident - (32L << 20), resident + (32L << 20));
        Assert.True(peak >= 64L << 20, $"peak {peak} below the 64 MB just touched");
    }
}
