using Bunit;
using Explorer.Web.Components.Pages.Home;
using Explorer.Web.Components.Pages.Indexed;
using Explorer.Web.Services;
using Explorer.Web.Services.Indexed;
using Explorer.Web.Services.Live;
using Explorer.Web.Tests.Indexed;
using Explorer.Web.Tests.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Explorer.Web.Tests.Components;

/// <summary>
/// New blocks and mempool changes appear without a reload: the home page, the block list and the mempool page
/// rendered by bUnit over a real store, the real <see cref="ChainWatcher"/> polling it every 100 ms; rows are then
/// written to the store and the rendered markup must follow.
/// </summary>
[Trait("Category", "Integration")]
public sealed class LiveUpdateTests : MudTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private async Task<(StoreDatabase Store, ChainWatcher Watcher)> StartAsync(uint tip, CancellationToken ct)
    {
        var store = await StoreDatabase.CreateAsync(ct);
        await store.InsertChainAsync(0, tip, ct);
        var dataSource = new ClickHouse.Driver.ADO.ClickHouseDataSource(store.Server.GetConnectionString(store.Name));
        var queries = store.Queries();
        var mempool = new MempoolQueries(dataSource);
        var watcher = new ChainWatcher(queries, mempool, Options.Create(new WebOptions { LiveRefreshSeconds = 0.1 }),
            TimeProvider.System, NullLogger<ChainWatcher>.Instance);
        Services.AddSingleton(queries);
        Services.AddSingleton(mempool);
        Services.AddSingleton(new ActivityQueries(dataSource));
        Services.AddSingleton(watcher);
        await watcher.StartAsync(ct);
        return (store, watcher);
    }

    [Fact]
    public async Task Home_and_block_list_show_a_newly_indexed_tip_without_a_reload()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var (store, watcher) = await StartAsync(5, timeout.Token);
        try
        {
            var home = Render<Home>();
            var list = Render<BlockList>();
            home.WaitForAssertion(() => Assert.Equal("5", home.Find("tr.block-row").GetAttribute("data-height")), Patience);
            list.WaitForAssertion(() => Assert.Equal("5", list.Find("tr.block-row").GetAttribute("data-height")), Patience);
            Assert.Equal(2, watcher.SubscriberCount);

            await store.InsertBlockAsync(6, StoreDatabase.HashOf(6), coloredTxCount: 2, ct: timeout.Token);

            home.WaitForAssertion(() => Assert.Equal("6", home.Find("tr.block-row").GetAttribute("data-height")), Patience);
            home.WaitForAssertion(() => Assert.Contains("indexed up to block 6", home.Find(".store-message").TextContent, StringComparison.Ordinal), Patience);
            list.WaitForAssertion(() => Assert.Equal("6", list.Find("tr.block-row").GetAttribute("data-height")), Patience);
            Assert.Equal(7, list.FindAll("tr.block-row").Count);

            // A reorg to the same height (the old block 6 orphaned, another block 6) is a change too.
            await store.InsertBlockAsync(6, StoreDatabase.HashOf(6), coloredTxCount: 2, orphaned: true, version: 2, ct: timeout.Token);
            await store.InsertBlockAsync(6, StoreDatabase.HashOf(6, 'c'), ct: timeout.Token);
            home.WaitForAssertion(() => Assert.Contains(StoreDatabase.HashOf(6, 'c'), home.Find("tr.block-row").TextContent, StringComparison.Ordinal), Patience);

            await DisposeComponentsAsync();
            Assert.Equal(0, watcher.SubscriberCount);
        }
        finally
        {
            await watcher.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Mempool_page_follows_the_mempool()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var (store, watcher) = await StartAsync(3, timeout.Token);
        try
        {
            var xcp = RegtestTruth.Load().Root.GetProperty("transactions").EnumerateArray()
                .Single(t => t.TryGetProperty("mempool", out var m) && m.GetBoolean());
            var txid = xcp.GetProperty("txid").GetString()!;
            var page = Render<MempoolList>();
            page.WaitForAssertion(() => Assert.Equal("0", page.Find(".mempool-count").TextContent.Trim()), Patience);
            Assert.NotNull(page.Find(".mempool-empty"));

            await MempoolRows.InsertAsync(store, MempoolWebFactory.Hex(xcp), MempoolWebFactory.Seen, ct: timeout.Token);
            // The count and the rows are two statements: a poll may read them on either side of the insert, so wait for both.
            page.WaitForAssertion(() =>
            {
                Assert.Equal(txid, page.Find("tr.mempool-row").GetAttribute("data-txid"));
                Assert.Equal("1", page.Find(".mempool-count").TextContent.Trim());
            }, Patience);

            // Mined or evicted: the newer version with is_removed = 1 takes it off the page.
            await MempoolRows.InsertAsync(store, MempoolWebFactory.Hex(xcp), MempoolWebFactory.Seen, version: 2, removed: true, ct: timeout.Token);
            page.WaitForAssertion(() =>
            {
                Assert.Empty(page.FindAll("tr.mempool-row"));
                Assert.Equal("0", page.Find(".mempool-count").TextContent.Trim());
            }, Patience);
        }
        finally
        {
            await watcher.StopAsync(CancellationToken.None);
        }
    }
}
