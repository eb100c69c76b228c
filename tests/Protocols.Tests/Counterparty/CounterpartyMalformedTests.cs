using CsCheck;
using Explorer.Protocols.Common;
using Explorer.Protocols.Counterparty;
using NBitcoin;

namespace Explorer.Protocols.Tests.Counterparty;

/// <summary>
/// Malformed data of every kind gives a typed error and never an exception: bad prefix, short chunks, truncated
/// structs, bad CBOR, wrong lengths; plus property tests over random bytes, random scripts and random envelopes.
/// Spec: ../shared/docs/protocols.md (https://github.com/CounterpartyXCP/counterparty-core) section 3 (counterparty-core treats these as "not a Counterparty transaction"
/// or "invalid: could not unpack").
/// </summary>
public class CounterpartyMalformedTests
{
    private const string Key = "e43c357b78baf473fd21cbc1481ac450746b60cf1d2702ce3a73a8811811e3eb";
    private static readonly CounterpartyRules[] AllRules = [CounterpartyRules.Mainnet, CounterpartyRules.Testnet3, CounterpartyRules.Regtest];
    private static readonly int?[] Heights = [null, 300000, 400000, 500000, 600000, 760000, 870000, 910000, 960000];

    /// <summary>Valid messages of each layout (from the encoders and core-cases.json).</summary>
    public static TheoryData<string, int?> ValidMessages() => new()
    {
        { Convert.ToHexStringLower(MessageEncoder.Send(1, 5, false)), null },
        { Convert.ToHexStringLower(MessageEncoder.Order(1, 2, 697326324582, 4, 5, 6, true)), null },
        { Convert.ToHexStringLower(MessageEncoder.Bet(1, 2, 3, 4, 5.5, 5040, 7, true)), null },
        { Convert.ToHexStringLower(MessageEncoder.Dividend(1, 697326324582, 1, true)), null },
        { Convert.ToHexStringLower(MessageEncoder.Destroy(1, 5, "tag"u8, true)), null },
        { Convert.ToHexStringLower(MessageEncoder.Cancel(new byte[32], true)), null },
        { Convert.ToHexStringLower(MessageEncoder.BtcPay(new byte[32], new byte[32], true)), null },
        { Convert.ToHexStringLower(MessageEncoder.Dispenser(1, 2, 3, 4, 0, true)), null },
        { Convert.ToHexStringLower(MessageEncoder.Broadcast(1, 2.5, 3, "text", true, true)), 500000 },
        { Convert.ToHexStringLower(MessageEncoder.Broadcast(1, 2.5, 3, "text", false, false)), 300000 },
        { Convert.ToHexStringLower(MessageEncoder.Issuance(22, 785635, 1000, true, false, false, "desc", true)), 800000 },
        { Convert.ToHexStringLower(MessageEncoder.IssuanceCallable(785635, 1000, true, false, 0, 0, "desc", true, false)), 300000 },
        { Convert.ToHexStringLower(MessageEncoder.SubassetIssuance(23, 95428957336791984, 1000, true, false, false, "PARENT.child", "d", true)), 800000 },
        { Convert.ToHexStringLower(MessageEncoder.IssuanceCbor(22, 785635, 1000, true, false, false, "text/plain", "d"u8.ToArray())), null },
        { "0480bf37348af3d14ffaefcabb3fcf094293b8cc1c8e0273776565656565656570", 700000 },
        { "00000003" + "00026f4e5638a01efbb2f292481797ae1dcfcdaeb98d006f8d6ae8a3b381663118b4e1eff4cfc7d0954dd6ec400000000000000060000000005f5e10040000000017d78400", 700000 },
        { Convert.ToHexStringLower(MessageEncoder.Text(91, "XCPASSET", "1")), 870000 },
        { Convert.ToHexStringLower(MessageEncoder.Text(101, "XCP", "100", "1")), 870000 },
        { Convert.ToHexStringLower(MessageEncoder.Text(100, "a:0", "b", "XCP", "1")), 870000 },
    };

    [Theory]
    [MemberData(nameof(ValidMessages))]
    public void Every_truncation_of_a_valid_message_is_typed_and_never_throws(string hex, int? height)
    {
        var data = Convert.FromHexString(hex);
        var full = CounterpartyMessageDecoder.Decode(data, CounterpartyRules.Mainnet, height);
        Assert.True(full.IsValid, full.ErrorMessage);
        for (var length = 0; length < data.Length; length++)
        {
            var r = CounterpartyMessageDecoder.Decode(data.AsSpan(0, length), CounterpartyRules.Mainnet, height);
            // A shorter message is either a typed failure or, for text and length-prefixed layouts, another valid message.
            if (!r.IsValid) Assert.NotEqual(DecodeError.None, r.Error);
        }
        // Trailing bytes after fixed layouts are a typed error too.
        var longer = CounterpartyMessageDecoder.Decode([.. data, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], CounterpartyRules.Mainnet, height);
        if (!longer.IsValid) Assert.NotEqual(DecodeError.None, longer.Error);
    }

    [Theory]
    [InlineData("0a00", DecodeError.Truncated)]                      // order cut short
    [InlineData("0a" + "00000000000000010000000005f5e100000000a25be34b660000000005f5e10007d0000000000000000000", DecodeError.TrailingBytes)]
    [InlineData("46" + "00", DecodeError.Truncated)]                 // cancel of 1 byte
    [InlineData("0d" + "0100", DecodeError.InvalidLength)]           // dispense must be one 0x00
    [InlineData("6e" + "0000000000000001" + "0000000000000001" + "7878787878787878787878787878787878787878787878787878787878787878787878", DecodeError.InvalidLength)] // destroy tag > 34
    [InlineData("1e" + "52bb33003ff0000000000000004c4b40" + "fd", DecodeError.InvalidVarInt)] // broadcast text length cut
    [InlineData("1e" + "52bb33003ff0000000000000004c4b40" + "09" + "41", DecodeError.InvalidLength)] // text shorter than its length
    [InlineData("17" + "015308218f586bb000000000000003e8010000" + "ff" + "8e", DecodeError.Truncated)] // compacted longname too long
    [InlineData("02" + "84" + "01", DecodeError.Truncated)]           // bad CBOR falls back to a too-short struct
    [InlineData("03" + "0000", DecodeError.InvalidLength)]           // MPMA with no address
    [InlineData("03" + "0001" + "6f4e5638a01efbb2f292481797ae1dcfcdaeb98d00" + "80", DecodeError.Truncated)] // MPMA bits end early
    [InlineData("5b" + "c3", DecodeError.InvalidEncoding)]           // fairmint not UTF-8
    [InlineData("5b" + "41424344", DecodeError.Malformed)]           // fairmint without "|"
    [InlineData("5a" + "417c42", DecodeError.Malformed)]             // fairminter with too few fields
    [InlineData("78" + "00", DecodeError.Truncated)]                 // pool deposit
    [InlineData("ff" + "00", DecodeError.UnknownMessageType)]
    public void Malformed_message_bodies_give_typed_errors(string hex, DecodeError expected)
    {
        var r = CounterpartyMessageDecoder.Decode(Convert.FromHexString(hex), CounterpartyRules.Regtest, 960000);
        Assert.False(r.IsValid);
        Assert.Equal(expected, r.Error);
        Assert.NotNull(r.ErrorMessage);
    }

    [Fact]
    public void Invalid_cbor_in_a_taproot_envelope_gives_a_typed_error()
    {
        var body = new List<byte> { 0x00, 0x63 };
        void Push(ReadOnlySpan<byte> d) { body.Add((byte)d.Length); body.AddRange(d.ToArray()); }
        Push("ord"u8); Push([7]); Push("xcp"u8); Push([1]); Push("text/plain"u8); Push([5]); Push([0x9f, 0x01]); // unterminated array
        body.Add(0x68); Push(new byte[32]); body.Add(0xac);
        var tx = Network.RegTest.CreateTransaction();
        tx.Inputs.Add(new OutPoint(uint256.Parse(Key), 0));
        tx.Inputs[0].WitScript = new WitScript(new[] { new byte[64], body.ToArray(), new byte[33] });
        tx.Outputs.Add(Money.Zero, CounterpartyEncoder.RevealMarker("CNTRPRTY"));
        var result = CounterpartyExtractor.Extract(tx, [], CounterpartyRules.Regtest, null, "CNTRPRTY");
        Assert.False(result.IsSuccess);
        Assert.Equal(DecodeError.InvalidCbor, result.Error);
        var answer = CounterpartyAnswerBuilder.Build(XcpTestData.Request(tx, Network.RegTest));
        Assert.NotNull(answer);
        Assert.False(answer.Valid);
    }

    [Fact]
    public void Short_chunks_and_bad_prefixes_are_not_counterparty()
    {
        var key = Convert.FromHexString(Key);
        // A multisig whose length byte claims more bytes than the keys hold: clamped like Python slicing.
        var plain = new byte[62];
        plain[0] = 200;
        "CNTRPRTY"u8.CopyTo(plain.AsSpan(1));
        var enc = Arc4.Apply(key, plain);
        var k1 = new byte[33]; k1[0] = 2; enc.AsSpan(0, 31).CopyTo(k1.AsSpan(1));
        var k2 = new byte[33]; k2[0] = 3; enc.AsSpan(31, 31).CopyTo(k2.AsSpan(1));
        var script = new Script(OpcodeType.OP_1, Op.GetPushOp(k1), Op.GetPushOp(k2), Op.GetPushOp(new Key().PubKey.ToBytes()), OpcodeType.OP_3, OpcodeType.OP_CHECKMULTISIG);
        var result = CounterpartyExtractor.Extract(XcpTestData.Build(Network.Main, Key, (script, 1000)), [], CounterpartyRules.Mainnet, null, "CNTRPRTY");
        Assert.True(result.IsSuccess, result.ErrorMessage);
        Assert.Equal(62 - 9, result.Value.Data.Length);
        // Keys of one byte cannot hold the sign and nonce bytes.
        var tiny = new Script(OpcodeType.OP_1, Op.GetPushOp([2]), Op.GetPushOp([3]), OpcodeType.OP_2, OpcodeType.OP_CHECKMULTISIG);
        Assert.Equal(DecodeError.NotThisProtocol, CounterpartyExtractor.Extract(XcpTestData.Build(Network.Main, Key, (tiny, 1000)), [], CounterpartyRules.Mainnet, null, "CNTRPRTY").Error);
        // Wrong prefix (a test suite's prefix on mainnet data) and an OP_RETURN with two pushes.
        var data = MessageEncoder.Send(1, 5, false);
        Assert.Equal(DecodeError.NotThisProtocol, CounterpartyExtractor.Extract(
            XcpTestData.Build(Network.Main, Key, (CounterpartyEncoder.OpReturn(key, "TESTXXXX", data), 0)), [], CounterpartyRules.Mainnet, null, "CNTRPRTY").Error);
        var twoPushes = new Script(OpcodeType.OP_RETURN, Op.GetPushOp([1]), Op.GetPushOp([2]));
        Assert.Equal(DecodeError.NotThisProtocol, CounterpartyExtractor.Extract(
            XcpTestData.Build(Network.Main, Key, (twoPushes, 0)), [], CounterpartyRules.Mainnet, null, "CNTRPRTY").Error);
    }

    [Fact]
    public void Random_message_bytes_never_throw()
    {
        Gen.Byte.Array[0, 120].Sample(bytes =>
        {
            foreach (var rules in AllRules)
                foreach (var h in Heights)
                {
                    var r = CounterpartyMessageDecoder.Decode(bytes, rules, h);
                    if (!r.IsValid) Assert.NotEqual(DecodeError.None, r.Error);
                }
        }, iter: 2000);
    }

    [Fact]
    public void Random_payloads_after_each_type_id_never_throw()
    {
        var ids = new byte[] { 0, 2, 3, 4, 10, 11, 12, 13, 20, 21, 22, 23, 30, 40, 50, 70, 80, 81, 90, 91, 100, 101, 102, 110, 120, 121 };
        Gen.Select(Gen.Int[0, ids.Length - 1], Gen.Byte.Array[0, 100]).Sample((i, body) =>
        {
            byte[] data = [ids[i], .. body];
            foreach (var h in Heights) _ = CounterpartyMessageDecoder.Decode(data, CounterpartyRules.Mainnet, h);
            // The same payload inside a CBOR-looking wrapper.
            byte[] cbor = [ids[i], (byte)(0x80 | (body.Length % 24)), .. body];
            _ = CounterpartyMessageDecoder.Decode(cbor, CounterpartyRules.Regtest, null);
        }, iter: 3000);
    }

    [Fact]
    public void Random_output_scripts_and_witnesses_never_throw()
    {
        var key = Convert.FromHexString(Key);
        Gen.Select(Gen.Byte.Array[0, 90].Array[1, 4], Gen.Byte.Array[0, 200], Gen.Bool).Sample((scripts, witness, marker) =>
        {
            var tx = Network.RegTest.CreateTransaction();
            tx.Inputs.Add(new OutPoint(uint256.Parse(Key), 0));
            tx.Inputs[0].WitScript = new WitScript(new[] { new byte[64], witness, new byte[33] });
            tx.Inputs[0].ScriptSig = new Script(witness);
            if (marker) tx.Outputs.Add(Money.Zero, CounterpartyEncoder.RevealMarker("CNTRPRTY"));
            foreach (var s in scripts) tx.Outputs.Add(Money.Satoshis(1000), new Script(s));
            tx.Outputs.Add(Money.Zero, CounterpartyEncoder.OpReturn(key, "CNTRPRTY", witness.Length > 0 ? witness[..Math.Min(70, witness.Length)] : [0x14]));
            foreach (var h in Heights)
            {
                var r = CounterpartyExtractor.Extract(tx, [new TxOut(Money.Satoshis(5000), new Script(witness))], CounterpartyRules.Mainnet, h, "CNTRPRTY");
                if (!r.IsSuccess) Assert.NotEqual(DecodeError.None, r.Error);
            }
            _ = CounterpartyAnswerBuilder.Build(XcpTestData.Request(tx, Network.RegTest, null, "CNTRPRTY", new TxOut(Money.Satoshis(5000), new Script(witness))));
        }, iter: 1500);
    }

    [Fact]
    public void Random_legacy_era_carriers_never_throw()
    {
        // Before 333500: plaintext OP_RETURN and 1-of-2 keys whose first byte is a length, prefix or not.
        Gen.Select(Gen.Byte.Array[0, 70], Gen.Byte.Array[1, 70], Gen.Bool).Sample((opReturn, key2, prefixed) =>
        {
            byte[] payload = prefixed ? [.. "CNTRPRTY"u8, .. opReturn] : opReturn;
            var multisig = new Script(OpcodeType.OP_1, Op.GetPushOp(new byte[33]), Op.GetPushOp(key2), OpcodeType.OP_2, OpcodeType.OP_CHECKMULTISIG);
            var tx = XcpTestData.Build(Network.Main, Key, (new Script(OpcodeType.OP_RETURN, Op.GetPushOp(payload)), 0), (multisig, 1000),
                (CounterpartyEncoder.PubkeyHash(Convert.FromHexString(Key), "CNTRPRTY", opReturn.Length > 0 ? opReturn : [1])[0], 1000));
            foreach (var h in new[] { 280000, 293000, 333499 })
            {
                var r = CounterpartyExtractor.Extract(tx, [new TxOut(Money.Satoshis(10000), new Script(key2))], CounterpartyRules.Mainnet, h, "CNTRPRTY");
                if (!r.IsSuccess) Assert.NotEqual(DecodeError.None, r.Error);
                _ = CounterpartyAnswerBuilder.Build(XcpTestData.Request(tx, Network.Main, h));
            }
        }, iter: 1000);
    }
}
