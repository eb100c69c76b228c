using ClickHouse.Driver;
using Dapper;
using Explorer.Indexer.Storage;

namespace Explorer.Indexer.Mempool;

/// <summary>Reads and writes of <c>mempool_transactions</c>, and the colored outputs an unconfirmed transaction spends.</summary>
public sealed class MempoolStore(ClickHouseClient client)
{
    private static readonly InsertOptions Insert = new() { BatchSize = 10_000 };

    /// <summary>Rows not marked removed (after a restart: what may still be in the mempool).</summary>
    public async Task<List<MempoolRow>> ReadCurrentAsync(CancellationToken ct)
    {
        await using var connection = client.CreateConnection();
        var rows = await connection.QueryAsync<RowDto>(new CommandDefinition(
            "SELECT txid AS Txid, protocol AS Protocol, kind AS Kind, valid AS Valid, error AS Error, raw_hex AS RawHex, " +
            "answer_json AS AnswerJson, first_seen AS FirstSeen FROM mempool_transactions FINAL WHERE is_removed = 0",
            cancellationToken: ct));
        return [.. rows.Select(r => new MempoolRow(r.Txid, r.Protocol, r.Kind, r.Valid == 1, r.Error, r.RawHex, r.AnswerJson,
            DateTime.SpecifyKind(r.FirstSeen, DateTimeKind.Utc)))];
    }

    public async Task<ulong> MaxVersionAsync(CancellationToken ct)
    {
        await using var connection = client.CreateConnection();
        return await connection.ExecuteScalarAsync<ulong>(new CommandDefinition("SELECT max(version) FROM mempool_transactions", cancellationToken: ct));
    }

    public async Task WriteAsync(IReadOnlyList<(MempoolRow Row, bool Removed)> rows, ulong version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) return;
        await client.InsertBinaryAsync("mempool_transactions", MempoolRow.Columns, rows.Select(r => r.Row.ToRow(r.Removed, version)), Insert, ct);
    }

    /// <summary>Unspent colored outputs (confirmed, not orphaned) created by the given transactions.</summary>
    public async Task<List<ColoredOutputRow>> ColoredOutputsOfAsync(IReadOnlyCollection<string> txids, CancellationToken ct)
    {
        if (txids.Count == 0) return [];
        await using var connection = client.CreateConnection();
        var rows = await connection.QueryAsync<OutputDto>(new CommandDefinition(
            "SELECT protocol AS Protocol, asset_id AS AssetId, txid AS Txid, n AS N, idx AS Idx, quantity AS Quantity, address AS Address, " +
            "script_hex AS ScriptHex, value AS Value, height AS Height, block_hash AS BlockHash, issue_txid AS IssueTxid, " +
            "divisibility AS Divisibility, lock_status AS LockStatus, aggregation_policy AS AggregationPolicy " +
            "FROM colored_outputs FINAL WHERE is_orphaned = 0 AND spent_txid = '' AND has(@txids, txid)",
            new { txids = txids.ToArray() }, cancellationToken: ct));
        return [.. rows.Select(o => new ColoredOutputRow(o.Protocol, o.AssetId, o.Txid, o.N, o.Idx, o.Quantity, o.Address, o.ScriptHex, o.Value,
            o.Height, o.BlockHash, o.IssueTxid, o.Divisibility, o.LockStatus, o.AggregationPolicy))];
    }

#pragma warning disable CA1812 // instantiated by Dapper
    private sealed class RowDto
    {
        public string Txid { get; set; } = "";
        public string Protocol { get; set; } = "";
        public string Kind { get; set; } = "";
        public byte Valid { get; set; }
        public string Error { get; set; } = "";
        public string RawHex { get; set; } = "";
        public string AnswerJson { get; set; } = "";
        public DateTime FirstSeen { get; set; }
    }

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
    }
#pragma warning restore CA1812
}
