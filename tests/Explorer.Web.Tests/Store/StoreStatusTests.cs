using Dapper;
using Explorer.Web.Services;

namespace Explorer.Web.Tests.Store;

/// <summary>
/// The store status and block queries against the real ClickHouse engine (embedded, over chDB): a database per test,
/// migrated with the shipped <c>sql/</c> files, rows written like the indexer writes them (sql/001_blocks.sql:
/// ReplacingMergeTree(version), readers use <c>FINAL ... WHERE is_orphaned = 0</c>).
/// </summary>
[Trait("Category", "Integration")]
public sealed class StoreStatusTests : IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(120));

    public void Dispose() => _timeout.Dispose();

    private CancellationToken Ct => _timeout.Token;

    [Fact]
    public async Task A_store_with_blocks_is_ready_with_its_tip_counts_and_progress()
    {
        var store = await StoreDatabase.CreateAsync(Ct);
        await store.InsertChainAsync(0, 5, Ct);
        await store.InsertProgressAsync("regtest", 5, StoreDatabase.HashOf(5), version: 6, Ct);

        var status = await store.Queries().GetStatusAsync(Ct);

        Assert.Equal(StoreState.Ready, status.State);
        Assert.Equal("indexed up to block 5", status.Message);
        Assert.Equal(store.Name, status.Database);
        Assert.StartsWith("26.", status.ServerVersion, StringComparison.Ordinal);
        Assert.Contains("blocks", status.Tables);
        Assert.Contains("indexer_progress", status.Tables);
        Assert.Contains("schema_migrations", status.Tables);
        var tip = Assert.IsType<IndexedBlock>(status.Tip);
        Assert.Equal(5u, tip.Height);
        Assert.Equal(StoreDatabase.HashOf(5), tip.Hash);
        Assert.Equal(StoreDatabase.BlockTime(5), tip.Time);
        Assert.Equal(3u, tip.TxCount); // 5 % 3 colored + the coinbase
        Assert.Equal(2u, tip.ColoredTxCount);
        Assert.Equal(6ul, status.BlockCount);
        Assert.Equal(0ul + 1 + 2 + 0 + 1 + 2, status.ColoredTxCount);
        var progress = Assert.Single(status.Progress);
        Assert.Equal(("regtest", 5u, StoreDatabase.HashOf(5)), (progress.Source, progress.Height, progress.Hash));
    }

    [Fact]
    public async Task Orphaned_rows_and_replaced_versions_are_not_counted()
    {
        var store = await StoreDatabase.CreateAsync(Ct);
        await store.InsertChainAsync(0, 5, Ct);
        // A fork block 6 that was seen, then orphaned by a newer version of its row (the reorg).
        await store.InsertBlockAsync(6, StoreDatabase.HashOf(6, 'b'), coloredTxCount: 7, version: 1, ct: Ct);
        await store.InsertBlockAsync(6, StoreDatabase.HashOf(6, 'b'), coloredTxCount: 7, orphaned: true, version: 2, ct: Ct);
        // A stale sibling of block 5, orphaned from the start.
        await store.InsertBlockAsync(5, StoreDatabase.HashOf(5, 'b'), coloredTxCount: 9, orphaned: true, version: 1, ct: Ct);
        // Block 4 re-indexed with a newer version: the newer row wins, the older is not counted twice.
        await store.InsertBlockAsync(4, StoreDatabase.HashOf(4), coloredTxCount: 10, version: 2, ct: Ct);

        var queries = store.Queries();
        var status = await queries.GetStatusAsync(Ct);

        Assert.Equal(StoreState.Ready, status.State);
        Assert.Equal("indexed up to block 5", status.Message);
        Assert.Equal(StoreDatabase.HashOf(5), status.Tip!.Hash);
        Assert.Equal(6ul, status.BlockCount);
        Assert.Equal(0ul + 1 + 2 + 0 + 10 + 2, status.ColoredTxCount);
        var latest = await queries.GetLatestBlocksAsync(10, Ct);
        Assert.Equal([5u, 4, 3, 2, 1, 0], latest.Select(b => b.Height));
        Assert.All(latest, b => Assert.Equal(StoreDatabase.HashOf(b.Height), b.Hash));
        Assert.Equal(10u, latest[1].ColoredTxCount);
    }

    [Fact]
    public async Task Only_orphaned_blocks_is_an_empty_store()
    {
        var store = await StoreDatabase.CreateAsync(Ct);
        await store.InsertBlockAsync(1, StoreDatabase.HashOf(1, 'b'), orphaned: true, ct: Ct);

        var status = await store.Queries().GetStatusAsync(Ct);

        Assert.Equal(StoreState.Empty, status.State);
        Assert.Equal("store empty: no blocks indexed yet", status.Message);
        Assert.Null(status.Tip);
    }

    [Fact]
    public async Task A_migrated_store_without_blocks_is_empty_and_still_shows_progress()
    {
        var store = await StoreDatabase.CreateAsync(Ct);
        await store.InsertProgressAsync("regtest", 0, StoreDatabase.HashOf(0), version: 1, Ct);
        await store.InsertProgressAsync("regtest", 3, StoreDatabase.HashOf(3), version: 4, Ct);

        var status = await store.Queries().GetStatusAsync(Ct);

        Assert.Equal(StoreState.Empty, status.State);
        Assert.Equal("store empty: no blocks indexed yet", status.Message);
        Assert.Null(status.Tip);
        Assert.Equal(0ul, status.BlockCount);
        var progress = Assert.Single(status.Progress); // FINAL: the newest version of the source's row only
        Assert.Equal(3u, progress.Height);
    }

    [Fact]
    public async Task A_database_without_tables_is_empty()
    {
        var store = await StoreDatabase.CreateAsync(Ct, migrate: false);

        var status = await store.Queries().GetStatusAsync(Ct);

        Assert.Equal(StoreState.Empty, status.State);
        Assert.Equal($"store empty: database '{store.Name}' has no blocks table yet (the indexer creates it)", status.Message);
        Assert.Empty(status.Tables);
        Assert.StartsWith("26.", status.ServerVersion, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_database_is_empty()
    {
        var store = await StoreDatabase.CreateAsync(Ct, migrate: false);
        var missing = "missing_" + Guid.NewGuid().ToString("N");

        var status = await store.Queries(missing).GetStatusAsync(Ct);

        Assert.Equal(StoreState.Empty, status.State);
        Assert.Equal($"store empty: database '{missing}' does not exist yet (the indexer creates it)", status.Message);
    }

    [Fact]
    public async Task A_blocks_table_of_another_shape_is_an_error_with_the_reason()
    {
        var store = await StoreDatabase.CreateAsync(Ct, migrate: false);
        await using (var connection = store.Connect())
        {
            await connection.OpenAsync(Ct);
            await connection.ExecuteAsync("CREATE TABLE blocks (height UInt32) ENGINE = MergeTree ORDER BY height");
        }

        var status = await store.Queries().GetStatusAsync(Ct);

        Assert.Equal(StoreState.Error, status.State);
        Assert.StartsWith("store error: ", status.Message, StringComparison.Ordinal);
        Assert.Contains("Code: ", status.Message, StringComparison.Ordinal);
        Assert.Equal("blocks", Assert.Single(status.Tables));
    }
}
