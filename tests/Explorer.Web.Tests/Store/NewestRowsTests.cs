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

    private static IndexedQueries Queries(StoreDatabase store) => store.IndexedQueries();

    [Fact]
    public async Task The_regtest_chain_reads_as_FINAL_reads_it_through_spends_a_rollback_and_a_replay()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(240));
        var ct = timeout.Token;
        var store = await StoreDatabase.CreateAsync(ct);
        await RegtestIndexing.IndexAsync(store, ct);
        var indexed = await AssertSameAsFinalAsync(store, ct);
        Assert.True(indexed.Visible > 0 && indexed.WithInputs > 0, "the chain has colored transactions spending colored outputs");
        Assert.True(indexed.AddressLines > 0, "addresses have balances, spends, messages and ledger lines");

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

    [Fact]
    public async Task Address_lists_follow_orphaned_copies_transactions_mined_again_and_cleared_spends()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var ct = timeout.Token;
        var store = await StoreDatabase.CreateAsync(ct);
        const string Source = "mh6SPm13CFkMk9Bhh3aRrbXeEQf2X8FhkZ";
        const string Destination = "n1LKjYyv1ZHURtBL8tkw8CQzvR4SW9Ukq8";
        var sent = new string('a', 64);
        var toSelf = new string('b', 64);
        await using var connection = store.Connect();
        await connection.OpenAsync(ct);
        async Task Message(string txid, string destination, uint height, byte orphaned, ulong version) => await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO counterparty_messages (txid, height, block_hash, tx_index, message_type_id, message_type, carrier, source, destination,
                                               asset, quantity, valid, data_hex, fields_json, is_orphaned, version)
            VALUES (@txid, @height, 'h', 3, 0, 'send', 'opreturn', @source, @destination, 'XCP', 5, 1, '', '{}', @orphaned, @version)
            """, new { txid, height, source = Source, destination, orphaned, version }, cancellationToken: ct));
        async Task Line(string txid, uint height, uint seq, string kind, string address, byte orphaned, ulong version) => await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO xcp_ledger (height, block_hash, txid, tx_index, seq, kind, address, asset, quantity, action, is_orphaned, version)
            VALUES (@height, 'h', @txid, 3, @seq, @kind, @address, 'XCP', 5, 'send', @orphaned, @version)
            """, new { txid, height, seq, kind, address, orphaned, version }, cancellationToken: ct));
        async Task Output(string spent, byte orphaned, ulong version) => await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO colored_outputs (protocol, asset_id, txid, n, idx, quantity, address, script_hex, value, height, block_hash,
                                         spent_txid, spent_input, spent_height, is_orphaned, version)
            VALUES ('openassets', 'AREKSBMzm6dEMGTYVjM5AuxZCQQdyDWnmZ', @txid, 0, 0, 42, @address, '', 600, 9, 'h',
                    @spent, 0, if(@spent = '', 0, 11), @orphaned, @version)
            """, new { txid = new string('c', 64), address = Destination, spent, orphaned, version }, cancellationToken: ct));

        // The source's funds (a ledger never debits more than a balance: the balances view would show a negative one
        // as toUInt64 of it), then a send at 10, orphaned by a reorg, mined again at 12 with its credit and debit; a
        // message to itself at 11.
        await Line(new string('d', 64), 9, 0, "credit", Source, 0, 1);
        await Message(sent, Destination, 10, 0, 1);
        await Line(sent, 10, 0, "credit", Destination, 0, 1);
        await Message(sent, Destination, 10, 1, 2);
        await Line(sent, 10, 0, "credit", Destination, 1, 2);
        await Message(sent, Destination, 12, 0, 3);
        await Line(sent, 12, 0, "debit", Source, 0, 3);
        await Line(sent, 12, 1, "credit", Destination, 0, 3);
        await Message(toSelf, Source, 11, 0, 4);
        // An output of the destination spent at 11, and the spend cleared by a rollback.
        await Output(string.Empty, 0, 1);
        await Output(sent, 0, 2);
        Assert.Equal(42UL, Assert.Single(await Queries(store).GetAddressSpentOutputsAsync(Destination, 50, ct)).Quantity);
        await Output(string.Empty, 0, 3);

        Assert.Empty(await Queries(store).GetAddressSpentOutputsAsync(Destination, 50, ct));
        Assert.Equal([(sent, 12u)], (await Queries(store).GetCounterpartyMessagesAsync(Destination, ct)).Select(m => (m.Txid, m.Height)));
        Assert.Equal([(sent, 12u), (toSelf, 11u)], (await Queries(store).GetCounterpartyMessagesAsync(Source, ct)).Select(m => (m.Txid, m.Height)));
        Assert.Equal([("credit", 12u)], (await new CounterpartyLedgerQueries(new ClickHouseDataSource(store.Server.GetConnectionString(store.Name)))
            .GetAddressLinesAsync(Destination, ct)).Select(l => (l.Direction, l.Height)));
        var balances = await Queries(store).GetBalancesAsync(Destination, ct);
        Assert.Equal([("counterparty", 5UL, 0UL), ("openassets", 42UL, 1UL)], balances.Select(b => (b.Protocol, b.Quantity, b.Outputs)));
        foreach (var address in new[] { Source, Destination })
            Assert.True(await AssertAddressAsFinalAsync(store, address, ct) > 0);
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

        // Every address the store names: balances, spent outputs, Counterparty messages and ledger lines, paged.
        var addresses = (await connection.QueryAsync<string>(new CommandDefinition(
            """
            SELECT DISTINCT a FROM (
                SELECT address AS a FROM colored_outputs UNION ALL SELECT address FROM xcp_ledger
                UNION ALL SELECT source FROM counterparty_messages UNION ALL SELECT destination FROM counterparty_messages)
            WHERE a != '' ORDER BY a
            """, cancellationToken: ct))).ToList();
        var addressLines = 0;
        foreach (var address in addresses)
            addressLines += await AssertAddressAsFinalAsync(store, address, ct);
        return new Counts(visible, withInputs, outputs, blockTxs, addressLines);
    }

    /// <summary>The address page's lists both ways, each paged 2 at a time; returns how many lines they hold.</summary>
    internal static async Task<int> AssertAddressAsFinalAsync(StoreDatabase store, string address, CancellationToken ct)
    {
        var queries = Queries(store);
        var ledger = new CounterpartyLedgerQueries(new ClickHouseDataSource(store.Server.GetConnectionString(store.Name)));

        var balances = await FinalReference.BalancesAsync(store, address, ct);
        Assert.Equal(balances, await queries.GetBalancesAsync(address, ct));
        Assert.Equal(balances, await AllPagesAsync<BalanceLine, BalanceCursor>(c => queries.GetBalancesPageAsync(address, c, 2, ct)));

        var spent = await FinalReference.SpentOutputsAsync(store, address, ct);
        Assert.Equal(spent, await queries.GetAddressSpentOutputsAsync(address, 10_000, ct));
        Assert.Equal(spent.Take(2), await queries.GetAddressSpentOutputsAsync(address, 2, ct));

        var messages = await FinalReference.MessagesAsync(store, address, ct);
        Assert.Equal(messages, (await AllPagesAsync<CounterpartyMessageLine, XcpMessageCursor>(
            c => queries.GetCounterpartyMessagesPageAsync(address, c, 2, ct))).Select(m => m with { LedgerStatus = null }));

        var lines = await FinalReference.LedgerLinesAsync(store, address, ct);
        Assert.Equal(lines, await AllPagesAsync<XcpLedgerLine, XcpLedgerCursor>(c => ledger.GetAddressLinesPageAsync(address, c, 2, ct)));
        return balances.Count + spent.Count + messages.Count + lines.Count;
    }

    private static async Task<List<TRow>> AllPagesAsync<TRow, TCursor>(Func<TCursor?, Task<Page<TRow, TCursor>>> page)
        where TCursor : class
    {
        var all = new List<TRow>();
        TCursor? cursor = null;
        do
        {
            var next = await page(cursor);
            Assert.True(next.Items.Count <= 2);
            all.AddRange(next.Items);
            cursor = next.Next;
        }
        while (cursor is not null);
        return all;
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
        var detail = await Queries(store).GetBlockAsync(null, hash, ct);
        if (detail is not null)
            Assert.Equal(expected, detail.Transactions.Select(t => t with { LedgerStatus = null }));
        // Search's checks: the block alone, by hash and by height.
        Assert.Equal(detail?.Block, await Queries(store).FindBlockAsync(null, hash, ct));
        if (detail is not null)
            Assert.Equal(detail.Block, await Queries(store).FindBlockAsync(height, null, ct));
        return expected.Count;
    }

    private static async Task<IndexedTransaction?> AssertTransactionAsFinalAsync(StoreDatabase store, string txid, CancellationToken ct)
    {
        var tx = await Queries(store).GetTransactionAsync(txid, ct);
        var expected = await FinalReference.TransactionAsync(store, txid, ct);
        Assert.Equal(expected is not null, await Queries(store).TransactionExistsAsync(txid, ct)); // search's check
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

    private sealed record Counts(int Visible, int WithInputs, int Outputs, int BlockTransactions, int AddressLines);
}
