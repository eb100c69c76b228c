using System.Collections.Immutable;
using System.Data;
using System.Data.Common;
using ClickHouse.Driver;
using ClickHouse.Driver.ADO;
using Dapper;
using Explorer.Storage.Configuration;
using Microsoft.Extensions.Options;

namespace Explorer.Web.Services;

/// <summary>
/// Read-only queries of the explorer's store (Dapper over the singleton <see cref="ClickHouseDataSource"/>, one
/// short-lived connection per call, <c>@parameters</c> only). Failures are reported in the returned status, never
/// turned into "no data".
/// </summary>
public sealed partial class ExplorerQueries(
    ClickHouseDataSource dataSource,
    IOptions<ClickHouseOptions> storeOptions,
    IOptions<WebOptions> webOptions,
    TimeProvider time,
    ILogger<ExplorerQueries> logger)
{
    public const int MaxLatestBlocks = 100;

    private const string TipSql = """
        SELECT height AS Height, hash AS Hash, time AS Time, tx_count AS TxCount, colored_tx_count AS ColoredTxCount
        FROM blocks FINAL
        WHERE is_orphaned = 0
        ORDER BY height DESC
        LIMIT @limit
        """;

    private const string PageBeforeSql = """
        SELECT height AS Height, hash AS Hash, time AS Time, tx_count AS TxCount, colored_tx_count AS ColoredTxCount
        FROM blocks FINAL
        WHERE is_orphaned = 0 AND height < @before
        ORDER BY height DESC
        LIMIT @limit
        """;

    private const string CountsSql = """
        SELECT count() AS Blocks, sum(colored_tx_count) AS ColoredTxs
        FROM blocks FINAL
        WHERE is_orphaned = 0
        """;

    private const string ProgressSql = """
        SELECT source AS Source, height AS Height, hash AS Hash, toDateTime(updated_at) AS UpdatedAt
        FROM indexer_progress FINAL
        ORDER BY source
        """;

    /// <summary>Reachability, tables, indexed tip and counts. Never throws except on <paramref name="ct"/> cancellation.</summary>
    public async Task<StoreStatus> GetStatusAsync(CancellationToken ct)
    {
        var database = storeOptions.Value.Database;
        var now = time.GetUtcNow();
        StoreStatus Status(StoreState state, string message, string? version = null, ImmutableArray<string> tables = default) =>
            new(state, message, database, version, tables.IsDefault ? [] : tables, null, 0, 0, [], now);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(webOptions.Value.StoreQueryTimeoutSeconds));
        var token = timeout.Token;
        string? version = null;
        ImmutableArray<string> tables = [];
        try
        {
            await using var connection = dataSource.CreateConnection();
            await connection.OpenAsync(token);
            version = await connection.ExecuteScalarAsync<string>(new CommandDefinition("SELECT version()", cancellationToken: token));
            tables = (await connection.QueryAsync<string>(new CommandDefinition(
                    "SELECT name FROM system.tables WHERE database = @database ORDER BY name",
                    new { database }, cancellationToken: token)))
                .ToImmutableArray();
            if (!tables.Contains("blocks"))
                return Status(StoreState.Empty, $"store empty: database '{database}' has no blocks table yet (the indexer creates it)", version, tables);

            var counts = await connection.QuerySingleAsync<CountsRow>(new CommandDefinition(CountsSql, cancellationToken: token));
            var tip = await connection.QueryFirstOrDefaultAsync<IndexedBlock>(new CommandDefinition(
                TipSql, new { limit = 1 }, cancellationToken: token));
            var progress = tables.Contains("indexer_progress")
                ? (await connection.QueryAsync<IndexerProgress>(new CommandDefinition(ProgressSql, cancellationToken: token))).ToImmutableArray()
                : [];
            if (tip is null)
                return Status(StoreState.Empty, "store empty: no blocks indexed yet", version, tables) with { Progress = progress };
            return new StoreStatus(StoreState.Ready, $"indexed up to block {tip.Height}", database, version, tables, tip,
                counts.Blocks, counts.ColoredTxs, progress, now);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Status(StoreState.Unreachable,
                $"store unreachable: no answer within {webOptions.Value.StoreQueryTimeoutSeconds} s", version);
        }
        catch (HttpRequestException ex)
        {
            LogUnreachable(logger, ex.Message);
            return Status(StoreState.Unreachable, "store unreachable: " + ex.Message);
        }
        catch (ClickHouseServerException ex) when (ex.Message.Contains("UNKNOWN_DATABASE", StringComparison.Ordinal))
        {
            return Status(StoreState.Empty, $"store empty: database '{database}' does not exist yet (the indexer creates it)", version);
        }
        catch (Exception ex) when (ex is ClickHouseServerException or DbException or DataException or InvalidCastException or FormatException or IOException)
        {
            // The server answered something we cannot use (another server error, an unexpected schema): a status
            // with the reason, never "no data".
            LogServerError(logger, ex);
            return Status(StoreState.Error, "store error: " + FirstLine(ex.Message), version, tables);
        }
    }

    /// <summary>The newest indexed blocks, newest first. Throws on store failure (the caller shows the error).</summary>
    public Task<IReadOnlyList<IndexedBlock>> GetLatestBlocksAsync(int limit, CancellationToken ct) =>
        GetLatestBlocksAsync(limit, before: null, ct);

    /// <summary>
    /// One page of indexed blocks, newest first: those below height <paramref name="before"/> (the cursor: the last
    /// height of the previous page), or the newest when null. Throws on store failure (the caller shows the error).
    /// </summary>
    public async Task<IReadOnlyList<IndexedBlock>> GetLatestBlocksAsync(int limit, uint? before, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLatestBlocks);
        await using var connection = dataSource.CreateConnection();
        await connection.OpenAsync(ct);
        var command = before is { } height
            ? new CommandDefinition(PageBeforeSql, new { limit, before = height }, cancellationToken: ct)
            : new CommandDefinition(TipSql, new { limit }, cancellationToken: ct);
        var rows = await connection.QueryAsync<IndexedBlock>(command);
        return rows.ToList();
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }

    private sealed record CountsRow(ulong Blocks, ulong ColoredTxs);

    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "Store unreachable: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string reason);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Store query failed")]
    private static partial void LogServerError(ILogger logger, Exception exception);
}
