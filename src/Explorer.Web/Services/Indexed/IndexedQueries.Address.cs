using ClickHouse.Driver;
using ClickHouse.Driver.ADO;
using Dapper;

namespace Explorer.Web.Services.Indexed;

/// <summary>
/// The address page's reads as key ranges of address-ordered copies, never whole tables: colored outputs from
/// <c>colored_outputs_by_address</c> (sql/010), Counterparty messages from <c>counterparty_messages_by_address</c> and
/// ledger rows from <c>xcp_ledger_by_address</c> (sql/011); each key's newest version then decides
/// (<see cref="NewestRows"/>). The answers are those of the <c>balances</c> view and of
/// <c>FINAL ... WHERE is_orphaned = 0</c> on the source tables, which stores migrated before the copies are read from
/// (<see cref="MissingSchema"/> fallback).
/// </summary>
public sealed partial class IndexedQueries
{
    /// <summary>Most Counterparty messages listed for one address.</summary>
    public const int MaxAddressMessages = 50;

    /// <summary>How many spent colored outputs the address page lists.</summary>
    public const int MaxAddressSpent = 50;

    /// <summary>The newest version of each colored output of @address: a key range of <c>colored_outputs_by_address</c>.</summary>
    private static readonly string AddressOutputs =
        NewestRows.Of("colored_outputs_by_address", NewestRows.ColoredOutputsByAddressKey, "address = @address");

    /// <summary>The newest version of each Counterparty ledger journal row of @address: a key range of
    /// <c>xcp_ledger_by_address</c>.</summary>
    internal static readonly string AddressLedgerRows =
        NewestRows.Of("xcp_ledger_by_address", NewestRows.XcpLedgerByAddressKey, "address = @address");

    /// <summary>The newest version of each Counterparty message @address sent or received: a key range of
    /// <c>counterparty_messages_by_address</c>.</summary>
    private static readonly string AddressMessages =
        NewestRows.Of("counterparty_messages_by_address", NewestRows.CounterpartyMessagesByAddressKey, "address = @address");

    /// <summary>
    /// Balances of @address, as the <c>balances</c> view (sql/005) gives them: its unspent visible colored outputs
    /// summed per (protocol, asset), then its positive Counterparty ledger balances (credits minus debits). Ordered by
    /// protocol and asset ID, after the cursor (@p, @a) when <paramref name="afterCursor"/>.
    /// </summary>
    private static string BalancesSql(bool afterCursor) => $"""
        SELECT Protocol, AssetId, Address, Quantity, Outputs FROM (
            SELECT protocol AS Protocol, asset_id AS AssetId, address AS Address, sum(quantity) AS Quantity, count() AS Outputs
            FROM {AddressOutputs}
            WHERE is_orphaned = 0 AND spent_height = 0
            GROUP BY protocol, asset_id, address
            UNION ALL
            SELECT 'counterparty', asset, address, toUInt64(quantity), toUInt64(0) FROM (
                SELECT address, asset, sum(if(kind = 'credit', quantity, -quantity)) AS quantity
                FROM {AddressLedgerRows}
                WHERE is_orphaned = 0 AND kind IN ('credit', 'debit')
                GROUP BY address, asset)
            WHERE quantity > 0)
        {(afterCursor ? "WHERE (Protocol, AssetId) > (@p, @a)" : string.Empty)}
        ORDER BY Protocol, AssetId
        LIMIT @take
        """;

    /// <summary>The same from the <c>balances</c> view, for stores the indexer migrated before sql/010 and 011 (a scan).</summary>
    private static string LegacyBalancesSql(bool afterCursor) => $"""
        SELECT protocol AS Protocol, asset_id AS AssetId, address AS Address, quantity AS Quantity, outputs AS Outputs
        FROM balances
        WHERE address = @address {(afterCursor ? "AND (protocol, asset_id) > (@p, @a)" : string.Empty)}
        ORDER BY protocol, asset_id
        LIMIT @take
        """;

    /// <summary>Colored balances of an address, per protocol and asset.</summary>
    public async Task<IReadOnlyList<BalanceLine>> GetBalancesAsync(string address, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        return await QueryBalancesAsync(connection, new { address, take = 1000, p = string.Empty, a = string.Empty }, false, ct);
    }

    /// <summary>Colored balances of an address by protocol and asset ID, after <paramref name="cursor"/>; one more than
    /// asked tells there is a next page.</summary>
    public async Task<Page<BalanceLine, BalanceCursor>> GetBalancesPageAsync(string address, BalanceCursor? cursor, int limit,
        CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var rows = await QueryBalancesAsync(connection, new
        {
            address, take = limit + 1, p = cursor?.Protocol ?? string.Empty, a = cursor?.AssetId ?? string.Empty,
        }, cursor is not null, ct);
        return Page<BalanceLine, BalanceCursor>.Of(rows, limit, b => new BalanceCursor(b.Protocol, b.AssetId));
    }

    private static async Task<List<BalanceLine>> QueryBalancesAsync(ClickHouseConnection connection, object args, bool afterCursor,
        CancellationToken ct)
    {
        try
        {
            return [.. await connection.QueryAsync<BalanceLine>(new CommandDefinition(BalancesSql(afterCursor), args, cancellationToken: ct))];
        }
        catch (ClickHouseServerException ex) when (MissingSchema(ex))
        {
            return [.. await connection.QueryAsync<BalanceLine>(new CommandDefinition(LegacyBalancesSql(afterCursor), args, cancellationToken: ct))];
        }
    }

    /// <summary>An address's colored outputs that were spent, the latest spends first: what the address gave away, which
    /// its history (events naming it as receiver) does not show.</summary>
    public async Task<IReadOnlyList<ColoredOutputLine>> GetAddressSpentOutputsAsync(string address, int limit, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var args = new { address, limit };
        const string Where = "spent_txid != '' AND is_orphaned = 0";
        const string Order = "ORDER BY spent_height DESC, spent_txid, txid, n, idx LIMIT @limit";
        try
        {
            return [.. await connection.QueryAsync<ColoredOutputLine>(new CommandDefinition(
                $"SELECT {OutputColumns} FROM {AddressOutputs} WHERE {Where} {Order}", args, cancellationToken: ct))];
        }
        catch (ClickHouseServerException ex) when (MissingSchema(ex))
        {
            return [.. await connection.QueryAsync<ColoredOutputLine>(new CommandDefinition(
                $"SELECT {OutputColumns} FROM colored_outputs FINAL WHERE address = @address AND {Where} {Order}", args, cancellationToken: ct))];
        }
    }

    private const string MessageColumns = """
        txid AS Txid, height AS Height, message_type AS MessageType, source AS Source, destination AS Destination,
        asset AS Asset, quantity AS Quantity, valid AS Valid, tx_index AS TxIndex
        """;

    /// <summary>The newest Counterparty messages sent from or to an address.</summary>
    public async Task<IReadOnlyList<CounterpartyMessageLine>> GetCounterpartyMessagesAsync(string address, CancellationToken ct) =>
        (await GetCounterpartyMessagesPageAsync(address, null, MaxAddressMessages, ct)).Items;

    /// <summary>Counterparty messages sent from or to an address, newest first, after <paramref name="cursor"/>; one more
    /// than asked tells there is a next page.</summary>
    public async Task<Page<CounterpartyMessageLine, XcpMessageCursor>> GetCounterpartyMessagesPageAsync(string address,
        XcpMessageCursor? cursor, int limit, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var after = cursor is null ? string.Empty : "AND (height, tx_index) < (@h, @i)";
        var args = new { address, take = limit + 1, h = cursor?.Height ?? 0, i = cursor?.TxIndex ?? 0 };
        List<CounterpartyMessageLine> rows;
        try
        {
            rows = [.. await connection.QueryAsync<CounterpartyMessageLine>(new CommandDefinition($"""
                SELECT {MessageColumns} FROM {AddressMessages}
                WHERE is_orphaned = 0 {after}
                ORDER BY height DESC, tx_index DESC
                LIMIT @take
                """, args, cancellationToken: ct))];
        }
        catch (ClickHouseServerException ex) when (MissingSchema(ex))
        {
            rows = [.. await connection.QueryAsync<CounterpartyMessageLine>(new CommandDefinition($"""
                SELECT {MessageColumns} FROM counterparty_messages FINAL
                WHERE (source = @address OR destination = @address) AND is_orphaned = 0 {after}
                ORDER BY height DESC, tx_index DESC
                LIMIT @take
                """, args, cancellationToken: ct))];
        }
        rows = await LedgerStatuses.AddAsync(connection, rows, m => m.Txid, (m, status) => m with { LedgerStatus = status }, ct);
        return Page<CounterpartyMessageLine, XcpMessageCursor>.Of(rows, limit, m => new XcpMessageCursor(m.Height, m.TxIndex));
    }
}
