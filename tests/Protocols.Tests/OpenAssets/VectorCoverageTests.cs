namespace Explorer.Protocols.Tests.OpenAssets;

/// <summary>Every vector of data/openassets/openassets.json (copied from shared/vectors/openassets.json) has a test.
/// Spec: https://github.com/OpenAssets/open-assets-protocol/blob/master/specification.mediawiki</summary>
[Trait("Category", "Unit")]
public class VectorCoverageTests
{
    /// <summary>Vector id -> the test class that checks it. A vector added to the file fails here until it is covered.</summary>
    private static readonly Dictionary<string, string> Covered = new()
    {
        ["oa-spec-marker-example"] = nameof(MarkerPayloadDecoderTests),
        ["oa-spec-asset-id-derivation"] = nameof(AssetIdAndAddressTests),
        ["oa-colored-address"] = nameof(AssetIdAndAddressTests),
        ["oa-colored-address-2"] = nameof(AssetIdAndAddressTests),
        ["oa-testnet-asset-ids"] = nameof(AssetIdAndAddressTests),
        ["oa-mainnet-issuance-c4dcdc51"] = nameof(MainnetTransactionTests),
        ["oa-mainnet-transfer-6e891a88"] = nameof(MainnetTransactionTests),
        ["oa-mainnet-transfer-6e891a88-mutations"] = nameof(MainnetTransactionTests),
        ["oa-marker-url-metadata"] = nameof(MainnetTransactionTests),
        ["oa-marker-push-parsing"] = nameof(MarkerScriptParserTests),
        ["oa-py-payload-roundtrip"] = nameof(MarkerPayloadDecoderTests),
        ["oa-py-payload-invalid"] = nameof(MarkerPayloadDecoderTests),
        ["oa-py-leb128"] = nameof(MarkerPayloadDecoderTests),
        ["oa-py-parse-script"] = nameof(MarkerScriptParserTests),
        ["oa-py-first-valid-marker"] = nameof(OpenAssetsColorizerTests),
        ["oa-py-order-based-coloring"] = nameof(OpenAssetsColorizerTests),
        ["oa-mainnet-transfer-3fba8bfb"] = nameof(MainnetTransactionTests),
        ["oa-mainnet-no-marker-21b093ec"] = nameof(MainnetTransactionTests),
        ["oa-ruby-payload-vectors"] = nameof(MarkerPayloadDecoderTests),
        ["oa-p2sh-definition-pointer"] = nameof(DefinitionPointerTests),
        ["oa-spec-coloring-example"] = nameof(OpenAssetsColorizerTests),
    };

    [Fact]
    public void EveryVectorHasATest()
    {
        var ids = OaVectors.All.Select(v => v.GetProperty("id").GetString()!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(ids.Order(), Covered.Keys.Order());
        Assert.All(OaVectors.All, v => Assert.True(v.TryGetProperty("source", out var s) && s.TryGetProperty("repo", out _)));
    }
}
