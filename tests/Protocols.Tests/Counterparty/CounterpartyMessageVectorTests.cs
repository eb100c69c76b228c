using Explorer.Protocols.Common;
using Explorer.Protocols.Counterparty;
using NBitcoin;

namespace Explorer.Protocols.Tests.Counterparty;

/// <summary>
/// Message-level vectors of ../shared/vectors/counterparty.json (data/counterparty/vectors.json): enhanced send in
/// CBOR and legacy form, send, order, dividend, issuance CBOR, asset names, burn constants, cancel. Each test names
/// its vector id; sources are counterparty-core@ca2496d test files. Spec: ../shared/docs/protocols.md (https://github.com/CounterpartyXCP/counterparty-core) 3.5-3.7.
/// </summary>
public class CounterpartyMessageVectorTests
{
    private static readonly CounterpartyRules Regtest = CounterpartyRules.Regtest;

    private static XcpMessageResult Decode(int typeId, string bodyHex, CounterpartyRules rules, int? height = null) =>
        CounterpartyMessageDecoder.Decode([(byte)typeId, .. Convert.FromHexString(bodyHex)], rules, height);

    private static string Input(string id, string key) =>
        XcpTestData.Vector(id).GetProperty("input").GetProperty(key).GetString()!;

    [Fact]
    public void Enhanced_send_cbor()
    {
        // xcp-enhanced-send-cbor: [1, 1000, 0x01 + hash160, b"memo"]
        var r = Decode(2, Input("xcp-enhanced-send-cbor", "message_hex_after_type_id"), Regtest);
        Assert.True(r.IsValid, r.ErrorMessage);
        Assert.Equal("XCP", r.Message!["asset"]);
        Assert.Equal(1000UL, r.Message["quantity"]);
        Assert.Equal("mtQheFaSfWELRB2MyMBaiWjdDm6ux9Ezns", r.Message["address"]);
        Assert.Equal(Convert.ToHexStringLower("memo"u8), r.Message["memo"]);
    }

    [Fact]
    public void Enhanced_send_cbor_taproot_destination()
    {
        // xcp-enhanced-send-cbor-p2tr: packed 0x03 0x01 + 32-byte program = a bech32m P2TR address; memo abcdef.
        var r = Decode(2, Input("xcp-enhanced-send-cbor-p2tr", "message_hex_after_type_id"), Regtest);
        Assert.True(r.IsValid, r.ErrorMessage);
        Assert.Equal(1000UL, r.Message!["quantity"]);
        Assert.Equal("abcdef", r.Message["memo"]);
        var address = BitcoinAddress.Create((string)r.Message["address"]!, Network.RegTest);
        Assert.IsType<TaprootAddress>(address);
        Assert.Equal("0171653075b36ee3d2351b5581d9b9905721cbfe60b71ce22501e1b44ed03a9684", Convert.ToHexStringLower(address.ScriptPubKey.ToBytes()).Replace("5120", "01", StringComparison.Ordinal)[..66]);
    }

    [Fact]
    public void Enhanced_send_not_cbor_falls_back_to_legacy_struct()
    {
        // xcp-enhanced-send-legacy-struct-fallback
        var expected = XcpTestData.Vector("xcp-enhanced-send-legacy-struct-fallback").GetProperty("expected");
        var r = Decode(2, Input("xcp-enhanced-send-legacy-struct-fallback", "message_hex_after_type_id"), Regtest);
        Assert.True(r.IsValid, r.ErrorMessage);
        Assert.Equal(expected.GetProperty("asset").GetString(), r.Message!["asset"]);
        Assert.Equal(expected.GetProperty("quantity").GetUInt64(), r.Message["quantity"]);
        Assert.Equal(expected.GetProperty("address").GetString(), r.Message["address"]);
        Assert.Equal(expected.GetProperty("memo_hex").GetString(), r.Message["memo"]);
    }

    [Fact]
    public void Classic_send_with_four_byte_type_id()
    {
        // xcp-send-legacy: "0000000000000000000000010000000002faf080" = type 0, XCP, 50000000.
        var data = Convert.FromHexString(Input("xcp-send-legacy", "data_hex"));
        var r = CounterpartyMessageDecoder.Decode(data, CounterpartyRules.Mainnet, 400000);
        Assert.True(r.IsValid, r.ErrorMessage);
        Assert.Equal(0, r.Message!.TypeId);
        Assert.Equal(4, r.Message.TypeIdLength);
        Assert.Equal("XCP", r.Message["asset"]);
        Assert.Equal(50000000UL, r.Message["quantity"]);
    }

    [Fact]
    public void Order_legacy_struct()
    {
        // xcp-order-legacy (order_test.py test_parse_order)
        var r = Decode(10, Input("xcp-order-legacy", "message_hex_after_type_id"), Regtest);
        Assert.True(r.IsValid, r.ErrorMessage);
        Assert.Equal("DIVISIBLE", r.Message!["give_asset"]);
        Assert.Equal(100000000UL, r.Message["give_quantity"]);
        Assert.Equal("XCP", r.Message["get_asset"]);
        Assert.Equal(100000000UL, r.Message["get_quantity"]);
        Assert.Equal(2000L, r.Message["expiration"]);
        Assert.Equal(0UL, r.Message["fee_required"]);
    }

    [Fact]
    public void Order_compose_with_short_type_id()
    {
        // xcp-order-compose-full (derived checks): get_id 1911882621324134 is below 26^12, an alphabetic name.
        var data = Convert.FromHexString(Input("xcp-order-compose-full", "data_hex"));
        var r = CounterpartyMessageDecoder.Decode(data, Regtest, null);
        Assert.True(r.IsValid, r.ErrorMessage);
        Assert.Equal(10, r.Message!.TypeId);
        Assert.Equal("XCP", r.Message["give_asset"]);
        Assert.Equal(500UL, r.Message["get_quantity"]);
        Assert.True(AssetNames.TryGetName(1911882621324134, true, out var name));
        Assert.Equal(name, r.Message["get_asset"]);
        Assert.True(AssetNames.TryGetId(name, out var back));
        Assert.Equal(1911882621324134UL, back);
    }

    [Fact]
    public void Dividend_three_ids()
    {
        // xcp-dividend-legacy: >QQQ quantity_per_unit, asset DIVISIBLE, dividend_asset XCP.
        var r = Decode(50, Input("xcp-dividend-legacy", "message_hex_after_type_id"), Regtest);
        Assert.True(r.IsValid, r.ErrorMessage);
        Assert.Equal(100000000UL, r.Message!["quantity_per_unit"]);
        Assert.Equal("DIVISIBLE", r.Message["asset"]);
        Assert.Equal("XCP", r.Message["dividend_asset"]);
    }

    [Fact]
    public void Dividend_compose_data()
    {
        // xcp-dividend-compose: 0x32 = 50, dividend_asset_id 95428959342453541 is numeric ("A" + id).
        var data = Convert.FromHexString(Input("xcp-dividend-compose", "data_hex"));
        var r = CounterpartyMessageDecoder.Decode(data, Regtest, null);
        Assert.True(r.IsValid, r.ErrorMessage);
        Assert.Equal(50, r.Message!.TypeId);
        Assert.Equal(1UL, r.Message["quantity_per_unit"]);
        Assert.Equal("DIVISIBLE", r.Message["asset"]);
        Assert.Equal("A95428959342453541", r.Message["dividend_asset"]);
    }

    [Fact]
    public void Dividend_before_new_format_is_two_ids()
    {
        var data = Convert.FromHexString("00000032" + "0000000005f5e100" + "000000a25be34b66");
        var r = CounterpartyMessageDecoder.Decode(data, CounterpartyRules.Mainnet, 288000);
        Assert.True(r.IsValid, r.ErrorMessage);
        Assert.Equal("XCP", r.Message!["dividend_asset"]);
        // The 24-byte form is not accepted before new_dividend_format (288151).
        var old = CounterpartyMessageDecoder.Decode(Convert.FromHexString("00000032" + Input("xcp-dividend-legacy", "message_hex_after_type_id")), CounterpartyRules.Mainnet, 288000);
        Assert.Equal(DecodeError.TrailingBytes, old.Error);
    }

    [Theory]
    [InlineData("data_hex_BSSET", "BSSET", 1000UL, false, "")]
    [InlineData("data_hex_BSSET_desc_null", "BSSET", 1000UL, false, null)]
    [InlineData("data_hex_DIVISIBLE_lock", "DIVISIBLE", 0UL, true, null)]
    public void Issuance_cbor(string key, string asset, ulong quantity, bool locked, string? description)
    {
        // xcp-issuance-cbor. A null description means "keep the existing one" (counterparty-core then reads the
        // ledger: "" for a new asset, the previous description otherwise); the ledger is out of scope here.
        var data = Convert.FromHexString(Input("xcp-issuance-cbor", key));
        var r = CounterpartyMessageDecoder.Decode(data, Regtest, null);
        Assert.True(r.IsValid, r.ErrorMessage);
        Assert.Equal(22, r.Message!.TypeId);
        Assert.Equal("issuance", r.Message.Type);
        Assert.Equal(asset, r.Message["asset"]);
        Assert.Equal(quantity, r.Message["quantity"]);
        Assert.Equal(true, r.Message["divisible"]);
        Assert.Equal(locked, r.Message["lock"]);
        Assert.Equal(false, r.Message["reset"]);
        Assert.Equal("text/plain", r.Message["mime_type"]);
        Assert.Equal(description, r.Message["description"]);
    }

    [Theory]
    [InlineData(0UL, "BTC")]
    [InlineData(1UL, "XCP")]
    [InlineData(785635UL, "BSSET")]
    [InlineData(697326324582UL, "DIVISIBLE")]
    [InlineData(8660478055499825921UL, "A8660478055499825921")]
    [InlineData(95428956661682177UL, "A95428956661682177")]
    [InlineData(17576UL, "BAAA")]
    public void Asset_names(ulong id, string name)
    {
        // xcp-asset-names (lib/ledger/issuances.py generate_asset_name), plus the range ends it states.
        Assert.True(AssetNames.TryGetName(id, true, out var n));
        Assert.Equal(name, n);
        Assert.True(AssetNames.TryGetId(name, out var back));
        Assert.Equal(id, back);
    }

    [Fact]
    public void Asset_ids_below_26_cubed_have_no_name()
    {
        Assert.False(AssetNames.TryGetName(17575, true, out _));
        Assert.False(AssetNames.TryGetId("AAAA", out _));
        Assert.False(AssetNames.TryGetId("ABCDEFGHIJKLM", out _));
    }

    [Fact]
    public void Burn_constants()
    {
        // xcp-burn-address (lib/config.py)
        var expected = XcpTestData.Vector("xcp-burn-address").GetProperty("expected");
        Assert.Equal(expected.GetProperty("UNSPENDABLE_MAINNET").GetString(), CounterpartyRules.Mainnet.Unspendable);
        Assert.Equal(expected.GetProperty("UNSPENDABLE_TESTNET").GetString(), CounterpartyRules.Testnet3.Unspendable);
        Assert.Equal(expected.GetProperty("BURN_START_MAINNET").GetInt32(), CounterpartyRules.Mainnet.BurnStart);
        Assert.Equal(expected.GetProperty("BURN_END_MAINNET").GetInt32(), CounterpartyRules.Mainnet.BurnEnd);
        // Both addresses are valid base58check (they burn: nobody has their key).
        Assert.NotNull(BitcoinAddress.Create(CounterpartyRules.Mainnet.Unspendable, Network.Main));
        Assert.NotNull(BitcoinAddress.Create(CounterpartyRules.Testnet3.Unspendable, Network.TestNet));
    }

    [Theory]
    [InlineData("73686f7274")]
    [InlineData("")]
    public void Cancel_with_wrong_length_is_a_typed_error(string bodyHex)
    {
        // xcp-cancel-invalid (cancel_test.py test_unpack_invalid_length): "short" and empty do not unpack.
        var r = Decode(70, bodyHex, Regtest);
        Assert.False(r.IsValid);
        Assert.Equal(DecodeError.Truncated, r.Error);
        // An empty body leaves only the 1-byte type ID, which messagetype.unpack cannot read on its own.
        Assert.Null(r.Message?["offer_hash"]);
    }
}
