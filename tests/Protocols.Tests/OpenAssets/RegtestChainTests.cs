using System.Collections.Immutable;
using System.Text.Json;
using Explorer.Protocols.Decoding;
using Explorer.Protocols.OpenAssets;
using NBitcoin;

namespace Explorer.Protocols.Tests.OpenAssets;

/// <summary>
/// The Open Assets transactions of a real regtest chain written by Bitcoin Core (shared/fixtures/core-regtest,
/// copied to data/openassets/regtest-chain.json with the previous outputs from its getblock verbosity-3 answers),
/// decoded in chain order, each transaction's input colors taken from the outputs decoded before it.
/// Spec: https://github.com/OpenAssets/open-assets-protocol/blob/master/specification.mediawiki
/// </summary>
[Trait("Category", "Unit")]
public class RegtestChainTests
{
    [Fact]
    public void ChainDecodesAsExpected()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "openassets", "regtest-chain.json")));
        var colors = new Dictionary<OutPoint, InputColor>();
        var checkedTxs = 0;
        foreach (var t in doc.RootElement.GetProperty("transactions").EnumerateArray())
        {
            var tx = Transaction.Parse(t.GetProperty("hex").GetString()!, Network.RegTest);
            Assert.Equal(t.GetProperty("txid").GetString(), tx.GetHash().ToString());
            var prevouts = t.GetProperty("prevouts").EnumerateArray()
                .Select(p => (TxOut?)new TxOut(Money.Satoshis(p.GetProperty("value").GetInt64()), new Script(Convert.FromHexString(p.GetProperty("script").GetString()!))))
                .ToImmutableArray();
            var spent = tx.Inputs.Select(i => colors.TryGetValue(i.PrevOut, out var c) ? (InputColor?)c : null).ToArray();
            var assets = spent.Select(c => c is { } color
                ? ImmutableArray.Create(new InputAsset("openassets", color.AssetId.ToBase58(Network.RegTest), color.Quantity))
                : []).ToImmutableArray();
            var request = DecodeRequest.For(tx, Network.RegTest) with { Prevouts = prevouts, InputAssets = assets };

            var answer = OpenAssetsAnswerBuilder.Build(request);
            var expected = t.GetProperty("outputs").EnumerateObject()
                .ToDictionary(p => int.Parse(p.Name), p => (Id: p.Value[0].GetString()!, Quantity: p.Value[1].GetUInt64()));
            if (answer is null)
            {
                // "colored input spent without a marker: units destroyed"
                Assert.Empty(expected);
                var result = OpenAssetsColorizer.Colorize(tx, spent, prevouts[0]!.ScriptPubKey);
                Assert.Equal((UInt128)spent.Where(c => c is not null).Aggregate(0UL, (s, c) => s + c!.Value.Quantity),
                    OpenAssetsColorizer.Destroyed(tx, spent, result).Aggregate(UInt128.Zero, (s, d) => s + d.Quantity));
            }
            else
            {
                if (t.TryGetProperty("valid", out var valid)) Assert.Equal(valid.GetBoolean(), answer.Valid);
                if (t.TryGetProperty("metadataUtf8", out var metadata)) Assert.Equal(metadata.GetString(), answer.MetadataUtf8);
                var colored = answer.Outputs.Where(o => o.Role is "issuance" or "transfer").ToList();
                Assert.Equal(expected.Count, colored.Count);
                foreach (var o in colored)
                {
                    // The fixture writes regtest asset IDs with the spec's version byte ("A..."), and so do we
                    // (OaAssetId.ToBase58(Network)): the strings must be equal.
                    Assert.Equal((expected[o.Index].Id, expected[o.Index].Quantity), (o.AssetId!, o.Quantity));
                    Assert.True(OaAssetId.TryParse(o.AssetId, out var got, out var testnet));
                    Assert.False(testnet);
                    colors[new OutPoint(tx, o.Index)] = new InputColor(got, o.Quantity);
                }
            }
            checkedTxs++;
        }
        Assert.Equal(4, checkedTxs);
        Assert.Equal(3, colors.Count); // issuance output 0, transfer outputs 1 and 2
    }
}
