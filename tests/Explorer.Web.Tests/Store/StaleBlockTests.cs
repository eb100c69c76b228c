using Explorer.Web.Services.Indexed;

namespace Explorer.Web.Tests.Store;

/// <summary>A block a reorg left (its rows orphaned) is named as stale, with the best chain's block at its height, on
/// the real engine (sql/001_blocks.sql: a newer version of the row with is_orphaned = 1).</summary>
[Trait("Category", "Integration")]
public sealed class StaleBlockTests : IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(120));

    public void Dispose() => _timeout.Dispose();

    private CancellationToken Ct => _timeout.Token;


    [Fact]
    public async Task A_block_a_reorg_orphaned_is_stale_and_names_its_replacement()
    {
        var store = await StoreDatabase.CreateAsync(Ct);
        await store.InsertChainAsync(0, 5, Ct);
        var stale = StoreDatabase.HashOf(5, 'b');
        await store.InsertBlockAsync(5, stale, version: 1, ct: Ct);                 // seen first
        await store.InsertBlockAsync(5, stale, orphaned: true, version: 2, ct: Ct); // then rolled back
        var gone = StoreDatabase.HashOf(7, 'b');                                    // above today's tip
        await store.InsertBlockAsync(7, gone, orphaned: true, version: 1, ct: Ct);
        var queries = store.IndexedQueries();

        var found = await queries.GetStaleBlockAsync(stale, Ct);
        Assert.NotNull(found);
        Assert.Equal((5u, stale, StoreDatabase.HashOf(5)), (found.Height, found.Hash, found.ReplacedBy));
        Assert.Null((await queries.GetStaleBlockAsync(gone, Ct))!.ReplacedBy);
        // A block of the best chain, and a hash never indexed, are not stale.
        Assert.Null(await queries.GetStaleBlockAsync(StoreDatabase.HashOf(5), Ct));
        Assert.Null(await queries.GetStaleBlockAsync(StoreDatabase.HashOf(9, 'c'), Ct));
        Assert.Null(await queries.GetBlockAsync(null, stale, 0, Ct));
    }
}
