using Explorer.Indexer.Counterparty;
using Explorer.Indexer.Pipeline;
using Explorer.Indexer.Storage;
using Explorer.Indexer.Tests.Support;
using Explorer.Protocols.Counterparty;

namespace Explorer.Indexer.Tests;

/// <summary>
/// The Counterparty ledger through the store (sql/005_counterparty_ledger.sql) on the embedded ClickHouse: rows written
/// per block, the <c>balances</c> view with Counterparty holders, the <c>assets</c> row following lock changes, a
/// rollback that undoes a block (balances and the asset row back to their state below the fork), and a reload that
/// rebuilds the ledger's memory from the store.
/// </summary>
[Trait("Category", "Integration")]
public sealed class CounterpartyLedgerStoreTests
{
    private const string Alice = "mtQheFaSfWELRB2MyMBaiWjdDm6ux9Ezns";
    private const string Bob = "mvCounterpartyXXXXXXXXXXXXXXW24Hef";
    private static readonly CounterpartyRules Rules = CounterpartyRules.Regtest;

    private static CounterpartyAnswer Answer(string type, byte[]? data, string source, string? destination = null, long btc = 0) =>
        new(null, data is null ? string.Empty : Convert.ToHexStringLower(data), null, type, new Dictionary<string, object?>(), source, destination,
            btc, null, true, null, Explorer.Protocols.Common.RawView.Omitted);

    private static BlockRows Block(uint height) =>
        new(new BlockRow(height, $"{height:x64}", $"{height - 1:x64}", DateTime.UnixEpoch, 1, 1, 1), 1);

    [Fact]
    public async Task Ledger_rows_roll_back_and_reload()
    {
        await using var harness = await IndexerHarness.CreateAsync("xcpledger");
        var clock = new VersionClock(await harness.Store.MaxVersionAsync(CancellationToken.None));
        var state = new ColoredUtxoSet();
        var stage = new CounterpartyLedgerStage(state, Rules);
        AssetNames.TryGetId("BASSET", out var basset);

        // Block 200: Alice burns 1 BTC, then issues 1000 BASSET (fee 0.5 XCP).
        var b200 = Block(200);
        stage.Apply("aa01", 1, 200, b200.Block.Hash, Answer("burn", null, Alice, Rules.Unspendable, 100_000_000), b200);
        b200.Messages.Add(new CounterpartyMessageRow("aa01", 200, b200.Block.Hash, 1, -1, "burn", "", Alice, Rules.Unspendable, "", 0,
            100_000_000, 0, true, "", "", "{}"));
        stage.Apply("aa02", 2, 200, b200.Block.Hash, Answer("issuance", MessageEncoder.Issuance(20, basset, 1000, true, false, false, "first", true), Alice), b200);

        // Block 201: Alice sends 400 to Bob and locks BASSET.
        var b201 = Block(201);
        var send = MessageEncoder.EnhancedSendCbor(basset, 400, PackedAddress.PackTagged(Bob, NBitcoin.Network.RegTest), []);
        stage.Apply("bb01", 1, 201, b201.Block.Hash, Answer("enhanced_send", send, Alice), b201);
        stage.Apply("bb02", 2, 201, b201.Block.Hash, Answer("issuance", MessageEncoder.Issuance(20, basset, 0, true, true, false, "locked now", true), Alice), b201);
        // One batch: the asset's two assets rows share the batch's version, the later one (block 201) must win.
        await harness.Store.WriteAsync([b200, b201], clock, CancellationToken.None);

        Assert.Equal(["valid", "valid", "valid", "valid"], await harness.QueryAsync<string>(
            "SELECT status FROM xcp_statuses ORDER BY height, tx_index"));
        Assert.Equal(["mtQheFaSfWELRB2MyMBaiWjdDm6ux9Ezns 600", "mvCounterpartyXXXXXXXXXXXXXXW24Hef 400"], await Holders(harness));
        Assert.Equal((sbyte)1, (await harness.QueryAsync<sbyte>(
            "SELECT lock_status FROM assets FINAL WHERE protocol = 'counterparty' AND asset_id = 'BASSET' AND is_orphaned = 0")).Single());
        var earned = state.XcpLedger.BalanceOf(Alice, "XCP");
        Assert.Equal(earned, (await harness.QueryAsync<long>(
            "SELECT toInt64(quantity) FROM balances WHERE protocol = 'counterparty' AND asset_id = 'XCP' AND address = @a", new { a = Alice })).Single());

        // Reorg below 201: Bob's 400 go back to Alice and the asset is unlocked again.
        await harness.Store.RollbackAsync(200, clock, CancellationToken.None);
        Assert.Equal(["mtQheFaSfWELRB2MyMBaiWjdDm6ux9Ezns 1000"], await Holders(harness));
        var asset = (await harness.QueryAsync<(sbyte, string, short)>(
            "SELECT lock_status, metadata_utf8, divisibility FROM assets FINAL WHERE protocol = 'counterparty' AND asset_id = 'BASSET' AND is_orphaned = 0")).Single();
        Assert.Equal(((sbyte)0, "first", (short)8), asset);

        // Restart: the ledger's memory comes back from the store.
        var reloaded = new ColoredUtxoSet();
        await harness.Store.LoadStateAsync(reloaded, CancellationToken.None);
        Assert.Equal(1000, reloaded.XcpLedger.BalanceOf(Alice, "BASSET"));
        Assert.Equal(earned, reloaded.XcpLedger.BalanceOf(Alice, "XCP"));
        Assert.Equal(100_000_000, reloaded.XcpLedger.BurnedBy(Alice));
        var state200 = reloaded.XcpLedger.AssetOf("BASSET")!;
        Assert.Equal((Alice, 1000L, false), (state200.Issuer, state200.Supply, state200.Locked));
        Assert.Equal(b200.Block.Hash, reloaded.XcpFirstBlocks["BASSET"]);
    }

    private static async Task<List<string>> Holders(IndexerHarness harness) =>
        await harness.QueryAsync<string>(
            "SELECT concat(address, ' ', toString(quantity)) FROM balances WHERE protocol = 'counterparty' AND asset_id = 'BASSET' ORDER BY address");
}
