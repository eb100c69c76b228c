using System.Text.Json;
using Explorer.BlockFiles;
using NBitcoin;
using NBitcoin.OpenAsset;

namespace Explorer.ChainForge.Tests;

/// <summary>
/// The ground truth of the Open Assets activity, checked against an independent implementation: NBitcoin's
/// ColoredTransaction (https://github.com/MetacoSA/NBitcoin/tree/master/NBitcoin/OpenAsset), which colors every
/// forged transaction from its parents. Spec: https://github.com/OpenAssets/open-assets-protocol/blob/master/specification.mediawiki
/// </summary>
[Trait("Category", "Unit")]
public class OpenAssetsTruthTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "forge-oa-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, true);
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task TruthEventsAndFinalState_AgreeWithNBitcoinColoring()
    {
        ScenarioRunner.Run(ScenarioSettings.Preset("demo") with { Seed = 11, Blocks = 200, ColoredPerBlock = 3 }, _dir);
        using var reader = BlocksFolderReader.Open(Path.Combine(_dir, "blocks"), NetworkMagic.RegTest);
        var txRepo = new NoSqlTransactionRepository(new InMemoryNoSqlRepository(Network.RegTest.Consensus.ConsensusFactory));
        var spent = new HashSet<OutPoint>();
        foreach (var cb in reader.ReadActiveChain())
        {
            foreach (var tx in Block.Load(cb.Block, Network.RegTest).Transactions)
            {
                await txRepo.PutAsync(tx.GetHash(), tx);
                spent.UnionWith(tx.Inputs.Where(i => !tx.IsCoinBase).Select(i => i.PrevOut));
            }
        }

        var colored = new NoSqlColoredTransactionRepository(txRepo);
        using var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "truth.json")));
        var events = truth.RootElement.GetProperty("blocks").EnumerateArray().SelectMany(b => b.GetProperty("events").EnumerateArray()).ToList();
        Assert.True(events.Count > 100, $"only {events.Count} events");
        Assert.True(events.Count(e => e.GetProperty("outputs").EnumerateObject().Any()) > 50, "too few colored events");
        foreach (var e in events)
        {
            var txid = uint256.Parse(e.GetProperty("txid").GetString());
            var ctx = await ColoredTransaction.FetchColorsAsync(txid, colored);
            Assert.NotNull(ctx);
            var actual = ctx!.Issuances.Concat(ctx.Transfers)
                .ToDictionary(entry => entry.Index.ToString(), entry => (entry.Asset.Id.GetWif(Network.Main).ToString(), entry.Asset.Quantity));
            var expected = e.GetProperty("outputs").EnumerateObject()
                .ToDictionary(p => p.Name, p => (p.Value[0].GetString()!, p.Value[1].GetInt64()));
            Assert.Equal(expected.OrderBy(x => x.Key), actual.OrderBy(x => x.Key));
            if (e.TryGetProperty("destroyed", out var destroyed))
            {
                var lost = ctx.GetDestroyedAssets().ToDictionary(a => a.Id.GetWif(Network.Main).ToString(), a => a.Quantity);
                foreach (var d in destroyed.EnumerateArray())
                {
                    Assert.Equal(d[1].GetInt64(), lost[d[0].GetString()!]);
                }
            }
        }

        var final = truth.RootElement.GetProperty("final").GetProperty("openassets");
        var outputs = final.GetProperty("coloredOutputs").EnumerateObject().ToList();
        Assert.NotEmpty(outputs);
        foreach (var o in outputs)
        {
            var outpoint = OutPoint.Parse(o.Name);
            Assert.DoesNotContain(outpoint, spent);
            var ctx = await ColoredTransaction.FetchColorsAsync(outpoint.Hash, colored);
            var entry = ctx!.GetColoredEntry(outpoint.N);
            Assert.NotNull(entry);
            Assert.Equal(o.Value[0].GetString(), entry!.Asset.Id.GetWif(Network.Main).ToString());
            Assert.Equal(o.Value[1].GetInt64(), entry.Asset.Quantity);
        }

        // Balances are the sums of the unspent colored outputs per owner.
        var total = final.GetProperty("balances").EnumerateObject().SelectMany(a => a.Value.EnumerateObject()).Sum(q => q.Value.GetInt64());
        Assert.Equal(outputs.Sum(o => o.Value[1].GetInt64()), total);
    }
}
