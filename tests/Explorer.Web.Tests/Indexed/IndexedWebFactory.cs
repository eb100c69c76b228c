using Explorer.Web.Tests.Store;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Explorer.Web.Tests.Indexed;

/// <summary>
/// The web app in-process over a store written by the indexer's own pipeline (<see cref="RegtestIndexing"/>): the blocks
/// folder of a real Bitcoin Core 29 regtest node (../shared/fixtures/core-regtest, copied under
/// tests/BlockFiles.Tests/data) indexed into a fresh database on the embedded ClickHouse. Its expected.json is the truth
/// the tests compare with (<see cref="RegtestTruth"/>).
/// </summary>
public sealed class IndexedWebFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private StoreDatabase? _store;

    public StoreDatabase Store => _store ?? throw new InvalidOperationException("not initialized");

    public RegtestTruth Truth { get; } = RegtestTruth.Load();

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        _store = await StoreDatabase.CreateAsync(timeout.Token);
        await RegtestIndexing.IndexAsync(_store, timeout.Token);
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ClickHouse:ConnectionString", Store.ServerConnectionString);
        builder.UseSetting("ClickHouse:Database", Store.Name);
        builder.UseSetting("ClickHouse:ApplyMigrations", "false");
        builder.UseSetting("Web:Network", "regtest");
        // Hundreds of requests a second from one client (HostileInputTests): the limiter (RateLimitTests, its own
        // factory) would answer 429 before the input reaches the handler under test.
        builder.UseSetting("Web:RateLimit:Enabled", "false");
    }
}
