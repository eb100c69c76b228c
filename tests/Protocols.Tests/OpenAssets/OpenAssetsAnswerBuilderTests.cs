using System.Collections.Immutable;
using System.Text.Json;
using Explorer.Protocols.Decoding;
using Explorer.Protocols.OpenAssets;
using NBitcoin;
using static Explorer.Protocols.Tests.OpenAssets.OaVectors;

namespace Explorer.Protocols.Tests.OpenAssets;

/// <summary>
/// The "openAssets" key of the decode contract (shared/docs/decode-cli.md) built from decode requests.
/// Spec: https://github.com/OpenAssets/open-assets-protocol/blob/master/specification.mediawiki
/// </summary>
[Trait("Category", "Unit")]
public class OpenAssetsAnswerBuilderTests
{
    private const string Af59 = "Af59wop4VJjXk2DAzoX9scAUCcAsghPHFX";

    private static Transaction Tx(string vector) => Transaction.Parse(Input(vector).Str("tx_hex"), Network.Main);

    private static DecodeRequest Request(Transaction tx, TxOut?[]? prevouts = null, ImmutableArray<InputAsset>[]? assets = null) =>
        DecodeRequest.For(tx) with { Prevouts = [.. prevouts ?? []], InputAssets = [.. assets ?? []] };

    /// <summary>oa-mainnet-issuance-c4dcdc51 with prevouts[0]: the issuance gets its asset ID; JSON keys as in the contract.</summary>
    [Fact]
    public void Issuance_WithPrevout()
    {
        var tx = Tx("oa-mainnet-issuance-c4dcdc51");
        var parent = Transaction.Parse(Input("oa-mainnet-issuance-c4dcdc51").GetProperty("previous_tx_hexes")[0].GetString()!, Network.Main);
        var answer = OpenAssetsAnswerBuilder.Build(Request(tx, [parent.Outputs[(int)tx.Inputs[0].PrevOut.N]]))!;

        Assert.Equal(1, answer.MarkerOutput);
        Assert.Equal(1, answer.Version);
        Assert.Equal([10_000_000UL], answer.Quantities.ToArray());
        Assert.Equal("u=https://cpr.sm/slXMkCuIPk", answer.MetadataUtf8);
        Assert.Equal("https://cpr.sm/slXMkCuIPk", answer.DefinitionUrl);
        Assert.Equal("metadata", answer.DefinitionSource);
        Assert.True(answer.Valid);
        Assert.Null(answer.Error);
        Assert.Equal(
            [new OpenAssetsOutputAnswer(0, "issuance", Af59, 10_000_000), new(1, "marker", null, 0), new(2, "uncolored", null, 0)],
            answer.Outputs.ToArray());

        using var json = JsonDocument.Parse(DecodeJson.Serialize(TransactionDecoder.Decode(Request(tx, [parent.Outputs[0]]))));
        var oa = json.RootElement.GetProperty("openAssets");
        string[] keys = ["markerOutput", "version", "quantities", "metadataHex", "metadataUtf8", "definitionUrl", "valid", "error", "outputs", "raw"];
        foreach (var key in keys) Assert.True(oa.TryGetProperty(key, out _), key);
        Assert.Equal("issuance", oa.GetProperty("outputs")[0].GetProperty("role").GetString());
        Assert.Equal(Af59, oa.GetProperty("outputs")[0].GetProperty("assetId").GetString());
    }

    /// <summary>Contract: "The issuance asset ID needs prevouts[0]; without it assetId is null for issuance outputs."</summary>
    [Fact]
    public void Issuance_WithoutPrevout_HasNullAssetId()
    {
        var answer = OpenAssetsAnswerBuilder.Build(Request(Tx("oa-mainnet-issuance-c4dcdc51")))!;
        Assert.True(answer.Valid);
        Assert.Equal(new OpenAssetsOutputAnswer(0, "issuance", null, 10_000_000), answer.Outputs[0]);
    }

    /// <summary>oa-mainnet-transfer-6e891a88 with inputAssets; a Colu entry on an input is ignored.</summary>
    [Fact]
    public void Transfer_WithInputAssets()
    {
        var tx = Tx("oa-mainnet-transfer-6e891a88");
        var answer = OpenAssetsAnswerBuilder.Build(Request(tx, assets:
            [[new InputAsset("openassets", Af59, 10_000_000)], [new InputAsset("colu", "La...", 5)]]))!;
        Assert.True(answer.Valid);
        Assert.Equal(
            [new OpenAssetsOutputAnswer(0, "marker", null, 0), new(1, "transfer", Af59, 1000), new(2, "transfer", Af59, 9_999_000), new(3, "uncolored", null, 0)],
            answer.Outputs.ToArray());

        // Raw bytes behind each field: the marker script 6a 0c 4f41 0100 02 e807 98a5e204 00
        Assert.Equal("output[0].script", Assert.Single(answer.Raw.Layers).Name);
        var q1 = Assert.Single(answer.Raw.Annotations, a => a.Field == "quantities[1]");
        Assert.Equal(("9999000 (output 2)", 9, 4), (q1.Value, q1.Offset, q1.Length));
        Assert.Equal(Convert.FromHexString("98a5e204"), Convert.FromHexString(answer.Raw.Layers[0].Hex).AsSpan(q1.Offset, q1.Length).ToArray());
    }

    /// <summary>Contract: inputs short of the transferred units -> valid false, a reason, every output uncolored.</summary>
    [Fact]
    public void Transfer_WithoutInputAssets_IsInvalid()
    {
        var answer = OpenAssetsAnswerBuilder.Build(Request(Tx("oa-mainnet-transfer-6e891a88")))!;
        Assert.False(answer.Valid);
        Assert.Equal("InsufficientInputUnits", answer.ErrorCode);
        Assert.Contains("needs", answer.Error, StringComparison.Ordinal);
        Assert.All(answer.Outputs, o => Assert.Equal(("uncolored", (string?)null, 0UL), (o.Role, o.AssetId, o.Quantity)));
        Assert.Equal(0, answer.MarkerOutput);
        Assert.Empty(answer.Destroyed); // no input colors were given

        var withInputs = OpenAssetsAnswerBuilder.Build(Request(Tx("oa-mainnet-transfer-6e891a88"), assets: [[new InputAsset("openassets", Af59, 1000)]]))!;
        Assert.False(withInputs.Valid);
        Assert.Equal(new OpenAssetsUnitsAnswer(Af59, 1000), Assert.Single(withInputs.Destroyed));
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(withInputs, DecodeJson.Options));
        Assert.Equal(1000UL, json.RootElement.GetProperty("destroyed")[0].GetProperty("quantity").GetUInt64());
    }

    [Fact]
    public void BadInputAssetId_IsReported()
    {
        var answer = OpenAssetsAnswerBuilder.Build(Request(Tx("oa-mainnet-transfer-6e891a88"), assets: [[new InputAsset("openassets", "nope", 1)]]))!;
        Assert.False(answer.Valid);
        Assert.Equal("BadRequest", answer.ErrorCode);
    }

    /// <summary>oa-mainnet-no-marker-21b093ec: no marker, so the key is null.</summary>
    [Fact]
    public void NoMarker_IsNull() =>
        Assert.Null(OpenAssetsAnswerBuilder.Build(Request(Tx("oa-mainnet-no-marker-21b093ec"))));

    /// <summary>oa-p2sh-definition-pointer: an issuance whose first input redeems a P2SH script with a pointer.</summary>
    [Fact]
    public void P2shIssuance_GivesTheDefinitionUrl()
    {
        var scriptSig = new Script(Hex(Input("oa-p2sh-definition-pointer").Str("script_sig_hex_valid")));
        Assert.True(RedeemScriptPointer.TryFromScriptSig(scriptSig.ToBytes(), out var redeem));
        var p2sh = new Script(redeem.RedeemScript.ToArray()).PaymentScript;

        var tx = TestTransactions.Build(1, 2, 1, [7], "u=https://example.com/metadata-loses"u8.ToArray());
        tx.Inputs[0].ScriptSig = scriptSig;
        var answer = OpenAssetsAnswerBuilder.Build(Request(tx, [new TxOut(Money.Satoshis(600), p2sh)]))!;
        Assert.Equal("https://goo.gl/bmVEuw", answer.DefinitionUrl);
        Assert.Equal("p2sh", answer.DefinitionSource);
        Assert.Equal(OaAssetId.FromScript(p2sh).ToBase58(), answer.Outputs[0].AssetId);
        var note = Assert.Single(answer.Raw.Annotations, a => a.Field == "definitionPointer");
        Assert.Equal("input[0].scriptSig", note.Layer);

        // The redeem script must hash to the spent P2SH output when that output is known.
        // "... the search stops here": the P2SH pointer wins over the marker metadata of the same issuance.
        Assert.Equal("u=https://example.com/metadata-loses", answer.MetadataUtf8);
        // The redeem script must hash to the spent P2SH output when that output is known; then the metadata counts.
        var other = OpenAssetsAnswerBuilder.Build(Request(tx, [new TxOut(Money.Satoshis(600), new KeyId(new byte[20]).ScriptPubKey)]))!;
        Assert.Equal(("https://example.com/metadata-loses", "metadata"), (other.DefinitionUrl, other.DefinitionSource));
    }
}
