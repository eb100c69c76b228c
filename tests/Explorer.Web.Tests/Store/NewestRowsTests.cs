extern alias indexer;

using ClickHouse.Driver;
using ClickHouse.Driver.ADO;
using Dapper;
using Explorer.Web.Services.Indexed;
using Explorer.Web.Tests.Indexed;
using indexer::Explorer.Indexer.Pipeline;
using indexer::Explorer.Indexer.Storage;

namespace Explorer.Web.Tests.Store;

/// <summary>
/// The explorer's reads of each key's newest version without FINAL (<see cref="NewestRows"/>) give what the
/// <c>FINAL ... WHERE is_orphaned = 0</c> reads they replaced gave (<see cref="FinalReference"/>): on the regtest chain as
/// indexed (spends are newer versions of their outputs), after the indexer's rollback (orphaned copies, cleared spends)
/// and indexed again (newer versions of the same rows), and on hand-written versions.
/// </summary>
[Trait("Category", "Integration")]
public sealed class NewestRowsTests
{
    private const uint Fork = 110;

    private static IndexedQueries Queries(StoreDatabase store) =>
        new(new ClickHouseDataSource(store.Server.GetConnectionString(store.Name)));

    [Fact]
    public async Task The_regtest_chain_reads_as_FINAL_reads_it_through_spends_a_rollback_and_a_replay()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(240));
        var ct = timeout.Token;
        var store = await StoreDatabase.CreateAsync(ct);
        await RegtestIndexing.IndexAsync(store, ct);
        var indexed = await AssertSameAsFinalAsync(store, ct);
        Assert.True(indexed.Visible > 0 && indexed.WithInputs > 0, "the chain has colored transactions spending colored outputs");

        using (var client = new ClickHouseClient(store.Server.GetConnectionString(store.Name)))
        {
            var writer = new ClickHouseStore(client);
            await writer.RollbackAsync((int)Fork, new VersionClock(await writer.MaxVersionAsync(ct)), ct);
        }
        var rolledBack = await AssertSameAsFinalAsync(store, ct);
        Assert.True(rolledBack.Visible < indexed.Visible, "the rollback orphans the transactions above the fork");

        await RegtestIndexing.IndexAsync(store, ct);
        var again = await AssertSameAsFinalAsync(store, ct);
        Assert.Equal(indexed, again);
    }

    [Fact]
    public async Task A_newest_orphaned_copy_hides_a_row_and_a_newer_spend_is_shown()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var ct = timeout.Token;
        var store = await StoreDatabase.CreateAsync(ct);
        var txid = new string('7', 64);
        var spender = new string('8', 64);
        await using var connection = store.Connect();
        await connection.OpenAsync(ct);
        async Task Tx(string id, uint height, byte orphaned, ulong version) => await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO colored_transactions (txid, protocol, height, block_hash, tx_index, kind, valid, error, raw_hex, answer_json, is_orphaned, version)
            VALUES (@id, 'openassets', @height, concat('h', toString(@height)), 1, 'transfer', 1, '', '', 'null', @orphaned, @version)
            """, new { id, height, orphaned, version }, cancellationToken: ct));
        async Task Output(uint height, string spent, byte orphaned, ulong version) => await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO colored_outputs (protocol, asset_id, txid, n, idx, quantity, address, script_hex, value, height, block_hash,
                                         spent_txid, spent_input, spent_height, is_orphaned, version)
            VALUES ('openassets', 'AREKSBMzm6dEMGTYVjM5AuxZCQQdyDWnmZ', @txid, 0, 0, 42, 'addr', '', 600, @height, 'h',
                    @spent, 0, if(@spent = '', 0, 600), @orphaned, @version)
            """, new { txid, height, spent, orphaned, version }, cancellationToken: ct));

        // Mined at 500 with its output, then a reorg: the rollback's orphaned copies are the newest versions.
        await Tx(txid, 500, 0, 1);
        await Output(500, string.Empty, 0, 1);
        await Tx(txid, 500, 1, 2);
        await Output(500, string.Empty, 1, 2);
        Assert.Null(await Queries(store).GetTransactionAsync(txid, ct));
        await AssertTransactionAsFinalAsync(store, txid, ct);

        // Mined again at 503, then its output spent at 600: the spend's copy is the output's newest version.
        await Tx(txid, 503, 0, 3);
        await Output(503, string.Empty, 0, 3);
        await Tx(spender, 600, 0, 4);
        await Output(503, spender, 0, 5);
        var tx = await Queries(store).GetTransactionAsync(txid, ct);
        Assert.Equal(503u, Assert.Single(tx!.Rows).Height);
        Assert.Equal(spender, Assert.Single(tx.Outputs).SpentTxid);
        Assert.Equal(42UL, Assert.Single((await Queries(store).GetTransactionAsync(spender, ct))!.Inputs).Quantity);
        await AssertTransactionAsFinalAsync(store, txid, ct);
        await AssertTransactionAsFinalAsync(store, spender, ct);
    }

    /// <summary>Every transaction the store has a row of (orphaned or not) read both ways.</summary>
    private static async Task<Counts> AssertSameAsFinalAsync(StoreDatabase store, CancellationToken ct)
    {
        await using var connection = store.Connect();
        await connection.OpenAsync(ct);
        var txids = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT txid FROM colored_transactions ORDER BY txid", cancellationToken: ct))).ToList();
        Assert.NotEmpty(txids);
        int visible = 0, withInputs = 0, outputs = 0;
        foreach (var txid in txids)
        {
            var tx = await AssertTransactionAsFinalAsync(store, txid, ct);
            if (tx is null) continue;
            visible++;
            outputs += tx.Outputs.Count;
            if (tx.Inputs.Count > 0) withInputs++;
        }

        // Every block the store has a row of (orphaned or not): its colored transactions, paged 3 at a time.
        var blocks = (await connection.QueryAsync<(uint Height, string Hash)>(new CommandDefinition(
            "SELECT DISTINCT height AS Height, hash AS Hash FROM blocks ORDER BY height, hash", cancellationToken: ct))).ToList();
        var blockTxs = 0;
        foreach (var (height, hash) in blocks)
            blockTxs += await AssertBlockAsFinalAsync(store, height, hash, ct);
        Assert.Equal(visible > 0, blockTxs > 0);
        return new Counts(visible, withInputs, outputs, blockTxs);
    }

    internal static async Task<int> AssertBlockAsFinalAsync(StoreDatabase store, uint height, string hash, CancellationToken ct)
    {
        var expected = await FinalReference.BlockTransactionsAsync(store, height, hash, ct);
        var paged = new List<BlockColoredTx>();
        BlockTxCursor? cursor = null;
        do
        {
            var page = await Queries(store).GetBlockTransactionsAsync(height, hash, cursor, 3, ct);
            Assert.True(page.Items.Count <= 3);
            paged.AddRange(page.Items);
            cursor = page.Next;
        }
        while (cursor is not null);
        Assert.Equal(expected, paged.Select(t => t with { LedgerStatus = null }));
        if (await Queries(store).GetBlockAsync(null, hash, ct) is { } detail)
            Assert.Equal(expected, detail.Transactions.Select(t => t with { LedgerStatus = null }));
        return expected.Count;
    }

    private static async Task<IndexedTransaction?> AssertTransactionAsFinalAsync(StoreDatabase store, string txid, CancellationToken ct)
    {
        var tx = await Queries(store).GetTransactionAsync(txid, ct);
        var expected = await FinalReference.TransactionAsync(store, txid, ct);
        if (expected is null)
        {
            Assert.Null(tx);
            return null;
        }
        Assert.NotNull(tx);
        Assert.Equal(expected.Rows, tx.Rows);
        Assert.Equal(expected.Outputs, tx.Outputs);
        Assert.Equal(expected.Inputs, tx.Inputs);
        return tx;
    }

    private sealed record Counts(int Visible, int WithInputs, int Outputs, int BlockTransactions);
}
