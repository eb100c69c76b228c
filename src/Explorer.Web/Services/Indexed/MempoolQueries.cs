using ClickHouse.Driver;
using ClickHouse.Driver.ADO;
using Dapper;
using NBitcoin;

namespace Explorer.Web.Services.Indexed;

/// <summary>
/// Read-only queries of the unconfirmed colored transactions (<c>mempool_transactions</c>, sql/003_mempool.sql),
/// always <c>FINAL ... WHERE is_removed = 0</c> (a transaction leaving the mempool gets a newer version with
/// is_removed = 1). A store without the table reads as an empty, unavailable mempool; other failures throw.
/// </summary>
public sealed class MempoolQueries(ClickHouseDataSource dataSource)
{
    private const string LineColumns = """
        txid AS Txid, protocol AS Protocol, kind AS Kind, valid AS Valid, error AS Error,
        toUnixTimestamp64Milli(first_seen) AS FirstSeenMs
        """;

    /// <summary>Unconfirmed colored transactions, newest first (then by txid and protocol, descending), after <paramref name="cursor"/>.</summary>
    public async Task<MempoolPage> GetPageAsync(MempoolCursor? cursor, int limit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var connection = await OpenAsync(ct);
        try
        {
            var count = await connection.ExecuteScalarAsync<ulong>(new CommandDefinition(
                "SELECT count() FROM mempool_transactions FINAL WHERE is_removed = 0", cancellationToken: ct));
            var sql = $"""
                SELECT {LineColumns} FROM mempool_transactions FINAL
                WHERE is_removed = 0
                  {(cursor is null ? string.Empty : "AND (toUnixTimestamp64Milli(first_seen), txid, protocol) < (@ms, @t, @p)")}
                ORDER BY first_seen DESC, txid DESC, protocol DESC
                LIMIT @take
                """;
            var rows = (await connection.QueryAsync<MempoolLine>(new CommandDefinition(sql, new
            {
                take = limit + 1, ms = cursor?.FirstSeenMs ?? 0, t = cursor?.Txid ?? string.Empty, p = cursor?.Protocol ?? string.Empty,
            }, cancellationToken: ct))).ToList();
            var page = Page<MempoolLine, MempoolCursor>.Of(rows, limit, MempoolCursor.Of);
            return new MempoolPage(true, count, page.Items, page.Next);
        }
        catch (ClickHouseServerException ex) when (IsMissingTable(ex))
        {
            return new MempoolPage(false, 0, [], null);
        }
    }

    /// <summary>Row count and newest version of the unconfirmed rows: cheap, polled by <see cref="Live.ChainWatcher"/>.</summary>
    public async Task<MempoolSummary> GetSummaryAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        try
        {
            return await connection.QuerySingleAsync<MempoolSummary>(new CommandDefinition(
                "SELECT countIf(is_removed = 0) AS Count, max(version) AS Version FROM mempool_transactions FINAL",
                cancellationToken: ct));
        }
        catch (ClickHouseServerException ex) when (IsMissingTable(ex))
        {
            return new MempoolSummary(0, 0);
        }
    }

    /// <summary>
    /// An unconfirmed colored transaction in the shape of an indexed one (no block, <see cref="IndexedTransaction.FirstSeen"/>
    /// set): a row per protocol with its request context, the indexed colored outputs its inputs spend, no colored outputs yet (colors are
    /// assigned when it is mined). Null when it is not in the mempool table.
    /// </summary>
    public async Task<IndexedTransaction?> GetTransactionAsync(string txid, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        List<MempoolRow> rows;
        try
        {
            rows = (await connection.QueryAsync<MempoolRow>(new CommandDefinition(
                $"""
                SELECT {LineColumns}, raw_hex AS RawHex, answer_json AS AnswerJson, request_json AS RequestJson
                FROM mempool_transactions FINAL
                WHERE txid = @txid AND is_removed = 0
                ORDER BY protocol
                """, new { txid }, cancellationToken: ct))).ToList();
        }
        catch (ClickHouseServerException ex) when (IsMissingTable(ex))
        {
            return null;
        }
        if (rows.Count == 0) return null;

        var inputs = await SpentColoredOutputsAsync(connection, rows[0].RawHex, ct);
        var tip = await connection.QueryAsync<uint>(new CommandDefinition(
            "SELECT height FROM blocks FINAL WHERE is_orphaned = 0 ORDER BY height DESC LIMIT 1", cancellationToken: ct));
        // The request context (sql/008) gives the page the inputs' values and the fee, and the answers their raw views,
        // as for a confirmed row; empty in rows written before 008 (their answers have their raw views).
        var colored = rows.Select(r => new ColoredTxRow(r.Txid, r.Protocol, 0, string.Empty, 0, r.Kind, r.Valid, r.Error, r.RawHex, r.AnswerJson, r.RequestJson));
        return new IndexedTransaction([.. colored], [], inputs, tip.Select(h => (uint?)h).FirstOrDefault())
        {
            FirstSeen = DateTime.UnixEpoch.AddMilliseconds(rows.Min(r => r.FirstSeenMs)),
        };
    }

    /// <summary>The indexed colored outputs the transaction's inputs spend (by outpoint), as its colored inputs.</summary>
    private static async Task<IReadOnlyList<ColoredOutputLine>> SpentColoredOutputsAsync(ClickHouseConnection connection, string rawHex,
        CancellationToken ct)
    {
        Transaction tx;
        try
        {
            tx = Transaction.Parse(rawHex, Network.Main);
        }
        catch (FormatException)
        {
            return [];
        }
        var outpoints = tx.Inputs.Select((input, i) => (Txid: input.PrevOut.Hash.ToString(), N: input.PrevOut.N, Input: (uint)i)).ToList();
        var txids = outpoints.Select(o => o.Txid).Distinct().Take(500).ToArray();
        if (txids.Length == 0) return [];
        var lines = await connection.QueryAsync<ColoredOutputLine>(new CommandDefinition(
            $"SELECT {IndexedQueries.OutputColumns} FROM colored_outputs FINAL WHERE txid IN @txids AND is_orphaned = 0",
            new { txids }, cancellationToken: ct));
        return [.. outpoints
            .SelectMany(o => lines.Where(l => l.Txid == o.Txid && l.N == o.N).Select(l => l with { SpentInput = o.Input }))
            .OrderBy(l => l.SpentInput).ThenBy(l => l.Idx).ThenBy(l => l.Protocol, StringComparer.Ordinal)];
    }

    private static bool IsMissingTable(ClickHouseServerException ex) =>
        ex.Message.Contains("UNKNOWN_TABLE", StringComparison.Ordinal);

    private async Task<ClickHouseConnection> OpenAsync(CancellationToken ct)
    {
        var connection = dataSource.CreateConnection();
        await connection.OpenAsync(ct);
        return connection;
    }

    private sealed record MempoolRow(string Txid, string Protocol, string Kind, byte Valid, string Error, long FirstSeenMs,
        string RawHex, string AnswerJson, string RequestJson);
}
