using System.Globalization;
using System.Text.Json;
using Explorer.BlockFiles;
using Explorer.Indexer.Configuration;
using Explorer.Indexer.Mempool;
using Explorer.Indexer.Sources;
using Explorer.Indexer.Tests.Node;
using Explorer.Indexer.Tests.Support;
using Explorer.Protocols.Decoding;
using Microsoft.Extensions.Logging.Abstractions;
using NBitcoin;
using Newtonsoft.Json.Linq;

namespace Explorer.Indexer.Tests.Mempool;

/// <summary>
/// <see cref="MempoolService"/> against a node answering with Bitcoin Core 29's own answers (the core-regtest fixture:
/// <c>getblockchaininfo</c>, <c>getrawmempool true</c>, whose entry is also <c>getmempoolentry</c>'s answer; transactions
/// and unspent outputs from its blocks folder and expected.json), over a store holding the fixture's chain: the
/// unconfirmed Counterparty send e45cae6f… is stored with its request context (the prevout the fee needs: the fee equals
/// Core's <c>fees.base</c>) and, as first_seen, the entry's <c>time</c>. An entry without a time leaves the indexer's
/// clock; a garbage time fails the sync (a typed error, logged) and writes nothing.
/// </summary>
[Trait("Category", "Integration")]
public sealed class MempoolServiceTests
{
    private static readonly string Data = Path.Combine(AppContext.BaseDirectory, "data", "core-regtest");

    private static string Rpc(string name) => File.ReadAllText(Path.Combine(Data, "rpc", name));

    private static JObject CoreMempool => JObject.Parse(Rpc("getrawmempool.json"));

    private static string UnconfirmedTxid => CoreMempool.Properties().Single().Name;

    [Fact(Timeout = 180_000)]
    public async Task Unconfirmed_send_is_stored_with_its_prevouts_and_cores_entry_time()
    {
        var entry = (JObject)CoreMempool[UnconfirmedTxid]!;
        await using var run = await MempoolRun.StartAsync(nameof(Unconfirmed_send_is_stored_with_its_prevouts_and_cores_entry_time), entry.ToString(),
            indexChain: true);

        var row = Assert.Single(await run.RowsAsync());
        Assert.Equal((UnconfirmedTxid, "counterparty"), (row.Txid, row.Protocol));
        // first_seen is the node's: Core's "time" (seconds since the epoch) for this entry.
        Assert.Equal(DateTime.UnixEpoch.AddSeconds(entry["time"]!.Value<long>()), row.FirstSeen);

        // The stored context holds every prevout, so the fee is known: Core's fees.base.
        Assert.True(DecodeRequestContext.Rebuild(row.RequestJson, row.RawHex, out var request, out var error), error);
        Assert.All(request.Prevouts, p => Assert.NotNull(p));
        var fee = request.Prevouts.Sum(p => p!.Value.Satoshi) - request.Tx.Outputs.Sum(o => o.Value.Satoshi);
        Assert.Equal(NodeAnswers.Satoshis(entry["fees"]!["base"], "getrawmempool"), fee);
        Assert.Equal(5280, fee);
        // As a block's row: the answer without raw views, which the context restores.
        Assert.DoesNotContain("\"raw\"", row.AnswerJson, StringComparison.Ordinal);
        var restored = DecodeRequestContext.RestoreRaw("counterparty", (System.Text.Json.Nodes.JsonObject)System.Text.Json.Nodes.JsonNode.Parse(row.AnswerJson)!,
            row.RequestJson, row.RawHex);
        Assert.True(restored.ContainsKey("raw"));
    }

    [Fact(Timeout = 180_000)]
    public async Task Entry_without_time_keeps_the_indexers_clock()
    {
        var entry = (JObject)CoreMempool[UnconfirmedTxid]!.DeepClone();
        entry.Remove("time");
        var before = DateTime.UtcNow.AddSeconds(-1);
        await using var run = await MempoolRun.StartAsync(nameof(Entry_without_time_keeps_the_indexers_clock), entry.ToString());

        var row = Assert.Single(await run.RowsAsync());
        Assert.InRange(row.FirstSeen, before, DateTime.UtcNow.AddSeconds(1));
        Assert.NotEmpty(row.RequestJson);
    }

    [Fact(Timeout = 180_000)]
    public async Task Node_without_getmempoolentry_keeps_the_indexers_clock()
    {
        var before = DateTime.UtcNow.AddSeconds(-1);
        await using var run = await MempoolRun.StartAsync(nameof(Node_without_getmempoolentry_keeps_the_indexers_clock), entryJson: null);

        var row = Assert.Single(await run.RowsAsync());
        Assert.InRange(row.FirstSeen, before, DateTime.UtcNow.AddSeconds(1));
    }

    [Theory(Timeout = 180_000)]
    [InlineData("\"1795836724\"")]
    [InlineData("-1")]
    [InlineData("4294967296")]
    [InlineData("99999999999999999999999")]
    [InlineData("1.795836724e9")]
    [InlineData("null")]
    [InlineData("true")]
    public async Task Garbage_time_fails_the_sync_and_writes_nothing(string time)
    {
        var entry = (JObject)CoreMempool[UnconfirmedTxid]!.DeepClone();
        entry["time"] = JToken.Parse(time);
        await using var run = await MempoolRun.StartAsync("garbage_time", entry.ToString(), expectSync: false);

        await run.WaitForAsync(() => run.Log.Lines.Any(l => l.Contains("getmempoolentry", StringComparison.Ordinal)), "the failure's log line");
        Assert.Contains(run.Log.Lines, l => l.StartsWith("Warning: Mempool: getmempoolentry: the node's answer has a 'time'", StringComparison.Ordinal));
        Assert.Equal(0, run.Service.Syncs);
        Assert.Empty(await run.RowsAsync());
    }

    /// <summary>The fixture's chain in a fresh store, a fake Core node over the fixture, and a running service.</summary>
    private sealed class MempoolRun : IAsyncDisposable
    {
        private readonly IndexerHarness _harness;
        private readonly FakeCoreNode _node;
        private readonly CancellationTokenSource _stop = new();

        private MempoolRun(IndexerHarness harness, FakeCoreNode node, MempoolService service, ListLogger<MempoolService> log) =>
            (_harness, _node, Service, Log) = (harness, node, service, log);

        public MempoolService Service { get; }

        public ListLogger<MempoolService> Log { get; }

        /// <param name="entryJson">getmempoolentry's answer for the unconfirmed transaction (null: the node does not
        /// know the call, error -32601).</param>
        /// <param name="indexChain">Index the fixture's chain first (the decoding needs no colored input here: the other
        /// runs start from an empty store).</param>
        public static async Task<MempoolRun> StartAsync(string name, string? entryJson, bool expectSync = true, bool indexChain = false)
        {
            var harness = await IndexerHarness.CreateAsync(name);
            if (indexChain)
            {
                using var source = new ReplaySource(BlocksFolderReader.Open(Path.Combine(Data, "blocks"), NetworkMagic.RegTest));
                await harness.Indexer().RunOnceAsync(source, CancellationToken.None);
            }

            var transactions = FixtureTransactions();
            var unconfirmed = UnconfirmedTxid;
            var node = new FakeCoreNode
            {
                Rpc = (method, args) => method switch
                {
                    "getblockchaininfo" => FakeCoreNode.Result(Rpc("getblockchaininfo.json")),
                    "getrawmempool" => FakeCoreNode.Result(args[0].GetBoolean() ? Rpc("getrawmempool.json") : $"[\"{unconfirmed}\"]"),
                    "getmempoolentry" when entryJson is null => FakeCoreNode.Error(-32601, "Method not found"),
                    "getmempoolentry" => args[0].GetString() == unconfirmed ? FakeCoreNode.Result(entryJson) : FakeCoreNode.Error(-5, "Transaction not in mempool"),
                    "getrawtransaction" => transactions.TryGetValue(args[0].GetString()!, out var tx)
                        ? FakeCoreNode.Result(JsonSerializer.Serialize(tx.ToHex()))
                        : FakeCoreNode.Error(-5, "No such mempool or blockchain transaction"),
                    "gettxout" => TxOut(transactions, args[0].GetString()!, args[1].GetInt32()),
                    _ => FakeCoreNode.Error(-32601, "Method not found"),
                },
            };
            var options = new IndexerOptions
            {
                Network = "regtest", RpcUrl = node.Url, RpcUser = "u", RpcPassword = "p", Follow = true, Mempool = true,
                PollSeconds = 3600, MaxRetryDelaySeconds = 0.2, RpcTimeoutSeconds = 10,
            };
            var log = new ListLogger<MempoolService>();
#pragma warning disable CA2000 // never started: ZMQ stays off without an address
            var zmq = new ZmqListener(options, NullLogger<ZmqListener>.Instance);
#pragma warning restore CA2000
            var service = new MempoolService(BlockSourceFactory.Create(options), zmq, harness.Client, options, log);
            var run = new MempoolRun(harness, node, service, log);
            await service.StartAsync(run._stop.Token);
            if (expectSync) await run.WaitForAsync(() => service.Syncs >= 1, "the first sync");
            return run;
        }

        public async Task<List<(string Txid, string Protocol, string RawHex, string AnswerJson, string RequestJson, DateTime FirstSeen)>> RowsAsync() =>
            [.. (await _harness.QueryAsync<(string, string, string, string, string, long)>(
                "SELECT txid, protocol, raw_hex, answer_json, request_json, toUnixTimestamp64Milli(first_seen) FROM mempool_transactions FINAL WHERE is_removed = 0"))
                .Select(r => (r.Item1, r.Item2, r.Item3, r.Item4, r.Item5, DateTime.UnixEpoch.AddMilliseconds(r.Item6)))];

        public async Task WaitForAsync(Func<bool> condition, string what)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (!condition())
            {
                try { await Task.Delay(50, timeout.Token); }
                catch (OperationCanceledException) { Assert.Fail("timed out waiting for " + what + ": " + string.Join(" | ", Log.Lines)); }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await Service.StopAsync(CancellationToken.None);
            Service.Dispose();
            _stop.Dispose();
            await _node.DisposeAsync();
            await _harness.DisposeAsync();
        }
    }

    /// <summary>Every transaction of the fixture's blocks folder and the unconfirmed one, by txid.</summary>
    private static Dictionary<string, Transaction> FixtureTransactions()
    {
        var all = new Dictionary<string, Transaction>(StringComparer.Ordinal);
        using (var reader = BlocksFolderReader.Open(Path.Combine(Data, "blocks"), NetworkMagic.RegTest))
            foreach (var record in reader.Blocks)
                foreach (var tx in Block.Load(reader.ReadBlock(record), Network.RegTest).Transactions)
                    all[tx.GetHash().ToString()] = tx;
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Data, "expected.json")));
        foreach (var t in expected.RootElement.GetProperty("transactions").EnumerateArray())
            all[t.GetProperty("txid").GetString()!] = Transaction.Parse(t.GetProperty("hex").GetString()!, Network.RegTest);
        return all;
    }

    /// <summary>gettxout in Core's shape (rpc/blockchain.cpp): the output's value in BTC, its script, coinbase.</summary>
    private static (int, string) TxOut(Dictionary<string, Transaction> transactions, string txid, int n)
    {
        if (!transactions.TryGetValue(txid, out var tx) || n >= tx.Outputs.Count) return FakeCoreNode.Result("null");
        var output = tx.Outputs[n];
        var btc = (output.Value.Satoshi / 100_000_000m).ToString(CultureInfo.InvariantCulture);
        return FakeCoreNode.Result($"{{\"bestblock\":\"{new string('0', 64)}\",\"confirmations\":1,\"value\":{btc}," +
            $"\"scriptPubKey\":{{\"hex\":\"{output.ScriptPubKey.ToHex()}\"}},\"coinbase\":{(tx.IsCoinBase ? "true" : "false")}}}");
    }
}
