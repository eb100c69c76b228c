using Dapper;
using Explorer.Web.Services;

namespace Explorer.Web.Tests.Store;

/// <summary>Latest-blocks paging (cursor = the last height of the previous page) against the real engine.</summary>
[Trait("Category", "Integration")]
public sealed class BlockPagingTests : IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(120));

    public void Dispose() => _timeout.Dispose();

    private CancellationToken Ct => _timeout.Token;

    [Fact]
    public async Task Pages_walk_every_block_once_newest_first_without_orphans()
    {
        var store = await StoreDatabase.CreateAsync(Ct);
        await store.InsertChainAsync(0, 24, Ct);
        await store.InsertBlockAsync(25, StoreDatabase.HashOf(25, 'b'), orphaned: true, ct: Ct);
        await store.InsertBlockAsync(12, StoreDatabase.HashOf(12, 'b'), orphaned: true, ct: Ct);
        var queries = store.Queries();

        var pages = new List<IReadOnlyList<IndexedBlock>>();
        uint? before = null;
        while (true)
        {
            var page = await queries.GetLatestBlocksAsync(10, before, Ct);
            pages.Add(page);
            if (page.Count < 10)
                break;
            before = page[^1].Height;
        }

        Assert.Equal([10, 10, 5], pages.Select(p => p.Count));
        Assert.Equal(Enumerable.Range(0, 25).Reverse().Select(h => (uint)h), pages.SelectMany(p => p).Select(b => b.Height));
        Assert.All(pages.SelectMany(p => p), b => Assert.Equal(StoreDatabase.HashOf(b.Height), b.Hash));
        Assert.Equal(pages[0], await queries.GetLatestBlocksAsync(10, Ct));
    }

    [Theory]
    [InlineData(1u, new uint[] { 0 })]
    [InlineData(0u, new uint[0])]
    [InlineData(3u, new uint[] { 2, 1 })]
    [InlineData(uint.MaxValue, new uint[] { 4, 3 })]
    public async Task The_cursor_is_exclusive_and_bounded(uint before, uint[] expected)
    {
        var store = await StoreDatabase.CreateAsync(Ct);
        await store.InsertChainAsync(0, 4, Ct);

        var page = await store.Queries().GetLatestBlocksAsync(2, before, Ct);

        Assert.Equal(expected, page.Select(b => b.Height));
    }

    [Fact]
    public async Task A_store_failure_is_thrown_to_the_caller_not_turned_into_no_blocks()
    {
        var store = await StoreDatabase.CreateAsync(Ct, migrate: false);

        var ex = await Assert.ThrowsAsync<global::ClickHouse.Driver.ClickHouseServerException>(
            () => store.Queries().GetLatestBlocksAsync(10, Ct));
        Assert.Contains("UNKNOWN_TABLE", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_that_looks_like_sql_or_markup_round_trips_as_data()
    {
        var store = await StoreDatabase.CreateAsync(Ct);
        await store.InsertChainAsync(0, 2, Ct);
        const string source = "x'); DROP TABLE blocks; -- <script>alert(1)</script> {p:String} \\' @limit";
        await store.InsertProgressAsync(source, 2, "'; TRUNCATE TABLE blocks; --", version: 1, Ct);

        var status = await store.Queries().GetStatusAsync(Ct);

        Assert.Equal(StoreState.Ready, status.State);
        var progress = Assert.Single(status.Progress);
        Assert.Equal(source, progress.Source);
        Assert.Equal("'; TRUNCATE TABLE blocks; --", progress.Hash);
        await using var connection = store.Connect();
        Assert.Equal(3, await connection.ExecuteScalarAsync<int>("SELECT count() FROM blocks"));
    }

    [Theory]
    [InlineData("x' OR '1'='1")]
    [InlineData("default`; DROP DATABASE system; --")]
    [InlineData("system' UNION SELECT name FROM system.databases --")]
    public async Task A_hostile_database_name_reaches_no_other_database(string database)
    {
        // The options validate the name ([A-Za-z_][A-Za-z0-9_]*); here it is forced past that to show the queries
        // still bind it as a value, never as SQL.
        var store = await StoreDatabase.CreateAsync(Ct);
        await store.InsertChainAsync(0, 2, Ct);

        var status = await store.Queries(database).GetStatusAsync(Ct);

        Assert.NotEqual(StoreState.Ready, status.State);
        Assert.Null(status.Tip);
        Assert.Empty(status.Tables);
        Assert.Equal(database, status.Database);
        await using var connection = store.Connect();
        Assert.Equal(3, await connection.ExecuteScalarAsync<int>("SELECT count() FROM blocks"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT count() FROM system.databases WHERE name = 'system'"));
    }
}
