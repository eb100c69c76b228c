using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Explorer.Web.Tests.Store;

/// <summary>
/// The web app in-process over a real store: a migrated database on the embedded ClickHouse with blocks 0..24
/// (height % 3 colored txs each), an orphaned fork block 25 and an orphaned sibling of block 10.
/// </summary>
public sealed class StoreWebFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const uint Tip = 24;

    private StoreDatabase? _store;

    public StoreDatabase Store => _store ?? throw new InvalidOperationException("not initialized");

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        _store = await StoreDatabase.CreateAsync(timeout.Token);
        await _store.InsertChainAsync(0, Tip, timeout.Token);
        await _store.InsertBlockAsync(Tip + 1, StoreDatabase.HashOf(Tip + 1, 'b'), orphaned: true, ct: timeout.Token);
        // A stale sibling of block 10, which a reorg replaced by the 'a' chain's block 10.
        await _store.InsertBlockAsync(10, StoreDatabase.HashOf(10, 'b'), orphaned: true, ct: timeout.Token);
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ClickHouse:ConnectionString", Store.ServerConnectionString);
        builder.UseSetting("ClickHouse:Database", Store.Name);
        builder.UseSetting("ClickHouse:ApplyMigrations", "false");
    }
}
