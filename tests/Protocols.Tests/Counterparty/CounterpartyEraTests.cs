using Explorer.Protocols.Common;
using Explorer.Protocols.Counterparty;
using NBitcoin;

namespace Explorer.Protocols.Tests.Counterparty;

/// <summary>
/// Layouts switched by activation height (counterparty-core protocol_changes.json), each checked by an encoder round
/// trip and by the layout the neighbouring era would read: short type IDs (489956), issuance &gt;QQ? / &gt;QQ??If with
/// Pascal descriptions / &gt;QQ??? (283272, 745825, 753500), subasset issuance (467417, 753500), broadcast text
/// (423888), dispenser addresses, enhanced sends (489956), numeric asset names (333500), taproot CBOR (902000).
/// Spec: ../shared/docs/protocols.md (https://github.com/CounterpartyXCP/counterparty-core) 3.5-3.7.
/// </summary>
public class CounterpartyEraTests
{
    private static readonly CounterpartyRules Main = CounterpartyRules.Mainnet;

    private static XcpMessageResult Decode(byte[] data, int height) => CounterpartyMessageDecoder.Decode(data, Main, height);

    [Theory]
    [InlineData(489955, 4)]
    [InlineData(489956, 1)]
    public void Short_type_ids_from_489956(int height, int idLength)
    {
        var data = MessageEncoder.Order(1, 1, 697326324582, 1, 10, 0, height >= 489956);
        var r = Decode(data, height);
        Assert.True(r.IsValid, r.ErrorMessage);
        Assert.Equal(idLength, r.Message!.TypeIdLength);
        // A 1-byte ID before the fork is read as part of a 4-byte ID.
        if (idLength == 1) Assert.NotEqual(10, Decode(data, 489955).Message?.TypeId);
    }

    [Fact]
    public void Issuance_before_283272_is_17_bytes()
    {
        byte[] data = [0, 0, 0, 20, .. Convert.FromHexString("00000000000bfce3" + "00000000000003e8" + "01")];
        var r = Decode(data, 283000);
        Assert.True(r.IsValid, r.ErrorMessage);
        Assert.Equal("BSSET", r.Message!["asset"]);
        Assert.Equal(true, r.Message["divisible"]);
        Assert.Equal(false, r.Message["lock"]);
        Assert.Equal(string.Empty, r.Message["description"]);
    }

    [Theory]
    [InlineData(300000, "short", true)]
    [InlineData(300000, "a description of exactly forty-three bytes!", false)]
    [InlineData(745825, "short", false)]
    public void Issuance_callable_era_with_pascal_descriptions(int height, string description, bool pascal)
    {
        var data = MessageEncoder.IssuanceCallable(785635, 1000, true, false, 0, 0f, description, pascal, false);
        var r = Decode(data, height);
        Assert.True(r.IsValid, r.ErrorMessage);
        Assert.Equal(description, r.Message!["description"]);
        Assert.Equal(false, r.Message["callable"]);
        Assert.Null(r.Message["lock"]);
        // The same bytes read with the other string rule lose or gain the length byte.
        if (pascal) Assert.Equal("\u0005" + description, Decode(data, 745825).Message!["description"]);
    }

    [Fact]
    public void Issuance_lock_reset_from_cip03()
    {
        var data = MessageEncoder.Issuance(MessageTypes.LrIssuance, 697326324582, 5, true, true, false, "x", true);
        var r = Decode(data, 753500);
        Assert.True(r.IsValid, r.ErrorMessage);
        Assert.Equal(true, r.Message!["lock"]);
        Assert.Equal(false, r.Message["reset"]);
        Assert.Equal("x", r.Message["description"]);
        // Before cip03 the 19-byte message is shorter than the 26-byte layout and not the 17-byte one.
        Assert.Equal(DecodeError.Truncated, Decode(data, 753499).Error);
    }

    [Fact]
    public void Subasset_issuance_before_and_after_cip03()
    {
        var compacted = AssetNames.CompactSubassetLongname("PARENT.child");
        byte[] old = [21, .. Convert.FromHexString("01530821671b1065" + "0000000000000064" + "01"), (byte)compacted.Length, .. compacted, .. "d"u8];
        var r = Decode(old, 500000);
        Assert.True(r.IsValid, r.ErrorMessage);
        Assert.Equal("PARENT.child", r.Message!["subasset_longname"]);
        Assert.Equal("d", r.Message["description"]);
        // Before short type IDs the same message takes a 4-byte ID; before subassets (467417) it does not unpack.
        byte[] fourByteId = [0, 0, 0, .. old];
        Assert.True(Decode(fourByteId, 467417).IsValid);
        Assert.Equal(DecodeError.UnsupportedVersion, Decode(fourByteId, 467416).Error);
        var cip03 = MessageEncoder.SubassetIssuance(MessageTypes.LrSubassetIssuance, 95428957336791984, 100, true, true, false, "PARENT.child", "d", true);
        var r2 = Decode(cip03, 800000);
        Assert.True(r2.IsValid, r2.ErrorMessage);
        Assert.Equal("PARENT.child", r2.Message!["subasset_longname"]);
        Assert.Equal(true, r2.Message["lock"]);
    }

    [Theory]
    [InlineData(423887, false)]
    [InlineData(423888, true)]
    public void Broadcast_text_pascal_then_varint(int height, bool packText)
    {
        var data = MessageEncoder.Broadcast(1388000000, 2.5, 5000000, "hello", packText, false);
        var r = Decode(data, height);
        Assert.True(r.IsValid, r.ErrorMessage);
        Assert.Equal("hello", r.Message!["text"]);
        Assert.Equal(2.5, r.Message["value"]);
        var longText = MessageEncoder.Broadcast(1, 0, 0, new string('z', 60), packText, false);
        Assert.Equal(new string('z', 60), Decode(longText, height).Message!["text"]);
    }

    [Fact]
    public void Dispenser_with_action_and_oracle_addresses()
    {
        var action = PackedAddress.PackLegacy("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", Network.Main);
        var oracle = PackedAddress.PackLegacy("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", Network.Main);
        byte[] data = [.. MessageEncoder.Dispenser(1, 100, 1000, 5000, 1, true), .. action, .. oracle];
        var r = Decode(data, 800000);
        Assert.True(r.IsValid, r.ErrorMessage);
        Assert.Equal(1L, r.Message!["dispenser_status"]);
        Assert.Equal("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", r.Message["action_address"]);
        Assert.Equal("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", r.Message["oracle_address"]);
        // Status 0 (open) has no action address: the 21 bytes are the oracle.
        byte[] open = [.. MessageEncoder.Dispenser(1, 100, 1000, 5000, 0, true), .. oracle];
        Assert.Equal("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", Decode(open, 800000).Message!["oracle_address"]);
    }

    [Fact]
    public void Message_types_before_their_activation_are_unknown()
    {
        Assert.Equal(DecodeError.UnknownMessageType, Decode(MessageEncoder.Sweep(new byte[21], 1, [], true), 585537).Error);
        Assert.Equal(DecodeError.UnknownMessageType, Decode(MessageEncoder.Dispense(), 585537).Error);
        Assert.Equal(DecodeError.UnknownMessageType, Decode(MessageEncoder.Text(91, "A", "1"), 865999).Error);
        Assert.Equal(DecodeError.UnknownMessageType, Decode(MessageEncoder.Text(MessageTypes.PoolDeposit, "x"), 952799).Error);
    }

    [Fact]
    public void Numeric_asset_ids_before_333500_are_base26()
    {
        var id = 95428959342453541UL;
        var before = Decode(MessageEncoder.Send(id, 1, false), 300000);
        Assert.True(before.IsValid, before.ErrorMessage);
        Assert.Equal(13, ((string)before.Message!["asset"]!).Length);
        Assert.Equal("A95428959342453541", Decode(MessageEncoder.Send(id, 1, false), 333500).Message!["asset"]);
    }

    [Fact]
    public void Pool_deposit_and_withdraw_round_trip()
    {
        // pooldeposit.py FORMAT ">QQQQQQ" (asset_a_id, asset_b_id, quantity_a, quantity_b, min_lp_quantity, lp_asset_id).
        byte[] deposit = [120, .. Convert.FromHexString("0000000000000001" + "015308217f589ca6" + "0000000005f5e100" + "000000000bebc200" + "0000000000000000" + "0000000000000000")];
        var r = Decode(deposit, 952800);
        Assert.True(r.IsValid, r.ErrorMessage);
        Assert.Equal("pooldeposit", r.Message!.Type);
        Assert.Equal("XCP", r.Message["asset_a"]);
        Assert.Equal("A95428957068369062", r.Message["asset_b"]);
        Assert.Equal(200000000UL, r.Message["quantity_b"]);
        byte[] withdraw = [121, .. Convert.FromHexString("0000000000000001" + "015308217f589ca6" + "0000000002faf080" + "0000000000000000" + "0000000000000000")];
        var w = Decode(withdraw, 952800);
        Assert.True(w.IsValid, w.ErrorMessage);
        Assert.Equal("poolwithdraw", w.Message!.Type);
        Assert.Equal(50000000UL, w.Message["quantity"]);
    }
}
