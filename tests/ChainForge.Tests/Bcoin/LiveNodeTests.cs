using System.Diagnostics;
using Explorer.ChainForge.Live;
using Xunit.Abstractions;

namespace Explorer.ChainForge.Tests.Bcoin;

/// <summary>
/// A real node validates what the forge builds: the demo scenario is replayed into bcoin 1.0.2 (regtest) through
/// sendrawtransaction and generatetoaddress; every transaction must be accepted and mined.
/// Prerequisite: scripts/setup-bcoin.sh. bcoin RPC: https://bcoin.io/api-docs/#rpc-calls-node
/// </summary>
[Trait("Category", "Node")]
public class LiveNodeTests(ITestOutputHelper output)
{
    [Fact(Timeout = 600_000)]
    public async Task Demo_ReplayedIntoBcoin_EveryTransactionAcceptedAndMined()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await using var node = await BcoinNode.StartAsync(cts.Token);
        var info = await node.Rpc.CallAsync("getnetworkinfo", cts.Token);
        // bcoin reports its version as a string ("v1.0.2"), Core as a number.
        Assert.Equal("v1.0.2", info.GetProperty("version").GetString());

        var watch = Stopwatch.StartNew();
        var settings = ScenarioSettings.Preset("demo");
        var replay = new LiveReplay(node.Rpc, "rb");
        var rounds = settings.Blocks - 100;
        var result = await replay.RunAsync(settings, rounds, cts.Token);
        output.WriteLine($"replayed {result.Transactions} transactions in {result.Blocks} blocks in {watch.Elapsed.TotalSeconds:F1} s");

        var chain = await node.Rpc.CallAsync("getblockchaininfo", cts.Token);
        Assert.Equal("active", chain.GetProperty("bip9_softforks").GetProperty("segwit").GetProperty("status").GetString());
        Assert.Equal(LiveReplay.WarmUpBlocks + rounds, chain.GetProperty("blocks").GetInt32());
        Assert.True(result.Transactions > 1000, $"only {result.Transactions} transactions");
        var kinds = result.Events.Select(e => e["kind"]!.GetValue<string>()).ToHashSet();
        Assert.Superset(new HashSet<string> { "issuance", "transfer", "invalid", "destroyed" }, kinds);
        // Every transaction the truth names is on the node's chain, found by txid (-1 would mean "not found" in bcoin).
        foreach (var e in result.Events.Take(50))
        {
            var tx = await node.Rpc.CallAsync("getrawtransaction", cts.Token, e["txid"]!.GetValue<string>(), false);
            Assert.False(string.IsNullOrEmpty(tx.GetString()));
        }
    }
}
