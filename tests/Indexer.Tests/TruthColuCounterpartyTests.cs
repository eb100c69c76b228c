using Explorer.BlockFiles;
using Explorer.Indexer.Pipeline;
using Explorer.Indexer.Tests.Support;
using Xunit.Abstractions;

namespace Explorer.Indexer.Tests;

/// <summary>
/// Forged chains (tools/ChainForge, docs/chain-forge.md "protocolEvents") indexed from their blocks folder end equal to
/// the forge's truth.json for Colu (final unspent colored outputs: issuances of every opcode, transfers, burns,
/// overflows, payload-less spends) and Counterparty (one message per truth event, every recorded field), on the demo
/// chain and on the reorg scenario, whose stale branches are delivered first as a node connected them.
/// </summary>
[Trait("Category", "Integration")]
public sealed class TruthColuCounterpartyTests(ForgedChains chains, ITestOutputHelper output) : IClassFixture<ForgedChains>
{
    [Fact(Timeout = 300_000)]
    public async Task Demo_chain_colu_and_counterparty_equal_the_truth()
    {
        await using var harness = await IndexerHarness.CreateAsync("truthcp");
        using var source = BlocksFolderSource.Open(chains.Demo.BlocksDirectory, NetworkMagic.RegTest);
        var run = await harness.Indexer().RunOnceAsync(source, CancellationToken.None);
        Assert.Equal(chains.Demo.Truth.RootElement.GetProperty("tip").GetProperty("hash").GetString(), run.TipHash);

        var colu = await ProtocolTruth.AssertColuEqualAsync(harness, chains.Demo.Truth);
        var (messages, fields) = await ProtocolTruth.AssertCounterpartyEqualAsync(harness, chains.Demo.Truth);
        output.WriteLine($"demo: {colu} Colu unspent outputs, {messages} Counterparty messages ({fields} fields) equal the truth");
    }

    [Fact(Timeout = 300_000)]
    public async Task Reorg_chain_colu_and_counterparty_equal_the_winning_branch()
    {
        await using var harness = await IndexerHarness.CreateAsync("truthcp_reorg");
        using var source = new ReplaySource(BlocksFolderReader.Open(chains.Reorg.BlocksDirectory, NetworkMagic.RegTest));
        var run = await harness.Indexer(IndexerHarness.Options_(batchBlocks: 7)).RunOnceAsync(source, CancellationToken.None);
        Assert.Equal(3, run.Rollbacks);
        var truth = chains.Reorg.Truth;
        Assert.Equal(truth.RootElement.GetProperty("tip").GetProperty("hash").GetString(), run.TipHash);

        // The stale branches held Colu and Counterparty transactions of their own, which must be gone.
        var staleEvents = truth.RootElement.GetProperty("stale").EnumerateArray().SelectMany(s => s.GetProperty("protocolEvents").EnumerateArray())
            .GroupBy(e => e.GetProperty("protocol").GetString()!).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"stale branches: {string.Join(", ", staleEvents.Select(p => $"{p.Value} {p.Key} events"))}");
        Assert.True(staleEvents.GetValueOrDefault("colu") > 0 && staleEvents.GetValueOrDefault("counterparty") > 0);

        var colu = await ProtocolTruth.AssertColuEqualAsync(harness, truth);
        var (messages, fields) = await ProtocolTruth.AssertCounterpartyEqualAsync(harness, truth);
        await Truth.AssertEventsAsync(harness, truth);
        output.WriteLine($"reorg: {colu} Colu unspent outputs, {messages} Counterparty messages ({fields} fields) equal the winning branch");
    }
}
