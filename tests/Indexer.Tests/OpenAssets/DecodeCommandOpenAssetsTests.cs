using System.Text.Json;
using Explorer.Indexer.Cli;
using Explorer.Protocols.Decoding;

namespace Explorer.Indexer.Tests.OpenAssets;

/// <summary>
/// The decode verb on Open Assets transactions, checked against the "openAssets" shape of shared/docs/decode-cli.md.
/// Transactions: vectors oa-mainnet-issuance-c4dcdc51 and oa-mainnet-transfer-6e891a88 (NBitcoin
/// data/openasset-known-tx.json, MetacoSA/NBitcoin@9d24830), copied in tests/Protocols.Tests/data/openassets/.
/// Spec: https://github.com/OpenAssets/open-assets-protocol/blob/master/specification.mediawiki
/// </summary>
[Trait("Category", "Unit")]
public class DecodeCommandOpenAssetsTests
{
    private const string IssuanceTx = "01000000011a2b28eb848afca9628e94682e0a790e61de9eed83198c609a953d6efa5e8e06000000006c493046022100fa42d3a90c3f410df610d3acac398df674ac37f8579aa9df4570a8afdfcce1830221008983ab50b418b565bc4761c5c53d58aca9302278469adba9372cbd93d12b4df301210335cf4bc6ce5905ea028fd9bbe7f9c23941a222a846201e628f75920fd8858a29ffffffff0358020000000000001976a91477e3e6acdeca221685d0d23a12989b96335a463988ac0000000000000000276a254f4101000180ade2041b753d68747470733a2f2f6370722e736d2f736c584d6b437549506b38920d00000000001976a91477e3e6acdeca221685d0d23a12989b96335a463988ac00000000";
    private const string IssuerScript = "76a91477e3e6acdeca221685d0d23a12989b96335a463988ac";
    private const string TransferTx = "0100000002c107f45dd23e0396a9f0027151a63346d7764f80b11e3c0271c3474851dcdcc4000000006b48304502207b6a3aae6250b5d679a0e4def6f369d1ce8035b55ca265b16bfd46e8a54e5bab0221008e0f813bc53755cab6c9fd8faee35d2b79ac2e61652e3c70361184b6f4f6bc8101210335cf4bc6ce5905ea028fd9bbe7f9c23941a222a846201e628f75920fd8858a29ffffffffc107f45dd23e0396a9f0027151a63346d7764f80b11e3c0271c3474851dcdcc4020000006b483045022100fac05eb21d062fcacf0c7162f134a3f45ee96d44fd82ac57d43dd26346107490022015ea04b80d7a95dee9913df3497c34bb8532db8dc01671bc2e0b3b00c1f9628301210335cf4bc6ce5905ea028fd9bbe7f9c23941a222a846201e628f75920fd8858a29ffffffff0400000000000000000e6a0c4f41010002e80798a5e2040058020000000000001976a9140b7be15668b425b270f057501c25de6a2488584f88ac58020000000000001976a91477e3e6acdeca221685d0d23a12989b96335a463988acd0680d00000000001976a91477e3e6acdeca221685d0d23a12989b96335a463988ac00000000";
    private const string Af59 = "Af59wop4VJjXk2DAzoX9scAUCcAsghPHFX";

    private static readonly string[] ContractKeys =
        ["markerOutput", "version", "quantities", "metadataHex", "metadataUtf8", "definitionUrl", "valid", "error", "outputs"];

    [Fact]
    public void DecodeTx_WithPrevout_GivesTheContractShape()
    {
        var answer = DecodeCommand.DecodeSingle(IssuanceTx, [$"0={IssuerScript}:900000"], null, "main", null);
        using var json = JsonDocument.Parse(DecodeJson.Serialize(answer));
        var root = json.RootElement;
        Assert.Equal("c4dcdc514847c371023c1eb1804f76d74633a6517102f0a996033ed25df407c1", root.GetProperty("txid").GetString());
        var oa = root.GetProperty("openAssets");
        foreach (var key in ContractKeys) Assert.True(oa.TryGetProperty(key, out _), key);

        Assert.Equal(1, oa.GetProperty("markerOutput").GetInt32());
        Assert.Equal(1, oa.GetProperty("version").GetInt32());
        Assert.Equal(10_000_000UL, oa.GetProperty("quantities")[0].GetUInt64());
        Assert.Equal("u=https://cpr.sm/slXMkCuIPk", oa.GetProperty("metadataUtf8").GetString());
        Assert.Equal("https://cpr.sm/slXMkCuIPk", oa.GetProperty("definitionUrl").GetString());
        Assert.True(oa.GetProperty("valid").GetBoolean());
        Assert.Equal(JsonValueKind.Null, oa.GetProperty("error").ValueKind);

        var outputs = oa.GetProperty("outputs").EnumerateArray().ToList();
        Assert.Equal(3, outputs.Count); // every output is listed
        Assert.All(outputs, o => Assert.Equal(["index", "role", "assetId", "quantity"], o.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(("issuance", Af59, 10_000_000UL), (outputs[0].GetProperty("role").GetString(), outputs[0].GetProperty("assetId").GetString(), outputs[0].GetProperty("quantity").GetUInt64()));
        Assert.Equal("marker", outputs[1].GetProperty("role").GetString());
        Assert.Equal(JsonValueKind.Null, outputs[1].GetProperty("assetId").ValueKind);

        var raw = oa.GetProperty("raw");
        Assert.Equal("output[1].script", raw.GetProperty("layers")[0].GetProperty("name").GetString());
        Assert.Contains(raw.GetProperty("annotations").EnumerateArray(), a => a.GetProperty("field").GetString() == "metadata"
            && a.GetProperty("layer").GetString() == "output[1].script" && a.GetProperty("offset").GetInt32() == 12);
    }

    [Fact]
    public void DecodeTx_WithoutPrevout_IssuanceHasNullAssetId()
    {
        using var json = JsonDocument.Parse(DecodeJson.Serialize(DecodeCommand.DecodeSingle(IssuanceTx, [], null, "main", null)));
        var first = json.RootElement.GetProperty("openAssets").GetProperty("outputs")[0];
        Assert.Equal("issuance", first.GetProperty("role").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("assetId").ValueKind);
    }

    [Fact]
    public void BatchLine_WithInputAssets_ColorsTransfers_AndWithoutThemIsInvalid()
    {
        var line = $$"""{"tx": "{{TransferTx}}", "inputAssets": [[{"protocol": "openassets", "assetId": "{{Af59}}", "quantity": 10000000}], null]}""";
        using var colored = JsonDocument.Parse(DecodeJson.Serialize(DecodeJson.DecodeLine(line)));
        var outputs = colored.RootElement.GetProperty("openAssets").GetProperty("outputs");
        Assert.Equal(["marker", "transfer", "transfer", "uncolored"], outputs.EnumerateArray().Select(o => o.GetProperty("role").GetString()));
        Assert.Equal(9_999_000UL, outputs[2].GetProperty("quantity").GetUInt64());

        using var invalid = JsonDocument.Parse(DecodeJson.Serialize(DecodeJson.DecodeLine($$"""{"tx": "{{TransferTx}}"}""")));
        var oa = invalid.RootElement.GetProperty("openAssets");
        Assert.False(oa.GetProperty("valid").GetBoolean());
        Assert.False(string.IsNullOrEmpty(oa.GetProperty("error").GetString()));
        Assert.All(oa.GetProperty("outputs").EnumerateArray(), o => Assert.Equal("uncolored", o.GetProperty("role").GetString()));
    }

    [Fact]
    public void NonOpenAssetsTransaction_HasNullKey()
    {
        // oa-mainnet-no-marker-21b093ec (openassets-ruby api_spec)
        const string tx = "010000000108fcc35a4b46b36be2b07b5dc06bb635956597d5ea79b028a0a2f70ae6cf6fd6010000006a4730440220325a1bc5fe119e87f0b15e7f542107e1e839f3f8b241a91eebb33ee74612d65502207df2580d7b7105f4353e730c2a6df2e89c9cb77ad9fc9f6e066f444dca82e298012103996ffca62815a75befba6b85ef0c5e03bc3548db16c2b0642225417c94a80cbfffffffff02e33e0500000000001976a914fcefa84d15d0bf818b020f0cdaf99f4029c15ce788aca0860100000000001976a91424b3d405bc60bd9628691fe28bb00f6800e1480688ac00000000";
        using var json = JsonDocument.Parse(DecodeJson.Serialize(DecodeCommand.DecodeSingle(tx, [], null, "main", null)));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("openAssets").ValueKind);
    }
}
