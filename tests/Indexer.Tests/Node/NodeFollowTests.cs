using Explorer.ClickHouse.Embedded;
using Explorer.Indexer.Cli;
using Explorer.Indexer.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using NBitcoin;
using NBitcoin.DataEncoders;
using Xunit.Abstractions;

namespace Explorer.Indexer.Tests.Node;

/// <summary>
/// The <c>index --rpc URL</c> verb against a live bcoin 1.0.2 regtest node exits 0 at its tip; then the host as
/// <c>index --rpc URL --follow</c> composes it (AddIndexer, migrations at start), tip following by polling (no ZMQ in
/// bcoin), on the same store: an Open Assets
/// issuance sent to the node appears in <c>mempool_transactions</c> (decoded like a confirmed one, with its request
/// context, and as first_seen the time bcoin's mempool entry gives); once mined, the
/// block is indexed by the polling follower and the mempool row gets is_removed = 1, its decoding equal to the
/// confirmed row's. Its unconfirmed child, an Open Assets transfer of the issued units, is decoded in the mempool with
/// the colors the parent gave its input (valid, the asset on output 1), as it is once mined. Prerequisite: scripts/setup-bcoin.sh.
/// </summary>
[Trait("Category", "Node")]
public sealed class NodeFollowTests(ITestOutputHelper output)
{
    [Fact(Timeout = 600_000)]
    public async Task Follow_by_polling_indexes_new_blocks_and_the_mempool_row_is_removed_once_mined()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(9));
        var ct = cts.Token;
        await using var node = await BcoinNode.StartAsync(ct);
        var key = new Key();
        var me = Encoders.Bech32("rb").Encode(0, key.PubKey.WitHash.ToBytes());
        // Segwit activates after 3 BIP9 windows of 144 blocks on bcoin regtest; coinbases mature after 100.
        for (var i = 0; i < 6; i++) await node.Rpc.CallAsync("generatetoaddress", ct, 90, me);
        var firstCoinbase = Block.Parse((await node.Rpc.CallAsync("getblock", ct, (await node.Rpc.CallAsync("getblockhash", ct, 1)).GetString()!, false)).GetString()!,
            Network.RegTest).Transactions[0];

        var server = await SharedEmbeddedClickHouse.GetAsync();
        var database = "idx_follow_" + Guid.NewGuid().ToString("N")[..10];

        // The index verb over the node, without --follow: exit 0 at the node's tip (height 540).
        var exit = await CommandLine.RunAsync(["index", "--rpc", node.RpcUrl, "--rpc-user", "x", "--rpc-password", node.ApiKey,
            "--network", "regtest", "--clickhouse", server.Uri.ToString(), "--database", database]);
        Assert.Equal(0, exit);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ClickHouse:ConnectionString"] = server.ConnectionString,
            ["ClickHouse:Database"] = database,
            ["Indexer:RpcUrl"] = node.RpcUrl,
            ["Indexer:RpcUser"] = "x",
            ["Indexer:RpcPassword"] = node.ApiKey,
            ["Indexer:Network"] = "regtest",
            ["Indexer:Follow"] = "true",
            ["Indexer:PollSeconds"] = "1",
            ["Indexer:MaxRetryDelaySeconds"] = "1",
            ["Indexer:ProgressSeconds"] = "3600",
        });
        builder.AddIndexer();
        using var host = builder.Build();
        await host.StartAsync(ct);
        await using var harness = IndexerHarness.Attach(database, server.GetConnectionString(database));
        try
        {
            Assert.Equal(540, (await harness.Store.ReadProgressAsync(ct))?.Height);

            // An Open Assets issuance of 1000 units to output 0 (marker at 1: OA, version 1, one quantity, no metadata).
            var coin = new Coin(firstCoinbase, 0u);
            var tx = Network.RegTest.CreateTransaction();
            tx.Inputs.Add(new TxIn(coin.Outpoint));
            tx.Outputs.Add(new TxOut(Money.Satoshis(1_000), key.PubKey.WitHash.ScriptPubKey));
            tx.Outputs.Add(new TxOut(Money.Zero, new Script(OpcodeType.OP_RETURN, Op.GetPushOp(Convert.FromHexString("4f41010001e80700")))));
            tx.Outputs.Add(new TxOut(coin.Amount - Money.Satoshis(21_000), key.PubKey.WitHash.ScriptPubKey));
            tx.Sign(key.GetBitcoinSecret(Network.RegTest), coin);
            var txid = tx.GetHash().ToString();
            Assert.Equal(txid, (await node.Rpc.CallAsync("sendrawtransaction", ct, tx.ToHex())).GetString());

            const string Row = "SELECT kind, valid, raw_hex, answer_json, is_removed FROM mempool_transactions FINAL WHERE txid = @txid AND protocol = 'openassets'";
            await WaitForAsync(async () => (await harness.QueryAsync<(string, byte, string, string, byte)>(Row, new { txid })).Count == 1, "the mempool row", ct);
            var pending = (await harness.QueryAsync<(string Kind, byte Valid, string Raw, string Answer, byte Removed)>(Row, new { txid })).Single();
            output.WriteLine($"mempool row: {pending.Kind} valid={pending.Valid} {pending.Answer}");
            Assert.Equal(("issuance", (byte)1, tx.ToHex(), (byte)0), (pending.Kind, pending.Valid, pending.Raw, pending.Removed));
            Assert.Contains("\"quantity\":1000", pending.Answer, StringComparison.Ordinal);
            var assetId = System.Text.RegularExpressions.Regex.Match(pending.Answer, "\"assetId\":\"(A[^\"]+)\"").Groups[1].Value;
            Assert.NotEmpty(assetId);

            // first_seen is bcoin's: the "time" of its mempool entry (getmempoolentry, the same entry getrawmempool true
            // lists), not the indexer's clock; the row holds the request context with the prevout (the fee is known).
            var entered = (await node.Rpc.CallAsync("getmempoolentry", ct, txid)).GetProperty("time").GetInt64();
            Assert.Equal(entered, (await node.Rpc.CallAsync("getrawmempool", ct, true)).GetProperty(txid).GetProperty("time").GetInt64());
            var (firstSeenMs, pendingRequest) = (await harness.QueryAsync<(long, string)>(
                "SELECT toUnixTimestamp64Milli(first_seen), request_json FROM mempool_transactions FINAL WHERE txid = @txid AND protocol = 'openassets'",
                new { txid })).Single();
            Assert.Equal(entered * 1000, firstSeenMs);
            Assert.True(Explorer.Protocols.Decoding.DecodeRequestContext.Rebuild(pendingRequest, pending.Raw, out var pendingDecode, out var contextError), contextError);
            Assert.Equal(20_000L, pendingDecode.Prevouts.Sum(p => p!.Value.Satoshi) - tx.Outputs.Sum(o => o.Value.Satoshi));

            // Its unconfirmed child: a transfer of the 1000 units from the issuance output to output 1 (marker at 0: OA,
            // version 1, one quantity), with the parent's change paying the fee. Its input colors exist only in the
            // mempool: without them the transfer would be invalid (inputs short of the units, decode-cli.md).
            var child = Network.RegTest.CreateTransaction();
            var held = new Coin(tx, 0u);
            var change = new Coin(tx, 2u);
            child.Inputs.Add(new TxIn(held.Outpoint));
            child.Inputs.Add(new TxIn(change.Outpoint));
            child.Outputs.Add(new TxOut(Money.Zero, new Script(OpcodeType.OP_RETURN, Op.GetPushOp(Convert.FromHexString("4f41010001e80700")))));
            child.Outputs.Add(new TxOut(Money.Satoshis(1_000), key.PubKey.WitHash.ScriptPubKey));
            child.Outputs.Add(new TxOut(change.Amount - Money.Satoshis(21_000), key.PubKey.WitHash.ScriptPubKey));
            child.Sign(key.GetBitcoinSecret(Network.RegTest), [held, change]);
            var childTxid = child.GetHash().ToString();
            Assert.Equal(childTxid, (await node.Rpc.CallAsync("sendrawtransaction", ct, child.ToHex())).GetString());
            await WaitForAsync(async () => (await harness.QueryAsync<(string, byte, string, string, byte)>(Row, new { txid = childTxid })).Count == 1, "the child's mempool row", ct);
            var pendingChild = (await harness.QueryAsync<(string Kind, byte Valid, string Raw, string Answer, byte Removed)>(Row, new { txid = childTxid })).Single();
            output.WriteLine($"child mempool row: {pendingChild.Kind} valid={pendingChild.Valid} {pendingChild.Answer}");
            Assert.Equal(("transfer", (byte)1, (byte)0), (pendingChild.Kind, pendingChild.Valid, pendingChild.Removed));
            Assert.Contains($"{{\"index\":1,\"role\":\"transfer\",\"assetId\":\"{assetId}\",\"quantity\":1000", pendingChild.Answer, StringComparison.Ordinal);

            var mined = (await node.Rpc.CallAsync("generatetoaddress", ct, 1, me)).EnumerateArray().Single().GetString()!;
            await WaitForAsync(async () => (await harness.Store.ReadProgressAsync(ct))?.Hash == mined, "the follower indexes the new block", ct);
            await WaitForAsync(async () => (await harness.QueryAsync<(string, byte, string, string, byte)>(Row, new { txid })).Single().Item5 == 1,
                "the mempool row is marked removed", ct);
            var confirmed = (await harness.QueryAsync<(string Kind, byte Valid, string Raw, string Answer, uint Height, string Request)>(
                "SELECT kind, valid, raw_hex, answer_json, height, request_json FROM colored_transactions FINAL WHERE txid = @txid AND protocol = 'openassets' AND is_orphaned = 0",
                new { txid })).Single();
            // The block's row and the mempool row both store the answer without raw views, with the request context that
            // restores them (sql/006, sql/008): the same context (the mempool decoded at the next height, where it was mined).
            Assert.DoesNotContain("\"raw\"", confirmed.Answer, StringComparison.Ordinal);
            Assert.DoesNotContain("\"raw\"", pending.Answer, StringComparison.Ordinal);
            Assert.Equal(pendingRequest, confirmed.Request);
            var restored = Explorer.Protocols.Decoding.DecodeRequestContext.RestoreRaw("openassets",
                (System.Text.Json.Nodes.JsonObject)System.Text.Json.Nodes.JsonNode.Parse(confirmed.Answer)!, confirmed.Request, confirmed.Raw)
                .ToJsonString(Explorer.Protocols.Decoding.DecodeJson.Options);
            Assert.Contains("\"raw\"", restored, StringComparison.Ordinal);
            Assert.Equal((pending.Kind, pending.Valid, pending.Raw, pending.Answer, 541u), (confirmed.Kind, confirmed.Valid, confirmed.Raw, confirmed.Answer, confirmed.Height));
            // The child, mined in the same block, decodes as it did in the mempool.
            await WaitForAsync(async () => (await harness.QueryAsync<(string, byte, string, string, byte)>(Row, new { txid = childTxid })).Single().Item5 == 1,
                "the child's mempool row is marked removed", ct);
            var confirmedChild = (await harness.QueryAsync<(string Kind, byte Valid, string Raw, string Answer, uint Height, string Request)>(
                "SELECT kind, valid, raw_hex, answer_json, height, request_json FROM colored_transactions FINAL WHERE txid = @txid AND protocol = 'openassets' AND is_orphaned = 0",
                new { txid = childTxid })).Single();
            Assert.Equal((pendingChild.Kind, pendingChild.Valid, pendingChild.Raw, pendingChild.Answer, 541u),
                (confirmedChild.Kind, confirmedChild.Valid, confirmedChild.Raw, confirmedChild.Answer, confirmedChild.Height));
            Assert.Equal(0UL, (await harness.QueryAsync<ulong>("SELECT count() FROM mempool_transactions FINAL WHERE is_removed = 0")).Single());
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        while (!await condition())
        {
            try { await Task.Delay(200, timeout.Token); }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested) { Assert.Fail("timed out waiting for " + what); }
        }
    }
}
