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

    /// <summary>How far below the tip the home page looks for the latest colored transactions (minmax index on height).</summary>
    public const uint LatestWindow = 5000;

    /// <summary>The newest colored transactions of each protocol (at most <paramref name="perProtocol"/> each) in the last
    /// <see cref="LatestWindow"/> blocks up to <paramref name="tip"/>, newest first.</summary>
    public async Task<IReadOnlyList<LatestColoredTx>> GetLatestColoredAsync(uint tip, int perProtocol, CancellationToken ct)
    {
        await using var connection = dataSource.CreateConnection();
        await connection.OpenAsync(ct);
        var rows = await connection.QueryAsync<LatestColoredTx>(new CommandDefinition(
            """
            SELECT txid AS Txid, protocol AS Protocol, height AS Height, tx_index AS TxIndex, kind AS Kind, valid AS Valid
            FROM colored_transactions FINAL
            WHERE height >= @from AND is_orphaned = 0
            ORDER BY protocol, height DESC, tx_index DESC
            LIMIT @perProtocol BY protocol
            """, new { from = tip > LatestWindow ? tip - LatestWindow : 0u, perProtocol }, cancellationToken: ct));
        return [.. rows];
    }

    private sealed record HeightCount(uint Height, ulong Count);
}
