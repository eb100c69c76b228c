using Explorer.ClickHouse.Embedded;
using Explorer.Indexer.Cli;
using Explorer.Indexer.Tests.Support;

namespace Explorer.Indexer.Tests;

/// <summary>
/// The <c>bench</c> verb (issue 9) in-process over the forged demo chain, writing into a fresh database of the shared
/// embedded ClickHouse: exit 0 means the prefilter-plus-decoding stage and the end-to-end pass colored the same
/// transactions and produced the same rows; the table names every stage with its ratios. Refusals exit 2.
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
        foreach (var stage in new[] { "(a) read files", "(b) NBitcoin Block.Load", "(b') Block.Load + every txid", "(c0) raw prefilter only", "(c) raw prefilter + decoding", "(d) end to end into ClickHouse" })
            Assert.Contains("| " + stage, text, StringComparison.Ordinal);
        Assert.Contains("| stage | seconds | MB/s | blocks/s | tx/s | rows/s | peak working set MB | vs (a) | vs (b) |", text, StringComparison.Ordinal);
        // The demo chain's 201 blocks in every stage.
        Assert.Contains(", 201 blocks,", text, StringComparison.Ordinal);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("bench")]
    [InlineData("bench", "--blocks-dir", "/no/such/folder")]
    [InlineData("bench", "--blocks-dir", ".", "--network", "litecoin")]
    [InlineData("bench", "--blocks-dir", ".", "--clickhouse", "ftp://nowhere")]
    public async Task Refusals_exit_with_2(params string[] args) => Assert.Equal(2, await CommandLine.RunAsync(args));
}
