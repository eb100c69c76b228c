using System.Text.Json;
using Explorer.Protocols.Counterparty;
using Explorer.Protocols.Decoding;
using NBitcoin;

namespace Explorer.Protocols.Tests.Counterparty;

/// <summary>
/// Real chain data: mainnet block 413,567 (data/counterparty/block413567.raw, the block of Bitcoin Core's
/// src/bench/data; its README lists its 3 Counterparty transactions) and the Counterparty transactions of a real
/// Bitcoin Core regtest chain (data/counterparty/core-regtest.json from ../shared/fixtures/core-regtest/expected.json).
/// Spec: ../shared/docs/protocols.md (https://github.com/CounterpartyXCP/counterparty-core) section 3.
/// </summary>
public class CounterpartyRealDataTests
{
    [Fact]
    public void Mainnet_block_413567_has_exactly_three_counterparty_sends()
    {
        var block = Block.Load(File.ReadAllBytes(XcpTestData.PathOf("block413567.raw")), Network.Main);
        Assert.Equal(1557, block.Transactions.Count);
        var found = new Dictionary<string, CounterpartyAnswer>();
        foreach (var tx in block.Transactions)
        {
            var answer = CounterpartyAnswerBuilder.Build(XcpTestData.Request(tx, Network.Main, 413567));
            if (answer is not null) found[tx.GetHash().ToString()] = answer;
        }
        Assert.Equal(3, found.Count);
        AssertSend(found, "b20665affd61a6fd3de191500f0eac56062fdde913981c5d07e4be20ab331809", "BITCRYSTALS", 9600000000UL);
        AssertSend(found, "51e1aeaaef9c8ce7f60c624e3576c11366147bd9471a274c14461345c95d762e", "BITCRYSTALS", 19500000000UL);
        AssertSend(found, "5901dcdee12a256373c16f5f0c4cd81aaaaf51379766def60df0cb4e029376e7", "FLYINGBLAZE", 1UL);
    }

    private static void AssertSend(Dictionary<string, CounterpartyAnswer> found, string txid, string asset, ulong quantity)
    {
        var answer = found[txid];
        Assert.Equal("opreturn", answer.Carrier);
        Assert.Equal(0, answer.MessageTypeId);
        Assert.Equal("send", answer.MessageType);
        Assert.Equal(asset, answer.Fields["asset"]);
        Assert.Equal(quantity, answer.Fields["quantity"]);
        Assert.True(answer.Valid, answer.Error);
        Assert.NotNull(answer.Destination);
        Assert.StartsWith("1", answer.Destination, StringComparison.Ordinal);
        // Without previous outputs, source and fee are unknown.
        Assert.Null(answer.Source);
        Assert.Null(answer.Fee);
    }

    public static TheoryData<string> RegtestTxids()
    {
        var data = new TheoryData<string>();
        using var doc = JsonDocument.Parse(File.ReadAllText(XcpTestData.PathOf("core-regtest.json")));
        foreach (var tx in doc.RootElement.GetProperty("transactions").EnumerateArray()) data.Add(tx.GetProperty("txid").GetString()!);
        return data;
    }

    [Theory]
    [MemberData(nameof(RegtestTxids))]
    public void Core_regtest_chain_transactions_decode_as_stated(string txid)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(XcpTestData.PathOf("core-regtest.json")));
        var entry = doc.RootElement.GetProperty("transactions").EnumerateArray().Single(t => t.GetProperty("txid").GetString() == txid);
        var tx = XcpTestData.Tx(entry.GetProperty("hex").GetString()!, Network.RegTest);
        Assert.Equal(txid, tx.GetHash().ToString());
        int? height = entry.GetProperty("height").ValueKind == JsonValueKind.Number ? entry.GetProperty("height").GetInt32() : null;
        var answer = CounterpartyAnswerBuilder.Build(XcpTestData.Request(tx, Network.RegTest, height));
        Assert.NotNull(answer);
        Assert.Equal(entry.GetProperty("carrier").GetString(), answer.Carrier);
        Assert.Equal(entry.GetProperty("messageTypeId").GetInt32(), answer.MessageTypeId);
        var fields = entry.GetProperty("fields");
        Assert.Equal(fields.GetProperty("asset").GetString(), answer.Fields["asset"]);
        Assert.Equal(fields.GetProperty("quantity").GetUInt64(), answer.Fields["quantity"]);
        if (entry.TryGetProperty("destination", out var destination))
            Assert.Equal(destination.GetString(), answer.Destination);
        Assert.True(answer.Valid, answer.Error);
    }

    [Fact]
    public void Decode_json_line_gives_the_counterparty_key()
    {
        // The decode contract (../shared/docs/decode-cli.md) on the regtest OP_RETURN send, with its prevout given.
        using var doc = JsonDocument.Parse(File.ReadAllText(XcpTestData.PathOf("core-regtest.json")));
        var entry = doc.RootElement.GetProperty("transactions").EnumerateArray().First(t => t.GetProperty("carrier").GetString() == "opreturn");
        var hex = entry.GetProperty("hex").GetString()!;
        var a = doc.RootElement.GetProperty("addresses").GetProperty("A").GetString()!;
        var prevScript = Convert.ToHexStringLower(BitcoinAddress.Create(a, Network.RegTest).ScriptPubKey.ToBytes());
        var line = $$"""{"tx": "{{hex}}", "prevouts": [{"script": "{{prevScript}}", "value": 5000000000}], "height": {{entry.GetProperty("height").GetInt32()}}, "network": "regtest"}""";
        var json = DecodeJson.Serialize(DecodeJson.DecodeLine(line));
        using var answer = JsonDocument.Parse(json);
        var xcp = answer.RootElement.GetProperty("counterparty");
        Assert.Equal("opreturn", xcp.GetProperty("carrier").GetString());
        Assert.Equal(0, xcp.GetProperty("messageTypeId").GetInt32());
        Assert.Equal("send", xcp.GetProperty("messageType").GetString());
        Assert.Equal("XCP", xcp.GetProperty("fields").GetProperty("asset").GetString());
        Assert.Equal(12346, xcp.GetProperty("fields").GetProperty("quantity").GetInt64());
        Assert.Equal(entry.GetProperty("destination").GetString(), xcp.GetProperty("destination").GetString());
        Assert.Equal(a, xcp.GetProperty("source").GetString());
        Assert.True(xcp.GetProperty("valid").GetBoolean());
        Assert.Equal(JsonValueKind.Null, xcp.GetProperty("error").ValueKind);
        Assert.StartsWith("00000000", xcp.GetProperty("dataHex").GetString(), StringComparison.Ordinal);
        var tx = Transaction.Parse(hex, Network.RegTest);
        var outputs = tx.Outputs.Sum(o => o.Value.Satoshi);
        Assert.Equal(5000000000 - outputs, xcp.GetProperty("fee").GetInt64());
        Assert.Equal(5430, xcp.GetProperty("btcAmount").GetInt64());
        var layers = xcp.GetProperty("raw").GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("name").GetString()).ToList();
        Assert.Contains("output[1].script", layers);
        Assert.Contains("xcp.chunk[0]", layers);
        Assert.Contains("xcp.decrypted[0]", layers);
        Assert.Contains("xcp.data", layers);
        var annotations = xcp.GetProperty("raw").GetProperty("annotations").EnumerateArray().ToList();
        var asset = annotations.Single(n => n.GetProperty("field").GetString() == "asset");
        Assert.Equal("xcp.data", asset.GetProperty("layer").GetString());
        Assert.Equal(4, asset.GetProperty("offset").GetInt32());
        Assert.Equal(8, asset.GetProperty("length").GetInt32());
        // The other protocols are not Counterparty's business; the transaction id is the tx's.
        Assert.Equal(tx.GetHash().ToString(), answer.RootElement.GetProperty("txid").GetString());
    }

    private const string DeserializeTest = "counterparty-core/counterpartycore/test/units/parser/deserialize_test.py@02a965177923d890b0e1f96e11d27ae009484213";

    [Theory]
    // test_deserialize's transactions, parsed there at block_index 900000: a Stacks OP_RETURN, a coinbase, a segwit
    // payment and a two-input payment carry no Counterparty data; the "new composer" / "old composer" pair is an attach
    // and the last one an enhanced send (fields derived by decoding; the source test compares deserializers only).
    [InlineData("0100000001db3acf37743ac015808f7911a88761530c801819b3b907340aa65dfb6d98ce24030000006a473044022002961f4800cb157f8c0913084db0ee148fa3e1130e0b5e40c3a46a6d4f83ceaf02202c3dd8e631bf24f4c0c5341b3e1382a27f8436d75f3e0a095915995b0bf7dc8e01210395c223fbf96e49e5b9e06a236ca7ef95b10bf18c074bd91a5942fc40360d0b68fdffffff040000000000000000536a4c5058325bd61325dc633fadf05bec9157c23106759cee40954d39d9dbffc17ec5851a2d1feb5d271da422e0e24c7ae8ad29d2eeabf7f9ca3de306bd2bc98e2a39e47731aa000caf400053000c1283000149c8000000000000001976a91462bef4110f98fdcb4aac3c1869dbed9bce8702ed88acc80000000000000017a9144317f779c0a2ccf8f6bc3d440bd9e536a5bff75287fa3e5100000000001976a914bf2646b8ba8b4a143220528bde9c306dac44a01c88ac00000000", null)]
    [InlineData("01000000023031e115e560c0d468459d7db35f5ab1992eaa0ab6aa0d6da49e2b8bcf1bb915010000006a47304402205535a9ac25844514828bff3580120d5add488e09b7a6e62018fc265aabf95fe302200b66d4eb23fc348b31d58729b479ae73db9dfc467edf38f8dfd927c48cb46b5801210219fbee4b9cc12188598f244ff0ee352b124cbf9046180a1b25e020c0258f9d64fffffffff2efdee1e775d962f7be96964adb352f9ef748a360749d6b74c69854a5c70a840c0000006a47304402203a28d10c786907fcb71c7bf69c507d58884ea9af2e7fa3b413d4e2867eca601502205fb253d82e4daa2672842ec031584ea7a215774422aa7de3cf8928c240e2faa60121030be5aa6d5de8c6dd89d6ac4d0e2a112caf5b12801349ab30fbdf2b205f0b94b8ffffffff02b60e0100000000001976a914f133f0339987cd84b6017517de2a93f009728d7e88acfdd7c400000000001976a91406c3bc40cde01312e2b24f8d2c23e68ea7d572f888ac00000000", null)]
    [InlineData("01000000000102ab5357d8170304254e84cb66947995a1adcb534f562204e81889ee4badd2f1710000000000ffffffff9405cdfa4bb01f7656a1d2ce035bc232123f4fae23ac6d1fca03e135ca0994f00000000000ffffffff02a02526000000000016001450e3623e0095fa422a427421c3841c1e60a676c1f715a40a000000001600140c272ee21eb41191d1d9c2bd92e26fd958b58b440247304402205cc5a5ceaf59b36cfc6fd12f93bdfd54c6e625c09923ada2052576ef2221e9fb02201d7504f58459cce71f12f58eec01b6da3e43558fb8cb47c70eef34e2adf960b20121036d841256f891183be493f016fcbfec057bd5d88cbd8d2f9d06f13a36d9caf58502483045022100d80f2b4557258b528d4eaa313eff53a6db760ad1aaad3f78ff57103ba083984c02202ae089bcaffa38fcc8bfa2d0a7f5c7ef611f861e3309dc7baeb858f5b1a7198e01210298410495c0b4a9365842524467b58a84ca439c364605c510b50d6be442d32c8b00000000", null)]
    [InlineData("0200000001c2114be987f65bdfded1e62ce57385750cee74768f152cafa25bd6fcb96695440100000000ffffffff0310270000000000001600144067f0d09a8fe3abb902eeab6fae52a4f11034230000000000000000176a15adfe4279a2654803ba1c741fd01ccf19462960e56895860000000000001600144067f0d09a8fe3abb902eeab6fae52a4f110342300000000", "attach")]
    [InlineData("02000000000101c2114be987f65bdfded1e62ce57385750cee74768f152cafa25bd6fcb9669544010000001600144067f0d09a8fe3abb902eeab6fae52a4f1103423ffffffff0310270000000000001600144067f0d09a8fe3abb902eeab6fae52a4f11034230000000000000000176a15adfe4279a2654803ba1c741fd01ccf19462960e56895860000000000001600144067f0d09a8fe3abb902eeab6fae52a4f110342302000000000000", "attach")]
    [InlineData("0100000001ed8974c165a823af6f70c0e5ee4cf150cc87f4b280d57f13cadf4fdeaf96e75b5b0000006a47304402203623ce2458bdafc18ae89706fb5571854bdb4f12cfff60ff143271ca2526175e02205af544023561704d61d898a53b933db80be4de5acbd1d8ccb9af56da1ff51cc40121021c72bc7a6d4479f9be9a37a667cadaeb9dc26f4551ebd7b38139633f0aa8cd02ffffffff020000000000000000306a2ef15b24417e42b75bf75e82be8d7c8a190dbc364a06616b070dc245b2aa1c91b3397ac366d659b296dbad153c75d5bd040000000000001976a914fd7b2029e9c5b3db9a6cf295d4e3e9be7e061c0a88ac00000000", "enhanced_send")]
    public void Deserialize_test_transactions(string hex, string? type)
    {
        _ = DeserializeTest;
        var tx = XcpTestData.Tx(hex, Network.Main);
        var answer = CounterpartyAnswerBuilder.Build(XcpTestData.Request(tx, Network.Main, 900000));
        Assert.Equal(type, answer?.MessageType);
        if (type == "attach")
        {
            Assert.Equal("opreturn", answer!.Carrier);
            Assert.Equal("CANTREACH", answer.Fields["asset"]);
            Assert.Equal(1L, answer.Fields["quantity"]);
            Assert.Null(answer.Fields["destination_vout"]);
            // The P2WPKH output before the data is the destination.
            Assert.StartsWith("bc1q", answer.Destination, StringComparison.Ordinal);
            Assert.Equal(10000, answer.BtcAmount);
        }
        if (type == "enhanced_send")
        {
            Assert.True(answer!.Valid, answer.Error);
            Assert.Equal(new KeyId("7ebff31c5f42f546316b0a86ef71b3b9f85d9dbf").GetAddress(Network.Main).ToString(), answer.Fields["address"]);
            Assert.Null(answer.Fields["memo"]);
            Assert.Equal(0x83215600UL, answer.Fields["quantity"]);
            Assert.True(AssetNames.TryGetName(0x5a2055, true, out var asset));
            Assert.Equal(asset, answer.Fields["asset"]);
        }
    }

    [Fact]
    public void Mainnet_p2sh_encoded_mpma()
    {
        // deserialize_test.py test_deserialize_mpma: a mainnet P2SH-encoded MPMA send whose redeem script names
        // the source 18b7eyatTwZ8mvSCXRRxjNjvr3DPwhh6bU.
        const string hex = "0100000001f9cf03a71930731618f2e0ff897db75d208a587129b96296f3958b0dc146420900000000e5483045022100a72e4be0a0f581e1c438c7048413c65c05793e8328a7acaa1ef081cc8c44909a0220718e772276aaa7adf8392a1d39ab44fc8778f622ee0dea9858cd5894290abb2b014c9a4c6f434e545250525459030003000fc815eeb3172efc23fbd39c41189e83e4e0c8150033dafc6a4dcd8bce30b038305e30e5defad4acd6009081f7ee77f0ef849a213670d4e785c26d71375d40467e543326526fa800000000000000060100000000000000018000000000000000006000752102e6dd23598e1d2428ecf7eb59c27fdfeeb7a27c26906e96dc1f3d5ebba6e54d08ad0075740087ffffffff0100000000000000000e6a0c2bb584c84ba87a60dcab46c100000000";
        var tx = XcpTestData.Tx(hex, Network.Main);
        var answer = CounterpartyAnswerBuilder.Build(XcpTestData.Request(tx, Network.Main, 700000, "CNTRPRTY", new TxOut(Money.Satoshis(64777), Script.Empty)));
        Assert.NotNull(answer);
        Assert.Equal("p2sh", answer.Carrier);
        Assert.Equal("18b7eyatTwZ8mvSCXRRxjNjvr3DPwhh6bU", answer.Source);
        Assert.Equal(3, answer.MessageTypeId);
        Assert.Equal("mpma", answer.MessageType);
        Assert.True(answer.Valid, answer.Error);
        Assert.Equal(64777, answer.Fee);
        var sends = Assert.IsAssignableFrom<System.Collections.IList>(answer.Fields["sends"]);
        Assert.NotEmpty(sends);
    }
}
