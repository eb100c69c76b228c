using Explorer.BlockFiles;
using Explorer.Indexer.Sources;
using NBitcoin;
using Newtonsoft.Json.Linq;

namespace Explorer.Indexer.Tests.Node;

/// <summary>
/// The RPC/REST parsing on Bitcoin Core 29's own answers (../shared/fixtures/core-regtest/rpc, copied under
/// tests/BlockFiles.Tests/data/core-regtest: getblockchaininfo, REST chaininfo, getblock HASH 0 and 3, getrawmempool),
/// checked against the same node's blocks folder: the previous outputs of getblock verbosity 3 equal the undo data of
/// rev00000.dat for every fixture block. Garbage answers give <see cref="NodeSourceException"/>.
/// </summary>
[Trait("Category", "Unit")]
public sealed class NodeAnswersTests
{
    private static readonly string Data = Path.Combine(AppContext.BaseDirectory, "data", "core-regtest");
    private const string Best = "4b8429a6523bdbb467ed06ea763e6b2a09ecdd717b878c71f6709391e85886b4";

    private static JToken Load(string name) => JToken.Parse(File.ReadAllText(Path.Combine(Data, "rpc", name)));

    public static TheoryData<string> FixtureBlocks()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Data, "rpc"), "getblock-*-0.hex").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file)["getblock-".Length..^"-0.hex".Length]);
        return data;
    }

    [Fact]
    public void Chain_info_from_rpc_and_rest()
    {
        foreach (var name in new[] { "getblockchaininfo.json", "rest-rest_chaininfo.json" })
        {
            var info = NodeAnswers.ChainInfo(Load(name));
            Assert.Equal(new NodeChainInfo("regtest", 117, uint256.Parse(Best)), info);
        }
    }

    [Fact]
    public void Fixture_has_five_blocks_with_both_answers() => Assert.Equal(5, FixtureBlocks().Count);

    [Theory]
    [MemberData(nameof(FixtureBlocks))]
    public void Verbosity_3_prevouts_equal_the_undo_data_of_the_same_node(string hash)
    {
        var bytes = NodeAnswers.Hex(new JValue(File.ReadAllText(Path.Combine(Data, "rpc", $"getblock-{hash}-0.hex")).Trim()), "getblock");
        var block = Block.Load(bytes, Network.RegTest);
        Assert.Equal(hash, block.GetHash().ToString());

        var prevouts = NodeAnswers.Prevouts(Load($"getblock-{hash}-3.json"), block);

        using var reader = BlocksFolderReader.Open(Path.Combine(Data, "blocks"), NetworkMagic.RegTest);
        var record = reader.Blocks.Single(b => b.Hash == block.GetHash());
        Assert.True(reader.TryReadUndo(record, out var undo, out _));
        Assert.Equal(undo.Transactions.Length, prevouts.Transactions.Length);
        var inputs = 0;
        for (var i = 0; i < undo.Transactions.Length; i++)
        {
            Assert.Equal(undo.Transactions[i].Length, prevouts.Transactions[i].Length);
            for (var j = 0; j < undo.Transactions[i].Length; j++, inputs++)
            {
                var (expected, actual) = (undo.Transactions[i][j], prevouts.Transactions[i][j]);
                Assert.Equal(expected.Value, actual.Value);
                Assert.Equal(Convert.ToHexString(expected.ScriptPubKey), Convert.ToHexString(actual.ScriptPubKey));
                Assert.Equal(expected.Height, actual.Height);
                Assert.Equal(expected.IsCoinbase, actual.IsCoinbase);
            }
        }
        Assert.True(inputs > 0);
    }

    [Fact]
    public void Mempool_txids_from_verbose_and_plain_answers()
    {
        const string txid = "e45cae6f893281f0a6ce646200536a5622848af68b0eeb67b4f62e98a27b9f78";
        Assert.Equal([uint256.Parse(txid)], NodeAnswers.MempoolTxids(Load("getrawmempool.json")));
        Assert.Equal([uint256.Parse(txid)], NodeAnswers.MempoolTxids(new JArray(txid)));
    }

    [Fact]
    public void Mempool_entry_time_from_cores_verbose_answer()
    {
        // getmempoolentry answers the object getrawmempool true holds for the transaction (Core's entryToJSON).
        var entry = Load("getrawmempool.json")["e45cae6f893281f0a6ce646200536a5622848af68b0eeb67b4f62e98a27b9f78"];
        Assert.Equal(new DateTime(2026, 11, 28, 3, 32, 4, DateTimeKind.Utc), NodeAnswers.MempoolEntryTime(entry));
        Assert.Equal(DateTime.UnixEpoch.AddSeconds(1795836724), NodeAnswers.MempoolEntryTime(entry));
        // bcoin 1.0.2's entryToJSON: "time" next to "size", "fee", ... (no "fees" object).
        Assert.Equal(DateTime.UnixEpoch.AddSeconds(1700000000), NodeAnswers.MempoolEntryTime(JToken.Parse(
            "{\"size\":225,\"fee\":0.0000226,\"modifiedfee\":0,\"time\":1700000000,\"height\":540,\"depends\":[]}")));
        Assert.Equal(DateTime.UnixEpoch.AddSeconds(uint.MaxValue), NodeAnswers.MempoolEntryTime(JToken.Parse("{\"time\":4294967295}")));
        Assert.Equal(DateTime.UnixEpoch, NodeAnswers.MempoolEntryTime(JToken.Parse("{\"time\":0}")));
        // No time given: the indexer keeps its own clock.
        Assert.Null(NodeAnswers.MempoolEntryTime(JToken.Parse("{\"vsize\":264}")));
    }

    [Theory]
    [InlineData("{\"time\":\"1795836724\"}")]
    [InlineData("{\"time\":-1}")]
    [InlineData("{\"time\":4294967296}")]
    [InlineData("{\"time\":99999999999999999999999}")]
    [InlineData("{\"time\":1.795836724e9}")]
    [InlineData("{\"time\":1e300}")]
    [InlineData("{\"time\":null}")]
    [InlineData("{\"time\":true}")]
    [InlineData("{\"time\":{}}")]
    [InlineData("[]")]
    [InlineData("\"e45cae6f\"")]
    [InlineData("null")]
    public void Garbage_mempool_entries_are_typed_errors(string json)
    {
        var ex = Assert.Throws<NodeSourceException>(() => NodeAnswers.MempoolEntryTime(JToken.Parse(json)));
        Assert.Equal("getmempoolentry", ex.Call);
    }

    [Fact]
    public void Gettxout_answers_in_cores_format()
    {
        // Shape from Bitcoin Core's `help gettxout` (rpc/blockchain.cpp): bestblock, confirmations, value, scriptPubKey, coinbase.
        var answer = JToken.Parse("{\"bestblock\":\"" + Best + "\",\"confirmations\":0,\"value\":0.00000600," +
            "\"scriptPubKey\":{\"asm\":\"\",\"hex\":\"76a914114d4ecff0ef4aafc1880e5eac2e2097b944f68988ac\",\"type\":\"pubkeyhash\"},\"coinbase\":false}");
        var output = NodeAnswers.TxOut(answer)!;
        Assert.Equal((600L, "76A914114D4ECFF0EF4AAFC1880E5EAC2E2097B944F68988AC", false), (output.Value, Convert.ToHexString(output.ScriptPubKey), output.IsCoinbase));
        Assert.Null(NodeAnswers.TxOut(JValue.CreateNull()));
        Assert.Throws<NodeSourceException>(() => NodeAnswers.TxOut(new JArray()));
    }

    [Theory]
    [InlineData("0.00000001", 1L)]
    [InlineData("20999999.99999999", 2_099_999_999_999_999L)]
    [InlineData("6e-06", 600L)]
    [InlineData("50.0001526", 5_000_015_260L)]
    [InlineData("0", 0L)]
    public void Amounts_read_as_json_numbers_give_exact_satoshis(string json, long satoshis) =>
        Assert.Equal(satoshis, NodeAnswers.Satoshis(JToken.Parse(json), "test"));

    [Theory]
    [InlineData("-1")]
    [InlineData("\"0.000000001\"")]
    [InlineData("1e30")]
    [InlineData("21000001")]
    [InlineData("\"abc\"")]
    [InlineData("null")]
    public void Bad_amounts_are_typed_errors(string json) =>
        Assert.Throws<NodeSourceException>(() => NodeAnswers.Satoshis(JToken.Parse(json), "test"));

    [Theory]
    [InlineData("[]")]
    [InlineData("{\"blocks\": \"117\", \"bestblockhash\": \"" + Best + "\"}")]
    [InlineData("{\"blocks\": -1, \"bestblockhash\": \"" + Best + "\"}")]
    [InlineData("{\"blocks\": 117, \"bestblockhash\": \"xyz\"}")]
    [InlineData("{\"blocks\": 117}")]
    [InlineData("\"<html>\"")]
    public void Garbage_chain_info_is_a_typed_error(string json)
    {
        var ex = Assert.Throws<NodeSourceException>(() => NodeAnswers.ChainInfo(JToken.Parse(json)));
        Assert.Equal("getblockchaininfo", ex.Call);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"abc\"")]
    [InlineData("\"zz\"")]
    [InlineData("42")]
    public void Garbage_hex_is_a_typed_error(string json) =>
        Assert.Throws<NodeSourceException>(() => NodeAnswers.Hex(JToken.Parse(json), "getblock"));

    [Fact]
    public void Verbosity_3_answers_that_do_not_match_the_block_are_typed_errors()
    {
        var hash = Path.GetFileName(Directory.GetFiles(Path.Combine(Data, "rpc"), "getblock-*-0.hex").Order(StringComparer.Ordinal).First())["getblock-".Length..^"-0.hex".Length];
        var block = Block.Load(Convert.FromHexString(File.ReadAllText(Path.Combine(Data, "rpc", $"getblock-{hash}-0.hex")).Trim()), Network.RegTest);
        var good = (JObject)Load($"getblock-{hash}-3.json");

        var fewer = (JObject)good.DeepClone();
        ((JArray)fewer["tx"]!).RemoveAt(1);
        Assert.Throws<NodeSourceException>(() => NodeAnswers.Prevouts(fewer, block));

        var noPrevout = (JObject)good.DeepClone(); // what Core before 23 answers (verbosity 2)
        ((JObject)fewer["tx"]![1]!["vin"]![0]!).Remove("prevout");
        ((JObject)noPrevout["tx"]![1]!["vin"]![0]!).Remove("prevout");
        Assert.Contains("prevout", Assert.Throws<NodeSourceException>(() => NodeAnswers.Prevouts(noPrevout, block)).Message, StringComparison.Ordinal);

        var otherTx = (JObject)good.DeepClone();
        otherTx["tx"]![1]!["txid"] = new string('0', 64);
        Assert.Throws<NodeSourceException>(() => NodeAnswers.Prevouts(otherTx, block));

        var badScript = (JObject)good.DeepClone();
        badScript["tx"]![1]!["vin"]![0]!["prevout"]!["scriptPubKey"]!["hex"] = "xyz";
        Assert.Throws<NodeSourceException>(() => NodeAnswers.Prevouts(badScript, block));

        Assert.Throws<NodeSourceException>(() => NodeAnswers.Prevouts(new JArray(), block));
    }
}
