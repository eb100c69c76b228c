using ClickHouse.Driver;
using ClickHouse.Driver.ADO;
using Dapper;

namespace Explorer.Web.Services.Indexed;

/// <summary>
/// Read-only queries over the Counterparty ledger's views (sql/005_counterparty_ledger.sql: they read the journal
/// <c>xcp_ledger</c> with <c>FINAL ... WHERE is_orphaned = 0</c>), parameters only, one connection per call.
/// Holders and address balances come from the shared <c>balances</c> view (<see cref="IndexedQueries"/>).
/// </summary>
public sealed class CounterpartyLedgerQueries(ClickHouseDataSource dataSource)
{
    /// <summary>Most ledger lines listed for one address.</summary>
    public const int MaxAddressLines = 50;

    /// <summary>The asset's state after its last valid change; null when the ledger never accepted an issuance of it.</summary>
    public async Task<XcpAssetState?> GetAssetStateAsync(string asset, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        return await connection.QueryFirstOrDefaultAsync<XcpAssetState>(new CommandDefinition(
            """
            SELECT asset AS Asset, longname AS Longname, issuer AS Issuer, divisible AS Divisible, locked AS Locked,
                   description_locked AS DescriptionLocked, description AS Description, supply AS Supply, txid AS LastTxid,
                   height AS LastHeight
            FROM xcp_asset_states
            WHERE asset = @asset
            ORDER BY height DESC, tx_index DESC, seq DESC
            LIMIT 1
            """, new { asset }, cancellationToken: ct));
    }

    /// <summary>The newest credits and debits of an address.</summary>
    public async Task<IReadOnlyList<XcpLedgerLine>> GetAddressLinesAsync(string address, CancellationToken ct) =>
        (await GetAddressLinesPageAsync(address, null, MaxAddressLines, ct)).Items;

    /// <summary>Credits and debits of an address, newest first (credits before debits within a transaction, then the
    /// journal's order), after <paramref name="cursor"/>; one more than asked tells there is a next page.</summary>
    public async Task<Page<XcpLedgerLine, XcpLedgerCursor>> GetAddressLinesPageAsync(string address, XcpLedgerCursor? cursor, int limit,
        CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var after = cursor is null ? string.Empty
            : "WHERE (Height, TxIndex) < (@h, @i) OR ((Height, TxIndex) = (@h, @i) AND (Direction, Seq) > (@d, @s))";
        var args = new
        {
            address, take = limit + 1,
            h = cursor?.Height ?? 0, i = cursor?.TxIndex ?? 0, d = cursor?.Direction ?? string.Empty, s = cursor?.Seq ?? 0,
        };
        List<XcpLedgerLine> rows;
        try
        {
            // The address's journal rows, a key range of xcp_ledger_by_address (sql/011), each key's newest version.
            rows = [.. await connection.QueryAsync<XcpLedgerLine>(new CommandDefinition($"""
                SELECT Height, Txid, Direction, Asset, Quantity, Action, TxIndex, Seq FROM (
                    SELECT height AS Height, txid AS Txid, toString(kind) AS Direction, asset AS Asset, quantity AS Quantity,
                           toString(action) AS Action, tx_index AS TxIndex, seq AS Seq
                    FROM {IndexedQueries.AddressLedgerRows}
                    WHERE is_orphaned = 0 AND kind IN ('credit', 'debit'))
                {after}
                ORDER BY Height DESC, TxIndex DESC, Direction, Seq
                LIMIT @take
                """, args, cancellationToken: ct))];
        }
        catch (ClickHouseServerException ex) when (IndexedQueries.MissingSchema(ex))
        {
            // A store migrated before 011: the credit and debit views (xcp_ledger FINAL, whole).
            rows = [.. await connection.QueryAsync<XcpLedgerLine>(new CommandDefinition($"""
                SELECT Height, Txid, Direction, Asset, Quantity, Action, TxIndex, Seq FROM (
                    SELECT height AS Height, txid AS Txid, 'credit' AS Direction, asset AS Asset, quantity AS Quantity, toString(action) AS Action,
                           tx_index AS TxIndex, seq AS Seq
                    FROM xcp_credits WHERE address = @address
                    UNION ALL
                    SELECT height, txid, 'debit', asset, quantity, toString(action), tx_index, seq
                    FROM xcp_debits WHERE address = @address)
                {after}
                ORDER BY Height DESC, TxIndex DESC, Direction, Seq
                LIMIT @take
                """, args, cancellationToken: ct))];
        }
        return Page<XcpLedgerLine, XcpLedgerCursor>.Of(rows, limit, l => new XcpLedgerCursor(l.Height, l.TxIndex, l.Direction, l.Seq));
    }

    /// <summary>The ledger's verdict on a transaction ("valid", "invalid: ...", "not computed: ..."), null when none.</summary>
    public async Task<string?> GetStatusAsync(string txid, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        return await connection.QueryFirstOrDefaultAsync<string>(new CommandDefinition(
            "SELECT status FROM xcp_statuses WHERE txid = @txid LIMIT 1", new { txid }, cancellationToken: ct));
    }

    private async Task<ClickHouseConnection> OpenAsync(CancellationToken ct)
    {
        var connection = dataSource.CreateConnection();
        await connection.OpenAsync(ct);
        return connection;
    }
}
