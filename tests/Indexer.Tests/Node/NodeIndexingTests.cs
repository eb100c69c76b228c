using System.Diagnostics;
using Explorer.ChainForge;
using Explorer.ChainForge.Live;
using Explorer.Indexer.Configuration;
using Explorer.Indexer.HostedServices;
using Explorer.Indexer.Pipeline;
using Explorer.Indexer.Sources;
using Explorer.Indexer.Tests.Support;
using Microsoft.Extensions.Options;
using NBitcoin;
using NBitcoin.DataEncoders;
using Xunit.Abstractions;

namespace Explorer.Indexer.Tests.Node;

/// <summary>
/// The forged demo scenario replayed into a live bcoin 1.0.2 regtest node (tools/ChainForge/Live/LiveReplay.cs) and
/// indexed over JSON-RPC: the store equals the replay's truth (Open Assets outputs, balances, assets, events; Colu
/// outputs; Counterparty messages), with and without the output cache; through a proxy that cuts the node's
/// connections mid-answer, the service retries and ends with identical tables; after <c>invalidateblock</c> and a
/// competing branch mined by the node, the store equals the winning branch and shows nothing of the stale blocks.
/// Prerequisite: scripts/setup-bcoin.sh (the test fails naming it otherwise).
/// </summary>
[Trait("Category", "Node")]
public sealed class NodeIndexingTests(ITestOutputHelper output)
{
    private const int Rounds = 100;

    public static IndexerOptions NodeOptions(string url, string apiKey, int cache = 500_000) => new()
    {
        Network = "regtest",
        RpcUrl = url,
        RpcUser = "x",
        RpcPassword = apiKey,
        BatchBlocks = 100,
        ParseAhead = 16,
        MaxRetryDelaySeconds = 0.4,
        ProgressSeconds = 3600,
        OutputCacheSize = cache,
        RpcTimeoutSeconds = 30,
    };

    [Fact(Timeout = 900_000)]
    public async Task Demo_replayed_into_bcoin_indexed_over_rpc_equals_the_truth_through_cuts_and_a_reorg()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(14));
        var ct = cts.Token;
        await using var node = await BcoinNode.StartAsync(ct);
        var watch = Stopwatch.StartNew();
        var replay = await new LiveReplay(node.Rpc, "rb").RunAsync(ScenarioSettings.Preset("demo") with { Seed = 1 }, Rounds, ct);
        var tip = await TipAsync(node, ct);
        output.WriteLine($"replayed {replay.Transactions} transactions in {replay.Blocks} blocks in {watch.Elapsed.TotalSeconds:F1} s; node tip {tip.Height}");
        using var truth = LiveTruth.Build(replay, tip.Height, tip.Hash, positions: await PositionsAsync(node, replay, ct));

        // 1. One pass over the node.
        await using var straight = await IndexerHarness.CreateAsync("node_rpc");
        var options = NodeOptions(node.RpcUrl, node.ApiKey);
        var run = await IndexOnceAsync(straight, options, "output cache", ct);
        Assert.Equal(tip.Hash, run.TipHash);
        await Truth.AssertOpenAssetsEqualAsync(straight, truth);
        await Truth.AssertEventsAsync(straight, truth);
        await ProtocolTruth.AssertColuAndCounterpartyEqualAsync(straight, truth.RootElement, output);
        var expected = await straight.SnapshotAsync();

        // The same without the output cache: every previous output from a fetched funding transaction.
        await using (var uncached = await IndexerHarness.CreateAsync("node_nocache"))
        {
            await IndexOnceAsync(uncached, NodeOptions(node.RpcUrl, node.ApiKey, cache: 0), "no output cache", ct);
            Assert.Equal(expected, await uncached.SnapshotAsync());
        }
        // ... and with it again, warm (the first pass above also paid for JIT and the store's first queries), with
        // block hashes asked 100 per batched request (the default) and one per request (the baseline).
        foreach (var batch in new[] { 100, 1 })
        {
            await using var cached = await IndexerHarness.CreateAsync("node_cache");
            var batchOptions = NodeOptions(node.RpcUrl, node.ApiKey);
            batchOptions.RpcHashBatch = batch;
            await IndexOnceAsync(cached, batchOptions, $"output cache, warm, {batch} hash(es) per request", ct);
            Assert.Equal(expected, await cached.SnapshotAsync());
        }

        // 2. The node's connections cut mid-answer: the first 8 connections, alternately inside the first answer's HTTP
        // header and about 900 bytes in (inside a getblock answer: a getblockhash answer is ~200 bytes, a block ~1,600).
        await using (var proxy = new CuttingProxy(node.Port, k => k < 8 ? (k % 2 == 0 ? 60 + (k * 10) : 900 + (k * 50)) : null))
        {
            await using var cut = await IndexerHarness.CreateAsync("node_cut");
            var cutOptions = NodeOptions($"http://127.0.0.1:{proxy.Port}/", node.ApiKey);
            var logger = new ListLogger<IndexerService>();
            using var lifetime = new TestLifetime();
            using var service = new IndexerService(cut.Indexer(cutOptions), Options.Create(cutOptions), lifetime, logger);
            await service.StartAsync(ct);
            await lifetime.Stopped.Task.WaitAsync(TimeSpan.FromMinutes(5), ct);
            await service.StopAsync(ct);
            var failures = logger.Lines.Where(l => l.Contains("Node failed:", StringComparison.Ordinal)).ToList();
            output.WriteLine($"proxy: {proxy.Connections} connections, {proxy.Cuts} cut; {failures.Count} failed passes, e.g. {failures.FirstOrDefault()}");
            Assert.Null(service.Fatal);
            Assert.True(proxy.Cuts >= 4, $"{proxy.Cuts} connections cut");
            Assert.NotEmpty(failures);
            Assert.All(failures, f => Assert.Matches(@"Node failed: (getblockchaininfo|getblockhash( \(batch of \d+ from \d+\))?|getblock|rest/chaininfo.json|getrawtransaction): ", f));
            Assert.Equal(tip.Height, service.LastRun!.TipHeight);
            Assert.Equal(expected, await cut.SnapshotAsync());
        }

        // 3. Initial sync from a blocks folder holding the node's first 400 blocks, then the node by itself.
        var folder = Path.Combine(Path.GetTempPath(), "node-folder-" + Guid.NewGuid().ToString("N"));
        try
        {
            await NodeFolderWriter.WriteAsync(node.Rpc, folder, 400, ct);
            await using var switched = await IndexerHarness.CreateAsync("node_switch");
            var switchOptions = NodeOptions(node.RpcUrl, node.ApiKey);
            switchOptions.BlocksDirectory = folder;
            var factory = BlockSourceFactory.Create(switchOptions);
            using (var source = await factory.OpenAsync(ct))
            {
                var both = Assert.IsType<FolderThenNodeSource>(source);
                var switchRun = await switched.Indexer(switchOptions).RunOnceAsync(source, ct);
                output.WriteLine($"folder then node: {switchRun.Blocks} blocks, switched after height {both.SwitchHeight}; node: {factory.LastNodeSource!.Stats}");
                Assert.Equal(400, both.SwitchHeight);
                Assert.True(both.ReachedNode);
                Assert.Equal(tip.Height - 400, factory.LastNodeSource!.Stats.Blocks);
                Assert.Equal(tip.Hash, switchRun.TipHash);
            }
            Assert.Equal(expected, await switched.SnapshotAsync());
            // The next pass goes to the node directly.
            using (var next = await factory.OpenAsync(ct)) Assert.IsType<OwningNodeSource>(next);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        // 4. Reorg on the node: the last 3 blocks are invalidated, their transactions sent again, 4 blocks mined.
        var staleHashes = new List<string>();
        var staleTxs = new List<Transaction>();
        for (var h = tip.Height - 2; h <= tip.Height; h++)
        {
            var hash = (await node.Rpc.CallAsync("getblockhash", ct, h)).GetString()!;
            staleHashes.Add(hash);
            staleTxs.AddRange(Block.Parse((await node.Rpc.CallAsync("getblock", ct, hash, false)).GetString()!, Network.RegTest).Transactions.Skip(1));
        }
        await node.Rpc.CallAsync("invalidateblock", ct, staleHashes[0]);
        // bcoin puts the stale blocks' transactions back into its mempool while it disconnects them, and a child sent
        // before its parent is back waits as an orphan: send them again until the node knows every one (in its mempool
        // or a block), then mine; a transaction left out of the first blocks' templates goes into one more block.
        var miner = Encoders.Bech32("rb").Encode(0, new Key().PubKey.WitHash.ToBytes());
        var blockOf = new Dictionary<string, string>();
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var unknown = 0;
            foreach (var tx in staleTxs)
            {
                var state = await StateOfAsync(node, tx, ct);
                if (state is not null) continue;
                unknown++;
                try { await node.Rpc.CallAsync("sendrawtransaction", ct, tx.ToHex()); }
                catch (NodeRpcException) { } // already back in the node's mempool, or an orphan until its parent is
            }
            if (unknown == 0) break;
            await Task.Delay(100, ct);
        }
        await node.Rpc.CallAsync("generatetoaddress", ct, 4, miner);
        // A transaction the node still does not know is sent again before each further block: one spending a coinbase
        // that the shorter chain made immature again is refused ("premature spend") until the height is back, and a
        // fresh-clone run failed on one ("was not mined again").
        for (var extra = 0; extra < 5; extra++)
        {
            var pending = 0;
            foreach (var tx in staleTxs)
            {
                var state = await StateOfAsync(node, tx, ct);
                if (state is { Length: > 0 }) continue;
                pending++;
                if (state is null)
                {
                    try { await node.Rpc.CallAsync("sendrawtransaction", ct, tx.ToHex()); }
                    catch (NodeRpcException) { } // still refused, or an orphan until its parent is back
                }
            }
            if (pending == 0) break;
            await node.Rpc.CallAsync("generatetoaddress", ct, 1, miner);
        }
        var newTip = await TipAsync(node, ct);
        Assert.True(newTip.Height >= tip.Height + 1, $"the new branch ({newTip.Height}) is longer than the stale one ({tip.Height})");

        var moved = new Dictionary<string, (int, string)>();
        foreach (var tx in staleTxs)
        {
            var blockHash = await StateOfAsync(node, tx, ct);
            Assert.False(string.IsNullOrEmpty(blockHash), $"stale transaction {tx.GetHash()} was not mined again");
            var header = await node.Rpc.CallAsync("getblockheader", ct, blockHash, true);
            moved[tx.GetHash().ToString()] = (header.GetProperty("height").GetInt32(), blockHash);
        }
        Assert.All(moved.Values, m => Assert.DoesNotContain(m.Item2, staleHashes));
        using var winning = LiveTruth.Build(replay, newTip.Height, newTip.Hash, moved, await PositionsAsync(node, replay, ct));

        var again = await IndexOnceAsync(straight, options, "after the reorg", ct);
        Assert.Equal(newTip.Hash, again.TipHash);
        await Truth.AssertOpenAssetsEqualAsync(straight, winning);
        await Truth.AssertEventsAsync(straight, winning);
        await ProtocolTruth.AssertColuAndCounterpartyEqualAsync(straight, winning.RootElement, output);
        foreach (var table in new[] { "colored_transactions", "colored_outputs", "asset_events", "counterparty_messages" })
            Assert.Equal(0UL, (await straight.QueryAsync<ulong>(
                $"SELECT count() FROM {table} FINAL WHERE is_orphaned = 0 AND has(@staleHashes, block_hash)", new { staleHashes })).Single());
        Assert.Equal(0UL, (await straight.QueryAsync<ulong>(
            "SELECT count() FROM blocks FINAL WHERE is_orphaned = 0 AND has(@staleHashes, hash)", new { staleHashes })).Single());
        // The stale blocks' colored transactions were mined again: visible once, in their new blocks (checked above: no
        // visible row names a stale block).
        var staleTxids = staleTxs.Select(t => t.GetHash().ToString()).ToArray();
        Assert.True((await straight.QueryAsync<ulong>(
            "SELECT count() FROM colored_transactions FINAL WHERE is_orphaned = 0 AND has(@staleTxids, txid)", new { staleTxids })).Single() > 0,
            "the stale blocks held colored transactions");

        // Same tables as a store that only ever saw the winning branch.
        await using var fresh = await IndexerHarness.CreateAsync("node_fresh");
        await IndexOnceAsync(fresh, options, "winning branch only", ct);
        Assert.Equal(await fresh.SnapshotAsync(), await straight.SnapshotAsync());
    }

    // The block a transaction is in ("" when it waits in the mempool), or null when the node does not know it.
    private static async Task<string?> StateOfAsync(BcoinNode node, Transaction tx, CancellationToken ct)
    {
        try
        {
            var info = await node.Rpc.CallAsync("getrawtransaction", ct, tx.GetHash().ToString(), true);
            return info.TryGetProperty("blockhash", out var hash) && hash.ValueKind == System.Text.Json.JsonValueKind.String ? hash.GetString() : "";
        }
        catch (NodeRpcException)
        {
            return null;
        }
    }

    private async Task<IndexRunResult> IndexOnceAsync(IndexerHarness harness, IndexerOptions options, string label, CancellationToken ct)
    {
        var factory = BlockSourceFactory.Create(options);
        using var source = await factory.OpenAsync(ct);
        var run = await harness.Indexer(options).RunOnceAsync(source, ct);
        var node = factory.LastNodeSource!;
        output.WriteLine($"{label}: {run.Blocks} blocks, {run.Transactions} tx ({run.ColoredTransactions} colored) in {run.Elapsed.TotalSeconds:F2} s = " +
            $"{run.BlocksPerSecond:F0} blocks/s, {run.MegabytesPerSecond:F2} MB/s, {run.TransactionsPerSecond:F0} tx/s; {node.Client.Calls} node calls; {node.Stats}");
        return run;
    }

    /// <summary>(height, index in block) of every event's transaction, as the node mined it.</summary>
    private static async Task<Dictionary<string, (int, int)>> PositionsAsync(BcoinNode node, LiveReplay.Result replay, CancellationToken ct)
    {
        var positions = new Dictionary<string, (int, int)>();
        var wanted = replay.Events.Select(e => e["txid"]!.GetValue<string>()).ToHashSet();
        var tip = await TipAsync(node, ct);
        for (var h = tip.Height; h >= 0 && positions.Count < wanted.Count; h--)
        {
            var hash = (await node.Rpc.CallAsync("getblockhash", ct, h)).GetString()!;
            var block = Block.Parse((await node.Rpc.CallAsync("getblock", ct, hash, false)).GetString()!, Network.RegTest);
            for (var i = 0; i < block.Transactions.Count; i++)
                if (wanted.Contains(block.Transactions[i].GetHash().ToString())) positions[block.Transactions[i].GetHash().ToString()] = (h, i);
        }
        return positions;
    }

    private static async Task<(int Height, string Hash)> TipAsync(BcoinNode node, CancellationToken ct)
    {
        var info = await node.Rpc.CallAsync("getblockchaininfo", ct);
        return (info.GetProperty("blocks").GetInt32(), info.GetProperty("bestblockhash").GetString()!);
    }
}
