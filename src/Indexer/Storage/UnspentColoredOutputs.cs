using System.Data.Common;
using Dapper;

namespace Explorer.Indexer.Storage;

/// <summary>Reads unspent, non-orphaned <c>colored_outputs</c> rows back as <see cref="ColoredOutputRow"/>s: the whole
/// state at start (<see cref="ClickHouseStore.LoadStateAsync"/>) or those of given transactions (the mempool's inputs).</summary>
internal static class UnspentColoredOutputs
{
    private const string Select =
        "SELECT protocol AS Protocol, asset_id AS AssetId, txid AS Txid, n AS N, idx AS Idx, quantity AS Quantity, address AS Address, " +
        "script_hex AS ScriptHex, value AS Value, height AS Height, block_hash AS BlockHash, issue_txid AS IssueTxid, " +
        "divisibility AS Divisibility, lock_status AS LockStatus, aggregation_policy AS AggregationPolicy " +
        "FROM colored_outputs FINAL WHERE is_orphaned = 0 AND spent_txid = ''";

    public static async Task<IEnumerable<ColoredOutputRow>> AllAsync(DbConnection connection, CancellationToken ct) =>
        (await connection.QueryAsync<OutputDto>(new CommandDefinition(Select, cancellationToken: ct))).Select(o => o.ToRow());

    public static async Task<IEnumerable<ColoredOutputRow>> OfTransactionsAsync(DbConnection connection, IReadOnlyCollection<string> txids, CancellationToken ct) =>
        (await connection.QueryAsync<OutputDto>(new CommandDefinition(Select + " AND has(@txids, txid)", new { txids = txids.ToArray() },
            cancellationToken: ct))).Select(o => o.ToRow());

#pragma warning disable CA1812 // instantiated by Dapper
    private sealed class OutputDto
    {
        public string Protocol { get; set; } = "";
        public string AssetId { get; set; } = "";
        public string Txid { get; set; } = "";
        public uint N { get; set; }
        public ushort Idx { get; set; }
        public ulong Quantity { get; set; }
        public string Address { get; set; } = "";
        public string ScriptHex { get; set; } = "";
        public ulong Value { get; set; }
        public uint Height { get; set; }
        public string BlockHash { get; set; } = "";
        public string IssueTxid { get; set; } = "";
        public short Divisibility { get; set; }
        public sbyte LockStatus { get; set; }
        public string AggregationPolicy { get; set; } = "";

        public ColoredOutputRow ToRow() => new(Protocol, AssetId, Txid, N, Idx, Quantity, Address, ScriptHex, Value, Height, BlockHash,
            IssueTxid, Divisibility, LockStatus, AggregationPolicy);
    }
#pragma warning restore CA1812
}
