extern alias embedded;

using ClickHouse.Driver.ADO;
using Dapper;
using embedded::Explorer.ClickHouse.Embedded;
using Explorer.Storage.Configuration;
using Explorer.Storage.Migrations;
using Explorer.Web.Services;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Explorer.Web.Tests.Store;

/// <summary>
/// A fresh database on the process-wide embedded ClickHouse (real engine over chDB), migrated with the shipped
/// <c>sql/</c> files by the real <see cref="MigrationRunner"/>, plus helpers to write the rows the indexer writes.
/// </summary>
public sealed class StoreDatabase
{
    private StoreDatabase(EmbeddedClickHouseServer server, string name)
    {
        Server = server;
        Name = name;
    }

    public EmbeddedClickHouseServer Server { get; }

    public string Name { get; }

    /// <summary>ClickHouse.Driver connection string to the server (database chosen by the options).</summary>
    public string ServerConnectionString => Server.ConnectionString;

    /// <summary>A migrated database (unique name) on the shared embedded server.</summary>
    public static async Task<StoreDatabase> CreateAsync(CancellationToken ct, bool migrate = true)
    {
        var server = await SharedEmbeddedClickHouse.GetAsync();
        var name = await server.CreateDatabaseAsync("web", ct);
        if (migrate)
        {
            var options = Options.Create(new ClickHouseOptions { ConnectionString = server.ConnectionString, Database = name });
            await new MigrationRunner(options, NullLogger<MigrationRunner>.Instance).ApplyAsync(ct);
        }
        return new StoreDatabase(server, name);
    }

    /// <summary>The web's queries against <paramref name="database"/> (default: this one) on this server.</summary>
    public ExplorerQueries Queries(string? database = null)
    {
        var store = new ClickHouseOptions { ConnectionString = Server.ConnectionString, Database = database ?? Name };
        var dataSource = new ClickHouseDataSource(Explorer.Storage.ConnectionStrings.ForDatabase(store.ConnectionString, store.Database));
        return new ExplorerQueries(dataSource, Options.Create(store), Options.Create(new WebOptions { StoreQueryTimeoutSeconds = 30 }),
            TimeProvider.System, NullLogger<ExplorerQueries>.Instance);
    }

    /// <summary>The explorer's indexed-data queries against this database.</summary>
    public Explorer.Web.Services.Indexed.IndexedQueries IndexedQueries() => new(new ClickHouseDataSource(Server.GetConnectionString(Name)));

    public ClickHouseConnection Connect() => new(Server.GetConnectionString(Name));

    /// <summary>The hash the tests give block <paramref name="height"/> (distinct per fork <paramref name="fork"/>).</summary>
    public static string HashOf(uint height, char fork = 'a') => new string(fork, 56) + height.ToString("x8");

    /// <summary>Writes one <c>blocks</c> row as the indexer does (a new version of the (height, hash) row).</summary>
    public async Task InsertBlockAsync(uint height, string hash, uint coloredTxCount = 0, bool orphaned = false, ulong version = 1,
        CancellationToken ct = default)
    {
        await using var connection = Connect();
        await connection.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO blocks (height, hash, prev_hash, time, tx_count, size, colored_tx_count, is_orphaned, version)
            VALUES (@height, @hash, @prev, @time, @txCount, @size, @colored, @orphaned, @version)
            """,
            new
            {
                height,
                hash,
                prev = height == 0 ? new string('0', 64) : HashOf(height - 1),
                time = BlockTime(height),
                txCount = coloredTxCount + 1,
                size = 250u + (200u * coloredTxCount),
                colored = coloredTxCount,
                orphaned = orphaned ? (byte)1 : (byte)0,
                version,
            },
            cancellationToken: ct));
    }

    /// <summary>Blocks <paramref name="from"/>..<paramref name="to"/> on the main fork, each with height % 3 colored txs.</summary>
    public async Task InsertChainAsync(uint from, uint to, CancellationToken ct = default)
    {
        for (var h = from; h <= to; h++)
            await InsertBlockAsync(h, HashOf(h), h % 3, ct: ct);
    }

    public async Task InsertProgressAsync(string source, uint height, string hash, ulong version, CancellationToken ct = default)
    {
        await using var connection = Connect();
        await connection.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO indexer_progress (source, height, hash, version) VALUES (@source, @height, @hash, @version)",
            new { source, height, hash, version }, cancellationToken: ct));
    }

    /// <summary>Regtest-like block times: 2026-01-01 plus ten minutes per height.</summary>
    public static DateTime BlockTime(uint height) =>
        new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(10 * height);
}
