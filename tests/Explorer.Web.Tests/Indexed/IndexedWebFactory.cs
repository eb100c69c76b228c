extern alias indexer;

using ClickHouse.Driver;
using Explorer.BlockFiles;
using Explorer.Web.Tests.Store;
using indexer::Explorer.Indexer.Configuration;
using indexer::Explorer.Indexer.Pipeline;
using indexer::Explorer.Indexer.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Explorer.Web.Tests.Indexed;

/// <summary>
/// The web app in-process over a store written by the indexer's own pipeline (<see cref="ChainIndexer"/>): the blocks
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
        await IndexRegtestAsync(_store, timeout.Token);
    }

    /// <summary>Indexes the Core regtest blocks folder into <paramref name="store"/> with the indexer's pipeline.</summary>
    public static async Task IndexRegtestAsync(StoreDatabase store, CancellationToken ct)
    {
        using var client = new ClickHouseClient(store.Server.GetConnectionString(store.Name));
        var options = new IndexerOptions { Network = "regtest", BatchBlocks = 50, ParseAhead = 16, MaxRetryDelaySeconds = 0.4, ProgressSeconds = 3600 };
        var chainIndexer = new ChainIndexer(new ClickHouseStore(client), options, NullLogger<ChainIndexer>.Instance, NullLogger<BlockWriter>.Instance);
        using var source = BlocksFolderSource.Open(Path.Combine(RegtestTruth.Folder, "blocks"), NetworkMagic.RegTest);
        var run = await chainIndexer.RunOnceAsync(source, ct);
        if (run.TipHeight <= 0) throw new InvalidOperationException("the regtest fixture indexed no blocks");
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ClickHouse:ConnectionString", Store.ServerConnectionString);
        builder.UseSetting("ClickHouse:Database", Store.Name);
        builder.UseSetting("ClickHouse:ApplyMigrations", "false");
        builder.UseSetting("Web:Network", "regtest");
    }
}
