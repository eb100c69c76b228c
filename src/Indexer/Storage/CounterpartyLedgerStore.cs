using ClickHouse.Driver;
using System.Data.Common;
using Dapper;
using Explorer.Indexer.Pipeline;
using Explorer.Protocols.Counterparty.Ledger;

namespace Explorer.Indexer.Storage;

/// <summary>
/// The Counterparty ledger's reads and writes (sql/005_counterparty_ledger.sql), called from <see cref="ClickHouseStore"/>:
/// batched inserts, the asset rows to restore after a rollback, and the state a restart reloads.
/// </summary>
public static class CounterpartyLedgerStore
{
    /// <summary>The ledger table a rollback orphans above the fork height (it has a <c>height</c> column).</summary>
    public static readonly string[] RolledBackTables = ["xcp_ledger"];

    /// <summary>The ledger's journal table.</summary>
    public const string JournalTable = "xcp_ledger";

    /// <summary>After the rows above the fork are orphaned: the <c>assets</c> rows of Counterparty assets changed above it
    /// but created below it go back to their last remaining state.</summary>
    public static async Task AfterRollbackAsync(DbConnection connection, uint above, VersionClock clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(clock);
        const string Last = "(height, tx_index, seq)";
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO assets (protocol, asset_id, name, metadata_hex, metadata_utf8, definition_url, divisibility, lock_status,
                                aggregation_policy, first_txid, first_height, first_block_hash, is_orphaned, version)
            SELECT 'counterparty', asset, argMax(longname, {Last}), '', argMax(description, {Last}), '',
                   toInt16(if(argMax(divisible, {Last}) = 1, 8, 0)), toInt8(argMax(locked, {Last})), '',
                   any(first_txid), any(first_height), any(first_block_hash), toUInt8(0), toUInt64(@version)
            FROM (SELECT * FROM xcp_asset_states
                  WHERE asset IN (SELECT asset FROM xcp_ledger FINAL WHERE kind = 'asset' AND is_orphaned = 1 AND height >= @above))
            GROUP BY asset
            """, new { version = clock.Next(), above }, cancellationToken: ct));
    }

    /// <summary>Fills the ledger from the store: balances, asset states and burned satoshis per address.</summary>
    public static async Task LoadAsync(DbConnection connection, CounterpartyLedger ledger, Dictionary<string, string> firstBlocks,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(firstBlocks);
        ledger.Clear();
        firstBlocks.Clear();
        foreach (var (address, asset, quantity) in await connection.QueryAsync<(string, string, long)>(new CommandDefinition(
            "SELECT address, asset, toInt64(quantity) FROM xcp_balances", cancellationToken: ct)))
            ledger.LoadBalance(address, asset, quantity);
        var states = await connection.QueryAsync<AssetDto>(new CommandDefinition(
            """
            SELECT asset AS Asset, argMax(longname, (height, tx_index, seq)) AS Longname, argMax(issuer, (height, tx_index, seq)) AS Issuer,
                   argMax(divisible, (height, tx_index, seq)) AS Divisible, argMax(locked, (height, tx_index, seq)) AS Locked,
                   argMax(description_locked, (height, tx_index, seq)) AS DescriptionLocked,
                   argMax(description, (height, tx_index, seq)) AS Description, argMax(supply, (height, tx_index, seq)) AS Supply,
                   any(first_txid) AS FirstTxid, any(first_height) AS FirstHeight, any(first_block_hash) AS FirstBlockHash
            FROM xcp_asset_states
            GROUP BY asset
            """, cancellationToken: ct));
        foreach (var s in states)
        {
            ledger.LoadAsset(new XcpAsset(s.Asset, s.Longname.Length == 0 ? null : s.Longname, s.Issuer, s.Divisible == 1, s.Locked == 1,
                s.DescriptionLocked == 1, s.Description, s.Supply, s.FirstTxid, (int)s.FirstHeight));
            firstBlocks[s.Asset] = s.FirstBlockHash;
        }
        // The 1 BTC cap is cumulative, so what an address burned is its valid burns' BTC, capped at 1 BTC.
        foreach (var (source, burned) in await connection.QueryAsync<(string, long)>(new CommandDefinition(
            """
            SELECT source, toInt64(least(sum(btc_amount), 100000000)) FROM counterparty_messages FINAL
            WHERE is_orphaned = 0 AND message_type = 'burn'
              AND txid IN (SELECT txid FROM xcp_statuses WHERE status = 'valid')
            GROUP BY source
            """, cancellationToken: ct)))
            ledger.LoadBurned(source, burned);
    }

#pragma warning disable CA1812 // instantiated by Dapper
    private sealed class AssetDto
    {
        public string Asset { get; set; } = "";
        public string Longname { get; set; } = "";
        public string Issuer { get; set; } = "";
        public byte Divisible { get; set; }
        public byte Locked { get; set; }
        public byte DescriptionLocked { get; set; }
        public string Description { get; set; } = "";
        public long Supply { get; set; }
        public string FirstTxid { get; set; } = "";
        public uint FirstHeight { get; set; }
        public string FirstBlockHash { get; set; } = "";
    }
#pragma warning restore CA1812
}
