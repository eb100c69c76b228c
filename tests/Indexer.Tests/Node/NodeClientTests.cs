using Explorer.BlockFiles;
using Explorer.Indexer.Sources;
using NBitcoin;

namespace Explorer.Indexer.Tests.Node;

/// <summary>
/// <see cref="NodeClient"/> over HTTP against a server answering with Bitcoin Core 29's own answers (the core-regtest
/// fixture's rpc/ folder): REST detected from /rest/chaininfo.json and raw blocks read from /rest/block/HASH.bin,
/// getblock 3 previous outputs equal to the folder's undo data; and every failure a typed
/// <see cref="NodeSourceException"/>: RPC errors (with their code), HTML or truncated bodies, wrong blocks, a refused
/// port. Without verbosity 3 (bcoin, Core before 23) the client remembers it and the source uses funding transactions.
/// </summary>
[Trait("Category", "Integration")]
public sealed class NodeClientTests
{
    private static readonly string Data = Path.Combine(AppContext.BaseDirectory, "data", "core-regtest");
    private const string Hash = "120e7ad8dd6a277d8d6612906abe394be4c602cb138e08ef7bb567d7ab3453d8";

    private static string Rpc(string name) => File.ReadAllText(Path.Combine(Data, "rpc", name));

    private static NodeClient Client(FakeCoreNode fake) =>
        new(new NodeEndpoint(new Uri(fake.Url), "u", "p", null), Network.RegTest, TimeSpan.FromSeconds(10));

    [Fact(Timeout = 60_000)]
    public async Task Rest_blocks_and_verbosity_3_prevouts_from_cores_answers()
    {
        var blockHex = Rpc($"getblock-{Hash}-0.hex").Trim();
        await using var fake = new FakeCoreNode
        {
            Rest = path => path switch
            {
                "rest/chaininfo.json" => File.ReadAllBytes(Path.Combine(Data, "rpc", "rest-rest_chaininfo.json")),
                $"rest/block/{Hash}.bin" => Convert.FromHexString(blockHex),
                _ => null,
            },
            Rpc = (method, args) => method switch
            {
                "getblockchaininfo" => FakeCoreNode.Result(Rpc("getblockchaininfo.json")),
                "getblock" when args[1].GetInt32() == 3 => FakeCoreNode.Result(Rpc($"getblock-{Hash}-3.json")),
                _ => FakeCoreNode.Error(-32601, "Method not found"),
            },
        };
        using var client = Client(fake);

        Assert.True(await client.DetectRestAsync(CancellationToken.None));
        Assert.Equal(117, (await client.ChainInfoAsync(CancellationToken.None)).Blocks);
        var bytes = await client.BlockAsync(uint256.Parse(Hash), CancellationToken.None);
        Assert.Equal(blockHex, Convert.ToHexString(bytes), ignoreCase: true);
        var block = Block.Load(bytes, Network.RegTest);
        var prevouts = NodeAnswers.Prevouts(await client.BlockWithPrevoutsAsync(uint256.Parse(Hash), CancellationToken.None), block);
        Assert.True(client.HasVerbosity3);
        using var reader = BlocksFolderReader.Open(Path.Combine(Data, "blocks"), NetworkMagic.RegTest);
        Assert.True(reader.TryReadUndo(reader.Blocks.Single(b => b.Hash == block.GetHash()), out var undo, out _));
        Assert.Equal(undo.Transactions.SelectMany(t => t).Select(s => (s.Value, Convert.ToHexString(s.ScriptPubKey))),
            prevouts.Transactions.SelectMany(t => t).Select(s => (s.Value, Convert.ToHexString(s.ScriptPubKey))));
    }

    [Fact(Timeout = 60_000)]
    public async Task Failures_are_typed_errors()
    {
        var mode = "";
        await using var fake = new FakeCoreNode
        {
            Rpc = (method, _) => mode switch
            {
                "error" => FakeCoreNode.Error(-28, "Loading block index..."),
                "html" => (502, "<html><body>Bad Gateway</body></html>"),
                "truncated" => (200, "{\"result\":{\"blocks\":11"),
                "wrongblock" => FakeCoreNode.Result("\"" + Rpc($"getblock-{Hash}-0.hex").Trim() + "\""),
                "notbool" => FakeCoreNode.Error(-3, "Param #1 must be a boolean."),
                _ => FakeCoreNode.Result("{}"),
            },
        };
        using var client = Client(fake);

        Assert.False(await client.DetectRestAsync(CancellationToken.None)); // 404: no REST, RPC for blocks

        mode = "error";
        var error = await Assert.ThrowsAsync<NodeSourceException>(() => client.ChainInfoAsync(CancellationToken.None));
        Assert.Equal((-28, "getblockchaininfo"), (error.RpcCode!.Value, error.Call));

        mode = "html";
        Assert.Equal("getblockchaininfo", (await Assert.ThrowsAsync<NodeSourceException>(() => client.ChainInfoAsync(CancellationToken.None))).Call);

        mode = "truncated";
        Assert.Null((await Assert.ThrowsAsync<NodeSourceException>(() => client.ChainInfoAsync(CancellationToken.None))).RpcCode);

        mode = "ok-but-empty";
        Assert.Contains("blocks", (await Assert.ThrowsAsync<NodeSourceException>(() => client.ChainInfoAsync(CancellationToken.None))).Message, StringComparison.Ordinal);

        mode = "wrongblock"; // the node answers another block than the one asked for
        Assert.Contains("not that block", (await Assert.ThrowsAsync<NodeSourceException>(
            () => client.BlockAsync(uint256.One, CancellationToken.None))).Message, StringComparison.Ordinal);

        mode = "notbool"; // bcoin's answer to getblock HASH 3
        Assert.Null(await client.BlockWithPrevoutsAsync(uint256.One, CancellationToken.None));
        Assert.False(client.HasVerbosity3);

        using var refused = new NodeClient(new NodeEndpoint(new Uri($"http://127.0.0.1:{BcoinNode.FreePort()}/"), null, null, null), Network.RegTest,
            TimeSpan.FromSeconds(5));
        Assert.Equal("getbestblockhash", (await Assert.ThrowsAsync<NodeSourceException>(() => refused.BestBlockHashAsync(CancellationToken.None))).Call);
    }

    [Fact]
    public void Cookie_file_gives_the_credentials_and_a_bad_one_is_a_typed_error()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "__cookie__:s3cr3t:with:colons\n");
            var credential = new NodeEndpoint(new Uri("http://127.0.0.1:8332/"), null, null, path).ReadCredential()!;
            Assert.Equal(("__cookie__", "s3cr3t:with:colons"), (credential.UserName, credential.Password));
            File.WriteAllText(path, "garbage");
            Assert.Throws<NodeSourceException>(() => new NodeEndpoint(new Uri("http://127.0.0.1:8332/"), null, null, path).ReadCredential());
            Assert.Throws<NodeSourceException>(() => new NodeEndpoint(new Uri("http://127.0.0.1:8332/"), null, null, path + ".missing").ReadCredential());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
