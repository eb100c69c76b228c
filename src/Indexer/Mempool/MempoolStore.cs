using ClickHouse.Driver;
using Dapper;
using Explorer.Indexer.Storage;

namespace Explorer.Indexer.Mempool;

/// <summary>Reads and writes of <c>mempool_transactions</c>, and the colored outputs an unconfirmed transaction spends.</summary>
public sealed class MempoolStore(ClickHouseClient client)
{
    /// <summary>Rows not marked removed (after a restart: what may still be in the mempool).</summary>
    public async Task<List<MempoolRow>> ReadCurrentAsync(CancellationToken ct)
    {
        await using var connection = client.CreateConnection();
        var rows = await connection.QueryAsync<RowDto>(new CommandDefinition(
            "SELECT txid AS Txid, protocol AS Protocol, kind AS Kind, valid AS Valid, error AS Error, raw_hex AS RawHex, " +
            "answer_json AS AnswerJson, first_seen AS FirstSeen, request_json AS RequestJson FROM mempool_transactions FINAL WHERE is_removed = 0",
            cancellationToken: ct));
        return [.. rows.Select(r => new MempoolRow(r.Txid, r.Protocol, r.Kind, r.Valid == 1, r.Error, r.RawHex, r.AnswerJson,
            DateTime.SpecifyKind(r.FirstSeen, DateTimeKind.Utc), r.RequestJson))];
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
        await RowBinaryWriter.InsertAsync(client, "mempool_transactions", MempoolRow.Columns, rows, (w, r) => r.Row.Write(w, r.Removed, version), ct);
    }

    /// <summary>Unspent colored outputs (confirmed, not orphaned) created by the given transactions.</summary>
    public async Task<List<ColoredOutputRow>> ColoredOutputsOfAsync(IReadOnlyCollection<string> txids, CancellationToken ct)
    {
        if (txids.Count == 0) return [];
        await using var connection = client.CreateConnection();
        return [.. await UnspentColoredOutputs.OfTransactionsAsync(connection, txids, ct)];
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
        public string RequestJson { get; set; } = "";
    }
#pragma warning restore CA1812
}
