using ClickHouse.Driver;
using ClickHouse.Driver.ADO;
using Dapper;

namespace Explorer.Web.Services.Indexed;

/// <summary>Recent activity: per-height counts for the charts, the latest colored transactions (Dapper, <c>@parameters</c>,
/// <c>FINAL ... WHERE is_orphaned = 0</c>).</summary>
public sealed class ActivityQueries(ClickHouseDataSource dataSource)
{
    /// <summary>Bars of an asset's activity chart.</summary>
    public const int MaxBars = 60;

    /// <summary>An asset's events (issuances, transfers, burns, messages...) bucketed over the heights where it had any.</summary>
    public async Task<IReadOnlyList<ActivityBar>> GetAssetActivityAsync(string protocol, string assetId, CancellationToken ct)
    {
        await using var connection = dataSource.CreateConnection();
        await connection.OpenAsync(ct);
        var rows = (await connection.QueryAsync<HeightCount>(new CommandDefinition(
            """
            SELECT height AS Height, count() AS Count FROM asset_events FINAL
            WHERE protocol = @protocol AND asset_id = @assetId AND is_orphaned = 0
            GROUP BY height ORDER BY height
            LIMIT 1000000
            """, new { protocol, assetId }, cancellationToken: ct))).ToList();
        return rows.Count == 0
            ? []
            : ActivityBuckets.Of(rows.Select(r => (r.Height, r.Count)), rows[0].Height, rows[^1].Height, MaxBars);
    }

    /// <summary>The first height window (blocks below the tip) probed for the latest colored transactions.</summary>
    public const uint FirstWindow = 100;

    /// <summary>Each further probe looks this many times further back, until the chain's first block.</summary>
    public const uint WindowGrowth = 10;

    /// <summary>How far below the tip the statement of a store without sql/007 looks (it reads colored_transactions,
    /// ordered by txid, whose height minmax index prunes little).</summary>
    public const uint LegacyWindow = 5000;

    /// <summary>The newest colored transactions of each protocol (at most <paramref name="perProtocol"/> each) at or below
    /// <paramref name="tip"/>, newest first, from <c>colored_transactions_by_height</c> (sql/007, ordered by protocol and
    /// height): windows of 100, 1000, 10000... blocks below the tip are probed, each for the protocols that have fewer
    /// than <paramref name="perProtocol"/> rows in the previous one, until every protocol has them or the window
    /// reaches block 0. So a protocol without recent activity still shows its newest transactions, however old, and
    /// a window reads only its protocols' key ranges. A store migrated before 007 is read as before (the last
    /// <see cref="LegacyWindow"/> blocks of <c>colored_transactions</c>).</summary>
    public async Task<IReadOnlyList<LatestColoredTx>> GetLatestColoredAsync(uint tip, int perProtocol, CancellationToken ct)
    {
        await using var connection = dataSource.CreateConnection();
        await connection.OpenAsync(ct);
        try
        {
            return await WithStatusesAsync(connection, await ProbeWindowsAsync(connection, tip, perProtocol, ct), ct);
        }
        catch (ClickHouseServerException ex) when (ex.Message.Contains("UNKNOWN_TABLE", StringComparison.Ordinal))
        {
            var rows = await connection.QueryAsync<LatestColoredTx>(new CommandDefinition(
                """
                SELECT txid AS Txid, protocol AS Protocol, height AS Height, tx_index AS TxIndex, kind AS Kind, valid AS Valid
                FROM colored_transactions FINAL
                WHERE height >= @from AND height <= @tip AND is_orphaned = 0
                ORDER BY protocol, height DESC, tx_index DESC
                LIMIT @perProtocol BY protocol
                """, new { from = tip > LegacyWindow ? tip - LegacyWindow : 0u, tip, perProtocol }, cancellationToken: ct));
            return await WithStatusesAsync(connection, [.. rows], ct);
        }
    }

    // Newest first across the protocols (each protocol's newest are found apart), with the Counterparty ledger's verdicts.
    private static async Task<IReadOnlyList<LatestColoredTx>> WithStatusesAsync(ClickHouseConnection connection,
        IReadOnlyList<LatestColoredTx> rows, CancellationToken ct) =>
        [.. (await LedgerStatuses.AddAsync(connection, rows, t => t.Protocol == "counterparty" ? t.Txid : null,
                (t, status) => t with { LedgerStatus = status }, ct))
            .OrderByDescending(t => t.Height).ThenByDescending(t => t.TxIndex).ThenBy(t => t.Protocol, StringComparer.Ordinal)];

    private static async Task<IReadOnlyList<LatestColoredTx>> ProbeWindowsAsync(ClickHouseConnection connection, uint tip,
        int perProtocol, CancellationToken ct)
    {
        var found = new Dictionary<string, List<LatestColoredTx>>(StringComparer.Ordinal);
        var lacking = InputRules.Protocols.ToArray();
        for (ulong window = FirstWindow; lacking.Length > 0; window *= WindowGrowth)
        {
            var from = tip > window ? tip - (uint)window : 0u;
            var rows = await connection.QueryAsync<LatestColoredTx>(new CommandDefinition(
                """
                SELECT txid AS Txid, protocol AS Protocol, height AS Height, tx_index AS TxIndex, kind AS Kind, valid AS Valid
                FROM colored_transactions_by_height FINAL
                WHERE has(@lacking, protocol) AND height >= @from AND height <= @tip AND is_orphaned = 0
                ORDER BY protocol, height DESC, tx_index DESC
                LIMIT @perProtocol BY protocol
                """, new { lacking, from, tip, perProtocol }, cancellationToken: ct));
            // A wider window's rows for a protocol include the narrower one's: they replace them.
            foreach (var group in rows.GroupBy(r => r.Protocol, StringComparer.Ordinal))
                found[group.Key] = [.. group];
            if (from == 0) break;
            lacking = [.. lacking.Where(p => !found.TryGetValue(p, out var list) || list.Count < perProtocol)];
        }
        return [.. found.OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(p => p.Value)];
    }

    private sealed record HeightCount(uint Height, ulong Count);
}
