using Explorer.Web.Services.Indexed;
using Explorer.Web.Tests.Indexed;

namespace Explorer.Web.Tests.Store;

/// <summary>
/// <see cref="MempoolQueries"/> against the real engine: a store without the mempool table, and a transaction that
/// leaves the mempool when its block is indexed (Core regtest fixture, expected.json).
/// </summary>
[Trait("Category", "Integration")]
public sealed class MempoolStoreTests
{
    private static MempoolQueries Mempool(StoreDatabase store) =>
        new(new ClickHouse.Driver.ADO.ClickHouseDataSource(store.Server.GetConnectionString(store.Name)));

    private static IndexedQueries Indexed(StoreDatabase store) =>
        new(new ClickHouse.Driver.ADO.ClickHouseDataSource(store.Server.GetConnectionString(store.Name)));

    [Fact]
    public async Task A_store_without_the_mempool_table_reads_as_an_unavailable_empty_mempool()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var store = await StoreDatabase.CreateAsync(timeout.Token, migrate: false);

        var page = await Mempool(store).GetPageAsync(null, 10, timeout.Token);
        Assert.False(page.Available);
        Assert.Empty(page.Items);
        Assert.Equal(new MempoolSummary(0, 0), await Mempool(store).GetSummaryAsync(timeout.Token));
        Assert.Null(await Mempool(store).GetTransactionAsync(new string('a', 64), timeout.Token));
    }

    [Fact]
    public async Task A_mined_transaction_leaves_the_mempool_and_is_answered_from_its_block()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        var truth = RegtestTruth.Load();
        var transfer = truth.Tx("transfer");
        var txid = transfer.GetProperty("txid").GetString()!;
        var store = await StoreDatabase.CreateAsync(timeout.Token);
        await RegtestIndexing.IndexAsync(store, timeout.Token, MempoolWebFactory.IndexedTip);
        await MempoolRows.InsertAsync(store, MempoolWebFactory.Hex(transfer), MempoolWebFactory.Seen, ct: timeout.Token);

        Assert.Null(await Indexed(store).GetTransactionAsync(txid, timeout.Token));
        var before = await Mempool(store).GetSummaryAsync(timeout.Token);
        Assert.Equal(1UL, before.Count);
        Assert.True((await Mempool(store).GetTransactionAsync(txid, timeout.Token))!.Unconfirmed);

        // Mined: the indexer indexes the rest of the chain, the mempool source removes the row (newer version).
        await RegtestIndexing.IndexAsync(store, timeout.Token);
        await MempoolRows.InsertAsync(store, MempoolWebFactory.Hex(transfer), MempoolWebFactory.Seen, version: 2, removed: true, ct: timeout.Token);

        var after = await Mempool(store).GetSummaryAsync(timeout.Token);
        Assert.Equal(0UL, after.Count);
        Assert.NotEqual(before, after);
        Assert.Null(await Mempool(store).GetTransactionAsync(txid, timeout.Token));
        Assert.Empty((await Mempool(store).GetPageAsync(null, 10, timeout.Token)).Items);
        var mined = await Indexed(store).GetTransactionAsync(txid, timeout.Token);
        Assert.False(mined!.Unconfirmed);
        Assert.Equal((uint)transfer.GetProperty("height").GetInt32(), mined.First.Height);
    }
}
