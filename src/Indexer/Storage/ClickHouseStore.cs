using ClickHouse.Driver;
using Dapper;
using Explorer.Indexer.Pipeline;

namespace Explorer.Indexer.Storage;

/// <summary>
/// The indexer's reads and writes of ClickHouse through one <see cref="ClickHouseClient"/>: batched
/// <c>InsertBinaryAsync</c> per table, progress last; rollback by inserting orphaned copies; state loading.
/// Failures propagate (never swallowed): the caller retries the whole batch, which is harmless (versioned rows).
/// </summary>
public sealed class ClickHouseStore(ClickHouseClient client, string progressSource = ClickHouseStore.DefaultSource)
{
    public const string DefaultSource = "blocks";

    private static readonly string[] RolledBackTables =
        ["blocks", "colored_transactions", "asset_events", "counterparty_messages", .. CounterpartyLedgerStore.RolledBackTables];

    private static readonly InsertOptions Insert = new() { BatchSize = 100_000 };

    public string ProgressSource => progressSource;

    /// <summary>Per table: rows' bodies sent, their bytes, and the time from the send to the server's answer (the bench
    /// verb prints them: where the writer's time goes).</summary>
    public WriteStatistics Statistics { get; } = new();

    /// <summary>The last block whose rows are all written, or null before the first one.</summary>
    public async Task<(int Height, string Hash)?> ReadProgressAsync(CancellationToken ct)
    {
        await using var connection = client.CreateConnection();
        var row = await connection.QueryFirstOrDefaultAsync<ProgressRow>(new CommandDefinition(
            "SELECT height AS Height, hash AS Hash FROM indexer_progress FINAL WHERE source = @source",
            new { source = progressSource }, cancellationToken: ct));
        return row is null || row.Hash.Length == 0 ? null : ((int)row.Height, row.Hash);
    }

    /// <summary>Highest row version in the store, so that new versions are above it whatever the clock says.</summary>
    public async Task<ulong> MaxVersionAsync(CancellationToken ct)
    {
        await using var connection = client.CreateConnection();
        return await connection.ExecuteScalarAsync<ulong>(new CommandDefinition(
            "SELECT greatest((SELECT max(version) FROM indexer_progress), (SELECT max(version) FROM blocks), (SELECT max(version) FROM colored_outputs))",
            cancellationToken: ct));
    }

    /// <summary>Hash of the indexed (not orphaned) block at a height, or null.</summary>
    public async Task<string?> BlockHashAtAsync(int height, CancellationToken ct)
    {
        await using var connection = client.CreateConnection();
        return await connection.QueryFirstOrDefaultAsync<string>(new CommandDefinition(
            "SELECT hash FROM blocks FINAL WHERE height = @height AND is_orphaned = 0 LIMIT 1",
            new { height = (uint)height }, cancellationToken: ct));
    }

    /// <summary>Height of an indexed (not orphaned) block, or -1.</summary>
    public async Task<int> HeightOfAsync(string hash, CancellationToken ct)
    {
        await using var connection = client.CreateConnection();
        var heights = (await connection.QueryAsync<uint>(new CommandDefinition(
            "SELECT height FROM blocks FINAL WHERE hash = @hash AND is_orphaned = 0", new { hash }, cancellationToken: ct))).ToList();
        return heights.Count == 0 ? -1 : (int)heights[0];
    }

    /// <summary>Writes the blocks' rows table by table, then the progress row naming the batch's last block.</summary>
    public async Task WriteAsync(IReadOnlyList<BlockRows> batch, VersionClock clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(clock);
        if (batch.Count == 0) return;
        using var bodies = new WriteBatch(clock.Next());
        foreach (var block in batch) bodies.Add(block);
        await WriteAsync(bodies, clock, ct);
    }

    /// <summary>Writes a batch serialized as its blocks arrived (<see cref="WriteBatch"/>), table by table, then the
    /// progress row naming its last block. The batch is left as it was: a failed write is retried with it.</summary>
    public async Task WriteAsync(WriteBatch batch, VersionClock clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(clock);
        if (batch.Last is not { } last) return;
        // Every table in RowBinary written by us (the driver's InsertBinaryAsync boxes each value into object[] rows);
        // the server takes one statement at a time.
        foreach (var (table, columns, body) in batch.Tables())
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await RowBinaryWriter.SendAsync(client, table, columns, body, ct);
            Statistics.Add(table, body.Length, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
        await WriteProgressAsync((int)last.Height, last.Hash, clock.Next(), ct);
    }

    /// <summary>
    /// Makes everything above <paramref name="height"/> invisible: outputs spent above it become unspent, rows created
    /// above it get an orphaned copy, and progress moves to the block at that height (or to nothing for -1).
    /// Idempotent: running it twice, or with nothing above the height, changes nothing visible.
    /// </summary>
    public async Task RollbackAsync(int height, VersionClock clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var above = (uint)(height + 1);
        await using var connection = client.CreateConnection();
        // The FINAL read sits in a subquery: the embedded host (chDB 26.7) inserted nothing for
        // `INSERT INTO t SELECT ... FROM t FINAL WHERE ...` written flat (docs/indexer.md).
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO colored_outputs SELECT * REPLACE ('' AS spent_txid, toUInt32(0) AS spent_input, toUInt32(0) AS spent_height, toUInt64(@version) AS version) " +
            "FROM (SELECT * FROM colored_outputs FINAL WHERE spent_txid != '' AND spent_height >= @above AND is_orphaned = 0)",
            new { version = clock.Next(), above }, cancellationToken: ct));
        foreach (var (table, column) in RolledBackTables.Select(t => (t, "height")).Append(("colored_outputs", "height")).Append(("assets", "first_height")))
        {
            // Table and column names are constants of this class, never input.
            await connection.ExecuteAsync(new CommandDefinition(
                $"INSERT INTO {table} SELECT * REPLACE (toUInt8(1) AS is_orphaned, toUInt64(@version) AS version) " +
                $"FROM (SELECT * FROM {table} FINAL WHERE {column} >= @above AND is_orphaned = 0)",
                new { version = clock.Next(), above }, cancellationToken: ct));
        }
        await CounterpartyLedgerStore.AfterRollbackAsync(connection, above, clock, ct);
        var hash = height < 0 ? string.Empty : await BlockHashAtAsync(height, ct) ?? string.Empty;
        await WriteProgressAsync(hash.Length == 0 ? 0 : height, hash, clock.Next(), ct);
    }

    /// <summary>Fills the state from the store: unspent colored outputs and known assets.</summary>
    public async Task LoadStateAsync(ColoredUtxoSet state, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.Clear();
        await using var connection = client.CreateConnection();
        foreach (var row in await UnspentColoredOutputs.AllAsync(connection, ct)) state.Add(row);
        var assets = await connection.QueryAsync<(string, string)>(new CommandDefinition(
            "SELECT protocol, asset_id FROM assets FINAL WHERE is_orphaned = 0", cancellationToken: ct));
        foreach (var (protocol, assetId) in assets)
            state.AddAsset(protocol, assetId);
        await CounterpartyLedgerStore.LoadAsync(connection, state.XcpLedger, state.XcpFirstBlocks, ct);
    }

    private async Task WriteProgressAsync(int height, string hash, ulong version, CancellationToken ct) =>
        await client.InsertBinaryAsync("indexer_progress", ["source", "height", "hash", "version"],
            [[progressSource, (uint)height, hash, version]], Insert, ct);

    private sealed record ProgressRow(uint Height, string Hash);
}
