using Explorer.Protocols.OpenAssets;
using NBitcoin;
using static Explorer.Protocols.Tests.OpenAssets.OaVectors;

namespace Explorer.Protocols.Tests.OpenAssets;

/// <summary>
/// Real mainnet Open Assets transactions from NBitcoin's data/openasset-known-tx.json and openassets-ruby's fixtures.
/// Spec: https://github.com/OpenAssets/open-assets-protocol/blob/master/specification.mediawiki
/// </summary>
[Trait("Category", "Unit")]
public class MainnetTransactionTests
{
    private const string Af59 = "Af59wop4VJjXk2DAzoX9scAUCcAsghPHFX";

    private static Transaction Tx(string hex) => Transaction.Parse(hex, Network.Main);

    private static Script PrevoutScript(Transaction tx, int input, IEnumerable<Transaction> parents)
    {
        var prev = tx.Inputs[input].PrevOut;
        return parents.Single(p => p.GetHash() == prev.Hash).Outputs[(int)prev.N].ScriptPubKey;
    }

    /// <summary>oa-mainnet-issuance-c4dcdc51 (NBitcoin CanColorizeIssuanceTransaction): one issuance of Af59...</summary>
    [Fact]
    public void Issuance_c4dcdc51()
    {
        var input = Input("oa-mainnet-issuance-c4dcdc51");
        var tx = Tx(input.Str("tx_hex"));
        Assert.Equal(input.Str("txid"), tx.GetHash().ToString());
        var parents = input.GetProperty("previous_tx_hexes").EnumerateArray().Select(e => Tx(e.GetString()!)).ToList();

        var result = OpenAssetsColorizer.Colorize(tx, [null], PrevoutScript(tx, 0, parents));

        Assert.True(result.IsValid);
        Assert.Equal(1, result.MarkerIndex);
        Assert.Equal([10_000_000UL], result.Marker!.Marker.Quantities.ToArray());
        var issuance = Assert.Single(result.Outputs, o => o.Role == OutputRole.Issuance);
        Assert.Equal(0, issuance.Index);
        Assert.Equal(Expected("oa-mainnet-issuance-c4dcdc51").Str("issued_asset_id"), issuance.AssetId!.Value.ToBase58());
        Assert.DoesNotContain(result.Outputs, o => o.Role == OutputRole.Transfer);
        Assert.True(AssetDefinitionPointer.TryParse(result.Marker.Marker.Metadata.Span, out var pointer));
        Assert.Equal("https://cpr.sm/slXMkCuIPk", pointer.Url);
    }

    private static (Transaction Tx, InputColor?[] Colors) Transfer6e891a88()
    {
        var tx = Tx(Input("oa-mainnet-transfer-6e891a88").Str("tx_hex"));
        Assert.True(OaAssetId.TryParse(Af59, out var af59, out _));
        // Input 0 spends c4dcdc51:0 (10,000,000 Af59, see Issuance_c4dcdc51); input 1 spends c4dcdc51:2 (uncolored).
        return (tx, [new InputColor(af59, 10_000_000), null]);
    }

    /// <summary>oa-mainnet-transfer-6e891a88 (NBitcoin CanColorizeTransferTransaction).</summary>
    [Fact]
    public void Transfer_6e891a88()
    {
        var (tx, colors) = Transfer6e891a88();
        Assert.Equal(Input("oa-mainnet-transfer-6e891a88").Str("txid"), tx.GetHash().ToString());
        var result = OpenAssetsColorizer.Colorize(tx, colors, null);

        Assert.True(result.IsValid);
        Assert.Equal(0, result.MarkerIndex);
        Assert.Equal(
            [new OutputColor(0, OutputRole.Marker, null, 0), new(1, OutputRole.Transfer, Parse(Af59), 1000),
             new(2, OutputRole.Transfer, Parse(Af59), 9_999_000), new(3, OutputRole.Uncolored, null, 0)],
            result.Outputs.ToArray());
        Assert.Empty(OpenAssetsColorizer.Destroyed(tx, colors, result)); // "destroyed_assets": 0
    }

    /// <summary>oa-mainnet-transfer-6e891a88-mutations (NBitcoin ColoredCoinsTests.CanColorizeOutputs).</summary>
    [Fact]
    public void Transfer_6e891a88_Mutations()
    {
        var (tx, colors) = Transfer6e891a88();

        var extra = tx.Clone();
        for (var i = 0; i < 3; i++) extra.Outputs.Add(new TxOut(Money.Zero, Script.Empty));
        var r = OpenAssetsColorizer.Colorize(extra, colors, null);
        Assert.Equal(2, r.Outputs.Count(o => o.Role == OutputRole.Transfer)); // "missing quantities => 0"

        Assert.Equal(ColoringError.QuantitiesBeyondOutputs, OpenAssetsColorizer.Colorize(WithQuantities(tx, [1000, 9_999_000, 1, 2]), colors, null).Error);

        var noMarker = tx.Clone();
        noMarker.Outputs[0].ScriptPubKey = Script.Empty;
        Assert.False(OpenAssetsColorizer.Colorize(noMarker, colors, null).HasMarker);

        Assert.Equal(ColoringError.InsufficientInputUnits, OpenAssetsColorizer.Colorize(WithQuantities(tx, [1001, 9_999_000]), colors, null).Error);

        var fewerTx = WithQuantities(tx, [999, 9_999_000]);
        var fewer = OpenAssetsColorizer.Colorize(fewerTx, colors, null);
        Assert.True(fewer.IsValid); // one unit destroyed: "Input units left over ... are destroyed"
        Assert.Equal(10_000_000UL - 1, fewer.Outputs.Where(o => o.Role == OutputRole.Transfer).Aggregate(0UL, (s, o) => s + o.Quantity));
        Assert.Equal([new AssetUnits(Parse(Af59), 1)], OpenAssetsColorizer.Destroyed(fewerTx, colors, fewer).ToArray()); // "destroyed 1 unit of the input asset"
    }

    private static Transaction WithQuantities(Transaction tx, ulong[] quantities)
    {
        var copy = tx.Clone();
        copy.Outputs[0].ScriptPubKey = new Script(MarkerPayloadEncoder.EncodeScript(OpenAssetsMarker.Create(quantities)));
        return copy;
    }

    private static OaAssetId Parse(string id) => OaAssetId.TryParse(id, out var parsed, out _) ? parsed : throw new FormatException(id);

    /// <summary>oa-mainnet-transfer-3fba8bfb (openassets-ruby api_spec "get colored outputs from txid").</summary>
    [Fact]
    public void Transfer_3fba8bfb()
    {
        var input = Input("oa-mainnet-transfer-3fba8bfb");
        var tx = Tx(input.Str("tx_hex"));
        var parent = Tx(input.Str("parent_tx_64873e80_hex"));
        var expected = Expected("oa-mainnet-transfer-3fba8bfb").GetProperty("outputs").EnumerateArray().ToList();
        var asset = Parse(expected[1].Str("asset_id"));

        // The inputs spend parent outputs 2 and 3; the parent's marker [1, 3] gives output 2 three units and
        // output 3 none. (The parent's own inputs' colors come from further ancestors; the asset is the expected one.)
        Assert.Equal([2U, 3U], tx.Inputs.Select(i => i.PrevOut.N));
        Assert.True(MarkerLocator.TryFind(parent, out var parentMarker, out var pm));
        Assert.Equal(3UL, pm.Marker.QuantityOfOutput(2, parentMarker));
        Assert.Equal(0UL, pm.Marker.QuantityOfOutput(3, parentMarker));

        var result = OpenAssetsColorizer.Colorize(tx, [new InputColor(asset, 3), null], null);
        foreach (var e in expected)
        {
            var o = result.Outputs[e.GetProperty("vout").GetInt32()];
            Assert.Equal(e.Str("type"), OpenAssetsAnswerBuilder.RoleName(o.Role));
            Assert.Equal(e.GetProperty("asset_quantity").GetUInt64(), o.Quantity);
            Assert.Equal(e.GetProperty("asset_id").GetString(), o.AssetId?.ToBase58());
            if (e.TryGetProperty("oa_address", out var oa))
            {
                var address = tx.Outputs[o.Index].ScriptPubKey.GetDestinationAddress(Network.Main)!.ToString();
                Assert.Equal(e.Str("address"), address);
                Assert.True(ColoredAddress.TryFromAddress(address, out var colored));
                Assert.Equal(oa.GetString(), colored);
            }
        }
    }

    /// <summary>oa-mainnet-no-marker-21b093ec (openassets-ruby api_spec, uncolored): no marker, colored addresses.</summary>
    [Fact]
    public void NoMarker_21b093ec()
    {
        var tx = Tx(Input("oa-mainnet-no-marker-21b093ec").Str("tx_hex"));
        var result = OpenAssetsColorizer.Colorize(tx, [null], null);
        Assert.False(result.HasMarker);
        var expected = Expected("oa-mainnet-no-marker-21b093ec").GetProperty("outputs").EnumerateArray().ToList();
        Assert.Equal(expected.Count, result.Outputs.Length);
        foreach (var e in expected)
        {
            var o = result.Outputs[e.GetProperty("vout").GetInt32()];
            Assert.Equal(e.Str("type"), OpenAssetsAnswerBuilder.RoleName(o.Role));
            var address = tx.Outputs[o.Index].ScriptPubKey.GetDestinationAddress(Network.Main)!.ToString();
            Assert.True(ColoredAddress.TryFromAddress(address, out var colored));
            Assert.Equal(e.Str("oa_address"), colored);
        }
    }

    /// <summary>oa-marker-url-metadata (NBitcoin CanParseAndSetUrlInAssetMetadata).</summary>
    [Fact]
    public void UrlMetadata()
    {
        var tx = Tx(Input("oa-marker-url-metadata").Str("tx_hex"));
        Assert.True(MarkerLocator.TryFind(tx, out _, out var marker));
        Assert.True(AssetDefinitionPointer.TryParse(marker.Marker.Metadata.Span, out var pointer));
        Assert.Equal(Expected("oa-marker-url-metadata").Str("metadata_url"), pointer.Url);
        Assert.Null(pointer.Sha256);
    }
}
