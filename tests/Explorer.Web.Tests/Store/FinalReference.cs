using Dapper;
using Explorer.Web.Services.Indexed;

namespace Explorer.Web.Tests.Store;

/// <summary>
/// The explorer's reads as they were before they read each key's newest version without FINAL: the same SELECTs over
/// <c>FINAL ... WHERE is_orphaned = 0</c> and the <c>balances</c> view, kept here as the reference the new reads must
/// equal (<see cref="NewestRowsTests"/>).
/// </summary>
internal static class FinalReference
{
    private const string TxColumns = """
        txid AS Txid, protocol AS Protocol, height AS Height, block_hash AS BlockHash, tx_index AS TxIndex, kind AS Kind,
        valid AS Valid, error AS Error, raw_hex AS RawHex, answer_json AS AnswerJson, request_json AS RequestJson
        """;

    private const string OutputColumns = """
        protocol AS Protocol, asset_id AS AssetId, txid AS Txid, n AS N, idx AS Idx, quantity AS Quantity, address AS Address,
        value AS Value, height AS Height, spent_txid AS SpentTxid, spent_input AS SpentInput, spent_height AS SpentHeight,
        divisibility AS Divisibility
        """;

    public static async Task<IndexedTransaction?> TransactionAsync(StoreDatabase store, string txid, CancellationToken ct)
    {
        await using var connection = store.Connect();
        await connection.OpenAsync(ct);
        var rows = (await connection.QueryAsync<ColoredTxRow>(new CommandDefinition(
            $"SELECT {TxColumns} FROM colored_transactions FINAL WHERE txid = @txid AND is_orphaned = 0 ORDER BY protocol",
            new { txid }, cancellationToken: ct))).ToList();
        if (rows.Count == 0) return null;
        var outputs = await connection.QueryAsync<ColoredOutputLine>(new CommandDefinition(
            $"SELECT {OutputColumns} FROM colored_outputs FINAL WHERE txid = @txid AND is_orphaned = 0 ORDER BY n, idx, protocol",
            new { txid }, cancellationToken: ct));
        var inputs = await connection.QueryAsync<ColoredOutputLine>(new CommandDefinition(
            $"""
            SELECT {OutputColumns} FROM colored_outputs FINAL
            WHERE spent_txid = @txid AND is_orphaned = 0
            ORDER BY spent_input, idx, protocol
            """, new { txid }, cancellationToken: ct));
        return new IndexedTransaction(rows, [.. outputs], [.. inputs], null);
    }

    public static async Task<List<BlockColoredTx>> BlockTransactionsAsync(StoreDatabase store, uint height, string hash, CancellationToken ct)
    {
        await using var connection = store.Connect();
        await connection.OpenAsync(ct);
        return [.. await connection.QueryAsync<BlockColoredTx>(new CommandDefinition(
            """
            SELECT txid AS Txid, protocol AS Protocol, tx_index AS TxIndex, kind AS Kind, valid AS Valid, error AS Error
            FROM colored_transactions FINAL
            WHERE height = @height AND block_hash = @hash AND is_orphaned = 0
            ORDER BY tx_index, protocol
            """, new { height, hash }, cancellationToken: ct))];
    }

    public static async Task<List<BalanceLine>> BalancesAsync(StoreDatabase store, string address, CancellationToken ct)
    {
        await using var connection = store.Connect();
        await connection.OpenAsync(ct);
        return [.. await connection.QueryAsync<BalanceLine>(new CommandDefinition(
            """
            SELECT protocol AS Protocol, asset_id AS AssetId, address AS Address, quantity AS Quantity, outputs AS Outputs
            FROM balances WHERE address = @address ORDER BY protocol, asset_id
            """, new { address }, cancellationToken: ct))];
    }

    public static async Task<List<ColoredOutputLine>> SpentOutputsAsync(StoreDatabase store, string address, CancellationToken ct)
    {
        await using var connection = store.Connect();
        await connection.OpenAsync(ct);
        return [.. await connection.QueryAsync<ColoredOutputLine>(new CommandDefinition(
            $"""
            SELECT {OutputColumns} FROM colored_outputs FINAL
            WHERE address = @address AND spent_txid != '' AND is_orphaned = 0
            ORDER BY spent_height DESC, spent_txid, txid, n, idx
            """, new { address }, cancellationToken: ct))];
    }

    public static async Task<List<CounterpartyMessageLine>> MessagesAsync(StoreDatabase store, string address, CancellationToken ct)
    {
        await using var connection = store.Connect();
        await connection.OpenAsync(ct);
        return [.. await connection.QueryAsync<CounterpartyMessageLine>(new CommandDefinition(
            """
            SELECT txid AS Txid, height AS Height, message_type AS MessageType, source AS Source, destination AS Destination,
                   asset AS Asset, quantity AS Quantity, valid AS Valid, tx_index AS TxIndex
            FROM counterparty_messages FINAL
            WHERE (source = @address OR destination = @address) AND is_orphaned = 0
            ORDER BY height DESC, tx_index DESC
            """, new { address }, cancellationToken: ct))];
    }

    public static async Task<List<XcpLedgerLine>> LedgerLinesAsync(StoreDatabase store, string address, CancellationToken ct)
    {
        await using var connection = store.Connect();
        await connection.OpenAsync(ct);
        return [.. await connection.QueryAsync<XcpLedgerLine>(new CommandDefinition(
            """
            SELECT Height, Txid, Direction, Asset, Quantity, Action, TxIndex, Seq FROM (
                SELECT height AS Height, txid AS Txid, 'credit' AS Direction, asset AS Asset, quantity AS Quantity, toString(action) AS Action,
                       tx_index AS TxIndex, seq AS Seq
                FROM xcp_credits WHERE address = @address
                UNION ALL
                SELECT height, txid, 'debit', asset, quantity, toString(action), tx_index, seq
                FROM xcp_debits WHERE address = @address)
            ORDER BY Height DESC, TxIndex DESC, Direction, Seq
            """, new { address }, cancellationToken: ct))];
    }
}
