using System.Net;
using ClickHouse.Driver;
using ClickHouse.Driver.ADO;
using Dapper;
using Explorer.ClickHouse.Embedded;
using Explorer.Indexer.Configuration;
using Explorer.Indexer.Pipeline;
using Explorer.Indexer.Storage;
using Explorer.Storage.Configuration;
using Explorer.Storage.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Explorer.Indexer.Tests.Support;

/// <summary>A unique database on the shared embedded ClickHouse with the shipped migrations applied, a store whose
/// HTTP traffic can go through a fault-injecting handler, and a direct connection for assertions.</summary>
public sealed class IndexerHarness : IAsyncDisposable
{
    private IndexerHarness(string database, string connectionString, ClickHouseClient client, FaultInjectingHandler faults)
    {
        Database = database;
        ConnectionString = connectionString;
        Client = client;
        Faults = faults;
        Store = new ClickHouseStore(client);
    }

    public string Database { get; }

    public string ConnectionString { get; }

    public ClickHouseClient Client { get; }

    public FaultInjectingHandler Faults { get; }

    public ClickHouseStore Store { get; }

    public static async Task<IndexerHarness> CreateAsync(string name)
    {
        var server = await SharedEmbeddedClickHouse.GetAsync();
        var database = "idx_" + name.ToLowerInvariant()[..Math.Min(name.Length, 20)].Replace('-', '_') + "_" + Guid.NewGuid().ToString("N")[..10];
        var runner = new MigrationRunner(Options.Create(new ClickHouseOptions
        {
            ConnectionString = server.ConnectionString,
            Database = database,
            MigrationsPath = Path.Combine(AppContext.BaseDirectory, "sql"),
        }), NullLogger<MigrationRunner>.Instance);
        await runner.ApplyAsync(CancellationToken.None);
        var cs = server.GetConnectionString(database);
        var faults = new FaultInjectingHandler(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.All });
#pragma warning disable CA2000 // the client owns the HttpClient's lifetime through Dispose below
        var client = new ClickHouseClient(cs, new HttpClient(faults));
#pragma warning restore CA2000
        return new IndexerHarness(database, cs, client, faults);
    }

    /// <summary>A harness over a database someone else created (the CLI test).</summary>
    public static IndexerHarness Attach(string database, string connectionString)
    {
        var faults = new FaultInjectingHandler(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.All });
#pragma warning disable CA2000 // the client owns the HttpClient's lifetime through Dispose below
        return new IndexerHarness(database, connectionString, new ClickHouseClient(connectionString, new HttpClient(faults)), faults);
#pragma warning restore CA2000
    }

    public static IndexerOptions Options_(int batchBlocks = 50) => new()
    {
        Network = "regtest",
        BatchBlocks = batchBlocks,
        ParseAhead = 16,
        MaxRetryDelaySeconds = 0.4,
        ProgressSeconds = 3600,
    };

    public ChainIndexer Indexer(IndexerOptions? options = null, Microsoft.Extensions.Logging.ILogger<BlockWriter>? writerLogger = null) =>
        new(Store, options ?? Options_(), NullLogger<ChainIndexer>.Instance, writerLogger ?? NullLogger<BlockWriter>.Instance);

    public ClickHouseConnection Connect() => new(ConnectionString);

    public async Task<List<T>> QueryAsync<T>(string sql, object? args = null)
    {
        await using var connection = Connect();
        return [.. await connection.QueryAsync<T>(sql, args)];
    }

    /// <summary>Every visible row of the colored tables and blocks, version excluded, as sorted text: two runs that
    /// should be equivalent compare equal.</summary>
    public async Task<Dictionary<string, List<string>>> SnapshotAsync()
    {
        var snapshot = new Dictionary<string, List<string>>();
        foreach (var table in new[] { "blocks", "colored_transactions", "colored_outputs", "assets", "asset_events", "counterparty_messages" })
            snapshot[table] = await QueryAsync<string>(
                $"SELECT formatRow('TSV', * EXCEPT (version)) AS r FROM {table} FINAL WHERE is_orphaned = 0 ORDER BY r");
        return snapshot;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await using var connection = Connect();
        await connection.ExecuteAsync($"DROP DATABASE IF EXISTS `{Database}`");
    }
}
