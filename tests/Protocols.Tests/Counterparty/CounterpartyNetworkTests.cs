using System.Formats.Cbor;
using Explorer.Protocols.Common;
using Explorer.Protocols.Counterparty;
using Explorer.Protocols.Decoding;
using NBitcoin;

namespace Explorer.Protocols.Tests.Counterparty;

/// <summary>
/// Networks and the newest protocol changes. Heights: counterparty-core counterparty-core/counterpartycore/
/// protocol_changes.json@00497c210088804c5b86bff71139194647123b0e ("testnet4_block_index", "signet_block_index") and the
/// release notes v11.3.0 (correct_transaction_fee: 966200 / 5166000 / 153700 / signet 0), v11.4.0
/// (mpma_taproot_support and ordinals_metadata_support: 971700 / 5166000 / 155500 / signet 325500 and 0) and v11.5.0
/// (require_reveal_source_signature: 968846 / 5151305 / 154138 / 323915); burn settings from lib/config.py.
/// </summary>
public class CounterpartyNetworkTests
{
    private const string Key = "e43c357b78baf473fd21cbc1481ac450746b60cf1d2702ce3a73a8811811e3eb";
    private static readonly PubKey Source = new Key(Convert.FromHexString("1111111111111111111111111111111111111111111111111111111111111111")).PubKey;

    [Theory]
    [InlineData("main", "mainnet", 902000, 278310)]
    [InlineData("test", "testnet3", 4410000, 310000)]
    [InlineData("testnet4", "testnet4", 85000, 63240)]
    [InlineData("signet", "signet", 0, 255110)]
    [InlineData("regtest", "regtest", 0, 101)]
    public void Each_network_has_its_own_heights(string name, string expected, int taproot, int burnStart)
    {
        var rules = CounterpartyRules.ForName(name)!;
        Assert.Equal(expected, rules.Name);
        Assert.Equal(taproot, rules.TaprootSupport);
        Assert.Equal(burnStart, rules.BurnStart);
        Assert.Null(CounterpartyRules.ForName("litecoin"));
    }

    [Fact]
    public void Issuance_layouts_per_network()
    {
        // issuance_asset_serialization_length: testnet3 26/27/28/19, testnet4 and signet 19 from block 1.
        Assert.Equal(26, CounterpartyRules.Testnet3.IssuanceLength(2287999));
        Assert.Equal(27, CounterpartyRules.Testnet3.IssuanceLength(2288000));
        Assert.Equal(19, CounterpartyRules.Testnet4.IssuanceLength(1));
        Assert.Equal(19, CounterpartyRules.Signet.IssuanceLength(1));
        Assert.Equal(20, CounterpartyRules.Testnet4.SubassetLength(1));
    }

    [Fact]
    public void Testnet4_reads_taproot_reveals_from_85000_and_signet_from_block_0()
    {
        var tx = Network.TestNet.CreateTransaction();
        tx.Inputs.Add(new OutPoint(uint256.Parse(Key), 0));
        tx.Inputs[0].WitScript = new WitScript(new[] { new byte[64], CounterpartyEncoder.TaprootEnvelope([2, 1, 2, 3], Source.TaprootInternalKey.ToBytes()).ToBytes(), new byte[33] });
        tx.Outputs.Add(Money.Zero, CounterpartyEncoder.RevealMarker("CNTRPRTY"));
        DecodeRequest Request(string chain, int height) => new(tx, [], [], height, Network.TestNet, "CNTRPRTY") { Chain = chain };
        Assert.Null(CounterpartyAnswerBuilder.Build(Request("testnet4", 84999)));
        Assert.Equal("taproot", CounterpartyAnswerBuilder.Build(Request("testnet4", 85000))?.Carrier);
        Assert.Equal("taproot", CounterpartyAnswerBuilder.Build(Request("signet", 1))?.Carrier);
        // Without the name, TestNet means testnet3 (taproot from 4410000).
        Assert.Null(CounterpartyAnswerBuilder.Build(new DecodeRequest(tx, [], [], 85000, Network.TestNet, "CNTRPRTY")));
        // The decode JSON line's optional "chain" selects the same rules.
        Assert.True(DecodeJson.TryParseRequest($$"""{"tx":"{{tx.ToHex()}}","network":"test","chain":"testnet4","height":85000}""", out var request, out var error), error);
        Assert.Equal("taproot", CounterpartyAnswerBuilder.Build(request)?.Carrier);
        Assert.False(DecodeJson.TryParseRequest($$"""{"tx":"{{tx.ToHex()}}","chain":"litecoin"}""", out _, out var bad));
        Assert.Contains("chain", bad, StringComparison.Ordinal);
    }

    [Fact]
    public void Burns_on_testnet4_and_signet_use_their_periods()
    {
        var unspendable = BitcoinAddress.Create(CounterpartyRules.Testnet4.Unspendable, Network.TestNet);
        var tx = XcpTestData.Build(Network.TestNet, Key, (unspendable.ScriptPubKey, 100000));
        var prevouts = new TxOut?[] { new(Money.Satoshis(120000), Source.GetScriptPubKey(ScriptPubKeyType.Segwit)) };
        CounterpartyAnswer? Burn(string chain, int h) =>
            CounterpartyAnswerBuilder.Build(new DecodeRequest(tx, [.. prevouts], [], h, Network.TestNet, "CNTRPRTY") { Chain = chain });
        Assert.True(Burn("testnet4", 63240)!.Valid);
        Assert.False(Burn("testnet4", 4017709)!.Valid);
        Assert.False(Burn("signet", 255109)!.Valid);
        Assert.True(Burn("signet", 999999999)!.Valid);
    }

    [Fact]
    public void Correct_transaction_fee_subtracts_every_output()
    {
        // data, change (the parser stops there), then one more output: dropped from the fee before the change.
        var data = MessageEncoder.Send(1, 5, true);
        var key = Convert.FromHexString(Key);
        var change = Source.GetScriptPubKey(ScriptPubKeyType.Legacy);
        var tx = XcpTestData.Build(Network.Main, Key, (CounterpartyEncoder.OpReturn(key, "CNTRPRTY", data), 0), (change, 1000), (change, 50000));
        var prevouts = new TxOut?[] { new(Money.Satoshis(100000), change) };
        CounterpartyAnswer Fee(int h) => CounterpartyAnswerBuilder.Build(XcpTestData.Request(tx, Network.Main, h, "CNTRPRTY", prevouts))!;
        // "recorded as paying 19,388,665 sats while its inputs minus *all* outputs is 46,970 sats" (v11.3.0 notes).
        Assert.Equal(99000, Fee(966199).Fee);
        Assert.Equal(49000, Fee(966200).Fee);
    }

    [Fact]
    public void Mpma_address_table_is_length_prefixed_from_mpma_taproot_support()
    {
        // compose_test.py test_unpack_mpma's message (legacy table: 2 x 21 bytes of version 0x6f + hash160), rewritten
        // with the v11.4.0 table: "a length byte followed by the self-describing address packing" (0x01 + hash160).
        const string legacy = "00026f4e5638a01efbb2f292481797ae1dcfcdaeb98d006f8d6ae8a3b381663118b4e1eff4cfc7d0954dd6ec400000000000000060000000005f5e10040000000017d78400";
        var bytes = Convert.FromHexString(legacy);
        var table = bytes.AsSpan(2, 42).ToArray();
        var stream = bytes.AsSpan(44).ToArray();
        byte[] modern = [3, 0, 2, 21, 0x01, .. table.AsSpan(1, 20), 21, 0x01, .. table.AsSpan(22, 20), .. stream];
        var rules = CounterpartyRules.Testnet4;
        var before = CounterpartyMessageDecoder.Decode([3, .. bytes], rules, 155499);
        var after = CounterpartyMessageDecoder.Decode(modern, rules, 155500);
        Assert.True(before.IsValid, before.ErrorMessage);
        Assert.True(after.IsValid, after.ErrorMessage);
        var expected = System.Text.Json.JsonSerializer.Serialize(before.Message!["sends"]);
        Assert.Equal(expected, System.Text.Json.JsonSerializer.Serialize(after.Message!["sends"]));
        Assert.Contains("mtQheFaSfWELRB2MyMBaiWjdDm6ux9Ezns", expected, StringComparison.Ordinal);
        // "a legacy table parsed after it is refused"
        Assert.False(CounterpartyMessageDecoder.Decode([3, .. bytes], rules, 155500).IsValid);
    }

    [Fact]
    public void Ordinals_metadata_map_is_read_from_its_real_activation()
    {
        // v11.4.0: "ordinals_metadata_support heights corrected": mainnet 971700, not the 952800 the JSON advertised.
        var inner = new CborWriter();
        inner.WriteStartArray(3); inner.WriteUInt64(2); inner.WriteUInt64(1); inner.WriteUInt64(5); inner.WriteEndArray();
        var map = new CborWriter();
        map.WriteStartMap(1); map.WriteTextString("xcp"); map.WriteEncodedValue(inner.Encode()); map.WriteEndMap();
        var body = new List<byte> { 0x00, 0x63 };
        void Push(ReadOnlySpan<byte> d) { body.Add((byte)d.Length); body.AddRange(d.ToArray()); }
        Push("ord"u8); Push([7]); Push("xcp"u8); Push([1]); Push("text/plain"u8); Push([5]); Push(map.Encode());
        body.Add(0x68); Push(Source.TaprootInternalKey.ToBytes()); body.Add(0xac);
        var tx = Network.Main.CreateTransaction();
        tx.Inputs.Add(new OutPoint(uint256.Parse(Key), 0));
        tx.Inputs[0].WitScript = new WitScript(new[] { new byte[64], body.ToArray(), new byte[33] });
        tx.Outputs.Add(Money.Zero, CounterpartyEncoder.RevealMarker("CNTRPRTY"));
        var early = CounterpartyExtractor.Extract(tx, [], CounterpartyRules.Mainnet, 971699, "CNTRPRTY");
        Assert.Equal(DecodeError.InvalidCbor, early.Error);
        var late = CounterpartyExtractor.Extract(tx, [], CounterpartyRules.Mainnet, 971700, "CNTRPRTY");
        Assert.True(late.IsSuccess, late.Detail);
        Assert.Equal(2, late.Value.Data[0]);
    }
}
