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
}
