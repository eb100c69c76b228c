using System.Collections.Immutable;
using System.Text.Json;
using Explorer.Protocols.Colu;
using Explorer.Protocols.Decoding;
using NBitcoin;

namespace Explorer.Protocols.Tests.Colu;

/// <summary>
/// Real transactions written by a Bitcoin Core regtest node: data/colu/regtest-colu.json, extracted from
/// ../shared/fixtures/core-regtest/expected.json (what each must decode to) and rpc/getblock-&lt;hash&gt;-3.json (prevouts).
/// A locked issuance of 5001 units, then a transfer of 1234 with the rest to the change output; the issuance's colored
/// output is fed as the transfer's input asset, as the indexer does.
/// Spec: https://github.com/Colored-Coins/Colored-Coins-Protocol-Specification/wiki/Coloring-Scheme
/// </summary>
[Trait("Category", "Unit")]
public class ColuRegtestTransactionTests
{
    [Fact]
    public void Issuance_then_transfer_color_the_outputs_as_expected()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "colu", "regtest-colu.json")));
        var txs = doc.RootElement.GetProperty("transactions").EnumerateArray().ToArray();
        Assert.Equal(2, txs.Length);
        var utxoColors = new Dictionary<OutPoint, ImmutableArray<InputAsset>>();
        foreach (var t in txs)
        {
            var tx = Transaction.Parse(t.GetProperty("hex").GetString()!, Network.RegTest);
            Assert.Equal(t.GetProperty("txid").GetString(), tx.GetHash().ToString());
            var prevouts = t.GetProperty("prevouts").EnumerateArray()
                .Select(p => (TxOut?)new TxOut(Money.Satoshis(p.GetProperty("value").GetInt64()), new Script(Convert.FromHexString(p.GetProperty("script").GetString()!))))
                .ToImmutableArray();
            var inputAssets = tx.Inputs.Select(i => utxoColors.GetValueOrDefault(i.PrevOut, [])).ToImmutableArray();

            var answer = ColuAnswerBuilder.Build(new DecodeRequest(tx, prevouts, inputAssets, t.GetProperty("height").GetInt32(), Network.RegTest, DecodeRequest.DefaultXcpPrefix));

            Assert.NotNull(answer);
            Assert.True(answer.Valid, answer.Error);
            Assert.Equal(t.GetProperty("kind").GetString(), answer.Kind);
            if (t.GetProperty("amount").ValueKind == JsonValueKind.Number) Assert.Equal(t.GetProperty("amount").GetUInt64(), answer.Amount);
            var expected = t.GetProperty("expectedOutputs");
            foreach (var output in answer.Outputs)
            {
                var want = expected.TryGetProperty(output.Index.ToString(System.Globalization.CultureInfo.InvariantCulture), out var e)
                    ? e.EnumerateArray().Select(x => (x[0].GetString(), x[1].GetUInt64())).ToArray() : [];
                Assert.Equal(want, output.Assets.Select(a => (a.AssetId, a.Amount)).ToArray());
                utxoColors[new OutPoint(tx.GetHash(), output.Index)] = [.. output.Assets.Select(a =>
                    new InputAsset(ColuAnswerBuilder.Protocol, a.AssetId!, a.Amount, a.IssueTxid, a.Divisibility, a.LockStatus, a.AggregationPolicy))];
            }
        }
    }
}
