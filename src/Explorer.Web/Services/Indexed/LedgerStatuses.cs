using ClickHouse.Driver;
using ClickHouse.Driver.ADO;
using Dapper;

namespace Explorer.Web.Services.Indexed;

/// <summary>The Counterparty ledger's verdicts (<c>xcp_statuses</c>) of a page's transactions, for lists that would
/// otherwise show only the decoder's "valid".</summary>
internal static class LedgerStatuses
{
    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>By txid; a store older than the ledger's migration (005) has none.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> OfAsync(ClickHouseConnection connection, IEnumerable<string> txids,
        CancellationToken ct)
    {
        var list = txids.Distinct(StringComparer.Ordinal).ToArray();
        if (list.Length == 0) return None;
        try
        {
            var rows = await connection.QueryAsync<(string Txid, string Status)>(new CommandDefinition(
                "SELECT txid AS Txid, any(status) AS Status FROM xcp_statuses WHERE txid IN @txids GROUP BY txid",
                new { txids = list }, cancellationToken: ct));
            return rows.ToDictionary(r => r.Txid, r => r.Status, StringComparer.Ordinal);
        }
        catch (ClickHouseServerException ex) when (ex.Message.Contains("UNKNOWN_TABLE", StringComparison.Ordinal))
        {
            return None;
        }
    }

    /// <summary>The Counterparty rows of <paramref name="rows"/> with their verdicts.</summary>
    public static async Task<List<T>> AddAsync<T>(ClickHouseConnection connection, IReadOnlyList<T> rows, Func<T, string?> counterpartyTxid,
        Func<T, string, T> with, CancellationToken ct)
    {
        var statuses = await OfAsync(connection, rows.Select(counterpartyTxid).OfType<string>(), ct);
        return [.. rows.Select(r => counterpartyTxid(r) is { } txid && statuses.TryGetValue(txid, out var s) ? with(r, s) : r)];
    }
}
