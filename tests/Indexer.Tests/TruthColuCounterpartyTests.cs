using Explorer.BlockFiles;
using Explorer.Indexer.Pipeline;
using Explorer.Indexer.Tests.Support;
using Xunit.Abstractions;

namespace Explorer.Indexer.Tests;

/// <summary>
/// The forged demo chain (tools/ChainForge, docs/chain-forge.md "protocolEvents") indexed from its blocks folder ends
/// equal to the forge's truth.json for Colu (final unspent colored outputs) and Counterparty (one message per truth
/// event: type, carrier, source, destination, asset, quantity and the counterparty-core field names the truth records).
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
        var truth = chains.Demo.Truth.RootElement;
        Assert.Equal(truth.GetProperty("tip").GetProperty("hash").GetString(), run.TipHash);
        await ProtocolTruth.AssertColuAndCounterpartyEqualAsync(harness, truth, output);
    }
}
