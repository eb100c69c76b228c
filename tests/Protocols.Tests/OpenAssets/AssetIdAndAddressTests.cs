using Explorer.Protocols.OpenAssets;
using NBitcoin;
using static Explorer.Protocols.Tests.OpenAssets.OaVectors;

namespace Explorer.Protocols.Tests.OpenAssets;

/// <summary>
/// Asset IDs (https://github.com/OpenAssets/open-assets-protocol/blob/master/specification.mediawiki#protocol-overview)
/// and colored addresses (https://github.com/OpenAssets/open-assets-protocol/blob/master/address-format.mediawiki).
/// </summary>
[Trait("Category", "Unit")]
public class AssetIdAndAddressTests
{
    /// <summary>oa-spec-asset-id-derivation (spec "Protocol Overview", NBitcoin CanCreateAssetAddress, Python test_hash_script).</summary>
    [Fact]
    public void SpecAssetId()
    {
        var input = Input("oa-spec-asset-id-derivation");
        var expected = Expected("oa-spec-asset-id-derivation");
        var script = Hex(input.Str("first_input_prev_output_script_hex"));
        var id = OaAssetId.FromScript(script);

        Assert.Equal(expected.Str("script_hash160_hex"), Convert.ToHexStringLower(id.ToBytes()));
        Assert.Equal(expected.Str("asset_id_base58"), id.ToBase58());
        Assert.Equal(OaAssetId.MainnetVersion, expected.GetProperty("version_byte").GetInt32());
        Assert.True(OaAssetId.TryParse(expected.Str("asset_id_base58"), out var parsed, out var testnet));
        Assert.Equal(id, parsed);
        Assert.False(testnet);

        // The private key gives the address whose P2PKH script is hashed.
        var key = new Key(Hex(input.Str("private_key_hex")), fCompressedIn: false);
        Assert.Equal(input.Str("address"), key.PubKey.GetAddress(ScriptPubKeyType.Legacy, Network.Main).ToString());
        Assert.Equal(id, OaAssetId.FromScript(key.PubKey.GetAddress(ScriptPubKeyType.Legacy, Network.Main).ScriptPubKey));
    }

    /// <summary>
    /// The spec's own overview writes the same hash with the P2SH version byte ("36hBrMeUfevFPZdY2iYSHVaP9jdLd9Np4R");
    /// implementations use version 23 ("A..."), see docs/openassets.md. Same 20 bytes either way; regtest uses mainnet's (the Core regtest fixture's form).
    /// </summary>
    [Fact]
    public void SpecOverviewAddress_IsTheSameHash()
    {
        var id = OaAssetId.FromScript(Hex(Input("oa-spec-asset-id-derivation").Str("first_input_prev_output_script_hex")));
        Assert.Equal("36hBrMeUfevFPZdY2iYSHVaP9jdLd9Np4R", new ScriptId(id.ToBytes()).GetAddress(Network.Main).ToString());
        Assert.Equal(id.ToBase58(Network.Main), id.ToBase58(Network.RegTest));
        Assert.StartsWith("o", id.ToBase58(Network.TestNet), StringComparison.Ordinal);
    }

    /// <summary>oa-testnet-asset-ids (openassets-ruby util_spec, testnet version 115).</summary>
    [Fact]
    public void TestnetAssetIds()
    {
        var input = Input("oa-testnet-asset-ids");
        var expected = Expected("oa-testnet-asset-ids");
        var p2pkh = new KeyId(Hex(input.Str("pubkey_hash_hex"))).ScriptPubKey;
        Assert.Equal(expected.Str("asset_id_of_p2pkh_script_for_pubkey_hash"), OaAssetId.FromScript(p2pkh).ToBase58(Network.TestNet));
        var p2sh = Hex(input.Str("p2sh_script_hex"));
        Assert.Equal(expected.Str("asset_id_of_p2sh_script"), OaAssetId.FromScript(p2sh).ToBase58(testnet: true));
        Assert.True(OaAssetId.TryParse(expected.Str("asset_id_of_p2sh_script"), out var parsed, out var testnet));
        Assert.True(testnet);
        Assert.Equal(OaAssetId.FromScript(p2sh), parsed);
    }

    /// <summary>oa-colored-address (address-format.mediawiki "Example", NBitcoin CanParseColoredAddress).</summary>
    [Fact]
    public void SpecColoredAddress()
    {
        var input = Input("oa-colored-address");
        var expected = Expected("oa-colored-address");
        Assert.True(ColoredAddress.TryFromAddress(input.Str("address"), out var colored));
        Assert.Equal(expected.Str("colored_address"), colored);
        Assert.Equal(expected.Str("colored_hex_with_checksum"), Convert.ToHexStringLower(NBitcoin.DataEncoders.Encoders.Base58.DecodeData(colored)));
        Assert.True(ColoredAddress.TryToAddress(colored, out var back));
        Assert.Equal(input.Str("address"), back);

        // NBitcoin's testnet form of the same hash.
        var testnetAddress = new KeyId(Hex("010966776006953d5567439e5e39f86a0d273bee")).GetAddress(Network.TestNet).ToString();
        Assert.True(ColoredAddress.TryFromAddress(testnetAddress, out var testnetColored));
        Assert.Equal(expected.Str("testnet_colored_address_same_hash (NBitcoin)"), testnetColored);
    }

    /// <summary>oa-colored-address-2 (openassets-ruby util_spec "convert address").</summary>
    [Fact]
    public void RubyColoredAddress()
    {
        Assert.True(ColoredAddress.TryFromAddress(Input("oa-colored-address-2").Str("address"), out var colored));
        Assert.Equal(Expected("oa-colored-address-2").Str("colored_address"), colored);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base58 0OIl")]
    [InlineData("16UwLL9Risc3QfPqBUvKofHmBQ7wMtjvN")] // checksum broken
    [InlineData("16UwLL9Risc3QfPqBUvKofHmBQ7wMtjvM")] // an address, not an asset ID (version 0)
    public void BadAssetIds_DoNotParse(string text)
    {
        Assert.False(OaAssetId.TryParse(text, out _, out _));
        Assert.False(ColoredAddress.TryToAddress(text, out _));
    }
}
