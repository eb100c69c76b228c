using ClickHouse.Driver.ADO;
using Dapper;

namespace Explorer.Web.Services.Indexed;

/// <summary>Per-height counts for the activity charts (Dapper, <c>@parameters</c>, <c>FINAL ... WHERE is_orphaned = 0</c>).</summary>
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

    private sealed record HeightCount(uint Height, ulong Count);
}
