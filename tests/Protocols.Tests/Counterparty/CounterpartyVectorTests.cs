using Explorer.Protocols.Counterparty;
using Explorer.Protocols.Decoding;
using NBitcoin;

namespace Explorer.Protocols.Tests.Counterparty;

/// <summary>
/// The vectors of ../shared/vectors/counterparty.json (copied to data/counterparty/vectors.json); each test names the
/// vector id, whose "source" cites CounterpartyXCP/counterparty-core@ca2496d, path and test.
/// Spec: ../shared/docs/protocols.md (https://github.com/CounterpartyXCP/counterparty-core) section 3.
/// </summary>
public class CounterpartyVectorTests
{
    private const string PrevScript = "76a9148d6ae8a3b381663118b4e1eff4cfc7d0954dd6ec88ac";

    /// <summary>The unsigned test transactions carry the spent output's script in their scriptSig; counterparty-core's
    /// mock gives the output 10 BTC (derived from the expected fee: inputs - outputs = 900010000).</summary>
    private static TxOut Prev => new(Money.Satoshis(1_000_000_000), new Script(Convert.FromHexString(PrevScript)));

    [Theory]
    [InlineData("xcp-gettxinfo-1", "pubkeyhash")]
    [InlineData("xcp-gettxinfo-2", "multisig")]
    [InlineData("xcp-gettxinfo-3", "multisig")]
    [InlineData("xcp-gettxinfo-4", "multisig")]
    [InlineData("xcp-gettxinfo-5", "multisig")]
    public void GetTxInfo_vectors_give_source_destination_amount_fee_and_data(string id, string carrier)
    {
        var v = XcpTestData.Vector(id);
        var tx = XcpTestData.Tx(v.GetProperty("input").GetProperty("tx_hex").GetString()!, Network.RegTest);
        var prevouts = tx.Inputs.Select(_ => (TxOut?)Prev).ToArray();
        var answer = CounterpartyAnswerBuilder.Build(XcpTestData.Request(tx, Network.RegTest, null, "TESTXXXX", prevouts));
        var expected = v.GetProperty("expected");
        Assert.NotNull(answer);
        Assert.Equal(carrier, answer.Carrier);
        Assert.Equal(expected.GetProperty("source").GetString(), answer.Source);
        Assert.Equal(expected.GetProperty("destination").GetString(), answer.Destination);
        Assert.Equal(expected.GetProperty("btc_amount").GetInt64(), answer.BtcAmount);
        Assert.Equal(expected.GetProperty("fee").GetInt64(), answer.Fee);
        Assert.Equal(expected.GetProperty("data_hex").GetString(), answer.DataHex);
        // derived_checks: "first 4 bytes 00000028 = 40 (bet)"
        Assert.Equal(40, answer.MessageTypeId);
        Assert.Equal("bet", answer.MessageType);
        Assert.True(answer.Valid, answer.Error);
        // Derived by decoding the data with bet.py's ">HIQQdII" (not stated by the source).
        Assert.Equal(0L, answer.Fields["bet_type"]);
        Assert.Equal(1388000100L, answer.Fields["deadline"]);
        Assert.Equal(50000000UL, answer.Fields["wager_quantity"]);
        Assert.Equal(15120L, answer.Fields["leverage"]);
        Assert.Equal(10L, answer.Fields["expiration"]);
    }

    [Fact]
    public void Mainnet_multisig_destination_is_m_sorted_addresses_n()
    {
        // xcp-mainnet-multisig-destination: the script bytes and key of gettxinfo_test.py test_decode_checkmultisig.
        var v = XcpTestData.Vector("xcp-mainnet-multisig-destination");
        const string script = "52410427db4059d24bab05df3f6bcc768fb01bd976b973f93e72cce2dfbfbed5a32056c9040a2c2ea4c10c812a54fed7ff2e6a917dbc843362d398f6ace4000fafa5c641043e12a6cb1c7c156f789110abf8397b714047414b5a32c742f17ccf93ff23bdf3128f946207086bcef012558240cd16182c741123e93ed18327c4cd6ebac668a94104e4168c172283c7dfaa85d2004f763a28bf6d0f1602fc1452ccec62a7c8a66e422af1410fbf24a47355ddc43dfe3491cb1b806574ccd1c434680466dcff926f0153ae";
        var key = v.GetProperty("input").GetProperty("arc4_key_hex").GetString()!;
        // A data output after the destination makes the transaction Counterparty, so the destination is reported.
        var data = MessageEncoder.Send(1, 5, false);
        var tx = XcpTestData.Build(Network.Main, key,
            (new Script(Convert.FromHexString(script)), 7800),
            (CounterpartyEncoder.OpReturn(Convert.FromHexString(key), "CNTRPRTY", data), 0));
        var answer = CounterpartyAnswerBuilder.Build(XcpTestData.Request(tx, Network.Main, 500000));
        Assert.NotNull(answer);
        Assert.Equal(v.GetProperty("expected").GetProperty("destination").GetString(), answer.Destination);
        Assert.Equal(7800, answer.BtcAmount);
    }

    [Fact]
    public void Legacy_parser_concatenates_pubkeyhash_chunks_with_their_prefixes()
    {
        // xcp-legacy-pubkeyhash-plaintext: gettxinfolegacy_test.py, run before multisig_addresses. The mock's source
        // output is derived from the expected source and fee (10000 satoshis in, 99990000 out).
        var v = XcpTestData.Vector("xcp-legacy-pubkeyhash-plaintext");
        var tx = XcpTestData.Tx(v.GetProperty("input").GetProperty("tx_hex").GetString()!, Network.TestNet);
        var expected = v.GetProperty("expected");
        var source = BitcoinAddress.Create(expected.GetProperty("source").GetString()!, Network.TestNet);
        var rules = CounterpartyRules.Mainnet with { Network = Network.TestNet, Unspendable = CounterpartyRules.Testnet3.Unspendable };
        var request = XcpTestData.Request(tx, Network.TestNet, 300000, "TESTXXXX", new TxOut(Money.Satoshis(10000), source.ScriptPubKey));
        var answer = CounterpartyAnswerBuilder.Build(request, rules);
        Assert.NotNull(answer);
        Assert.Equal(expected.GetProperty("data_hex").GetString(), answer.DataHex);
        Assert.Equal(expected.GetProperty("destination").GetString(), answer.Destination);
        Assert.Equal(expected.GetProperty("btc_amount").GetInt64(), answer.BtcAmount);
        Assert.Equal(expected.GetProperty("source").GetString(), answer.Source);
        Assert.Equal(expected.GetProperty("fee").GetInt64(), answer.Fee);
        Assert.Equal("pubkeyhash", answer.Carrier);
    }

    [Fact]
    public void Legacy_opreturn_is_plaintext()
    {
        // xcp-legacy-opreturn-plain: gettxinfolegacy_test.py test_get_tx_info_legacy_1, PREFIX + "hello world".
        var v = XcpTestData.Vector("xcp-legacy-opreturn-plain");
        var expected = v.GetProperty("expected");
        var source = BitcoinAddress.Create(expected.GetProperty("source").GetString()!, Network.TestNet);
        var tx = XcpTestData.Build(Network.TestNet, new string('1', 64),
            (new Script(OpcodeType.OP_RETURN, Op.GetPushOp("TESTXXXXhello world"u8.ToArray())), 0));
        var rules = CounterpartyRules.Mainnet with { Network = Network.TestNet, Unspendable = CounterpartyRules.Testnet3.Unspendable };
        var extraction = CounterpartyExtractor.Extract(tx, [new TxOut(Money.Satoshis(10000), source.ScriptPubKey)], rules, 300000, "TESTXXXX");
        Assert.True(extraction.IsSuccess, extraction.ErrorMessage);
        Assert.Equal("hello world", System.Text.Encoding.ASCII.GetString(extraction.Value.Data));
        Assert.Equal(expected.GetProperty("source").GetString(), extraction.Value.Source);
        Assert.Equal(expected.GetProperty("fee").GetInt64(), extraction.Value.Fee);
    }

    [Theory]
    [InlineData("01deadbeef", true, 1, "deadbeef")]
    [InlineData("02deadbeef", true, 2, "deadbeef")]
    [InlineData("00000001deadbeef", true, 1, "deadbeef")]
    [InlineData("00000000deadbeef", true, 0, "deadbeef")]
    [InlineData("6630", true, 102, "30")]
    public void Message_type_unpack(string hex, bool shortIds, int id, string rest)
    {
        // xcp-messagetype-unpack (messagetype_test.py test_unpack).
        Assert.True(MessageTypes.TryUnpack(Convert.FromHexString(hex), shortIds, out var typeId, out var length));
        Assert.Equal(id, typeId);
        Assert.Equal(rest, Convert.ToHexStringLower(Convert.FromHexString(hex)[length..]));
    }

    [Fact]
    public void Message_type_unpack_of_a_single_zero_byte_is_none_and_pack_follows_short_ids()
    {
        Assert.False(MessageTypes.TryUnpack([0], true, out _, out _));
        Assert.Equal("00000000", Convert.ToHexStringLower(MessageTypes.Pack(0, true)));
        Assert.Equal("01", Convert.ToHexStringLower(MessageTypes.Pack(1, true)));
        Assert.Equal("02", Convert.ToHexStringLower(MessageTypes.Pack(2, true)));
        Assert.Equal("00000001", Convert.ToHexStringLower(MessageTypes.Pack(1, false)));
    }

    [Theory]
    [InlineData("5b4139353432383935373735333434383833337c31", "fairmint")]
    [InlineData("6558435020454d457c32353030303030303030307c", "attach")]
    [InlineData("666263317163786c777138783966", "detach")]
    public void Message_type_classify(string hex, string type)
    {
        // xcp-messagetype-classify: "[A95428957753448833|1" fairmint, "eXCPMEME|25000000000|" attach, "fbc1q..." detach.
        var data = Convert.FromHexString(hex);
        var result = CounterpartyMessageDecoder.Decode(data, CounterpartyRules.Mainnet, null);
        Assert.Equal(type, result.Message!.Type);
    }

    [Fact]
    public void Classify_examples_decode_their_fields()
    {
        var fairmint = CounterpartyMessageDecoder.Decode("[A95428957753448833|1"u8, CounterpartyRules.Mainnet, 870000);
        Assert.True(fairmint.IsValid, fairmint.ErrorMessage);
        Assert.Equal("A95428957753448833", fairmint.Message!["asset"]);
        Assert.Equal(1L, fairmint.Message["quantity"]);
        var attach = CounterpartyMessageDecoder.Decode("eXCPMEME|25000000000|"u8, CounterpartyRules.Mainnet, 870000);
        Assert.True(attach.IsValid, attach.ErrorMessage);
        Assert.Equal("XCPMEME", attach.Message!["asset"]);
        Assert.Equal(25000000000L, attach.Message["quantity"]);
        Assert.Null(attach.Message["destination_vout"]);
        var detach = CounterpartyMessageDecoder.Decode("fbc1qcxlwq8x9fnhyhgywlnja35l7znt58tud9duqay"u8, CounterpartyRules.Mainnet, 870000);
        Assert.Equal("bc1qcxlwq8x9fnhyhgywlnja35l7znt58tud9duqay", detach.Message!["destination"]);
        // "CNTRPRTY00": after the prefix the ASCII bytes "00" (0x30 0x30) give type 48, which no message has ("unknown").
        var unknown = CounterpartyMessageDecoder.Decode("00"u8, CounterpartyRules.Mainnet, null);
        Assert.Equal("unknown", unknown.Message!.Type);
        Assert.Equal(Explorer.Protocols.Common.DecodeError.UnknownMessageType, unknown.Error);
    }

    [Fact]
    public void Decode_json_line_with_a_test_prefix_vector()
    {
        // xcp-gettxinfo-2 through the decode contract: xcpPrefix, prevouts and network in a request line.
        var v = XcpTestData.Vector("xcp-gettxinfo-2");
        var hex = v.GetProperty("input").GetProperty("tx_hex").GetString()!;
        var line = $$"""{"tx": "{{hex}}", "prevouts": [{"script": "{{PrevScript}}", "value": 1000000000}], "network": "regtest", "xcpPrefix": "TESTXXXX"}""";
        using var doc = System.Text.Json.JsonDocument.Parse(Explorer.Protocols.Decoding.DecodeJson.Serialize(Explorer.Protocols.Decoding.DecodeJson.DecodeLine(line)));
        var xcp = doc.RootElement.GetProperty("counterparty");
        var expected = v.GetProperty("expected");
        Assert.Equal("multisig", xcp.GetProperty("carrier").GetString());
        Assert.Equal(expected.GetProperty("data_hex").GetString(), xcp.GetProperty("dataHex").GetString());
        Assert.Equal(expected.GetProperty("source").GetString(), xcp.GetProperty("source").GetString());
        Assert.Equal(expected.GetProperty("destination").GetString(), xcp.GetProperty("destination").GetString());
        Assert.Equal(expected.GetProperty("btc_amount").GetInt64(), xcp.GetProperty("btcAmount").GetInt64());
        Assert.Equal(expected.GetProperty("fee").GetInt64(), xcp.GetProperty("fee").GetInt64());
        Assert.Equal("bet", xcp.GetProperty("messageType").GetString());
        Assert.Equal(15120, xcp.GetProperty("fields").GetProperty("leverage").GetInt64());
        // Without the test prefix the same transaction carries no Counterparty data.
        var plain = $$"""{"tx": "{{hex}}", "network": "regtest"}""";
        using var none = System.Text.Json.JsonDocument.Parse(Explorer.Protocols.Decoding.DecodeJson.Serialize(Explorer.Protocols.Decoding.DecodeJson.DecodeLine(plain)));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, none.RootElement.GetProperty("counterparty").ValueKind);
    }
}
