using Dapper;
using Explorer.Storage.Configuration;
using Explorer.Storage.Migrations;
using Explorer.Web.Services.Indexed;
using Explorer.Web.Tests.Indexed;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Explorer.Web.Tests.Store;

/// <summary>
/// sql/004_explorer_indexes.sql on the real engine: the address-ordered copy of asset_events holds the same visible rows
/// (backfilled for a store indexed before the migration, then fed by its materialized view, orphaning included), and
/// the transaction's colored inputs found through the spent_txid skip index follow a spend cleared by a reorg.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ExplorerIndexesTests
{
    private const string EventTuple = "address, height, txid, protocol, kind, seq, asset_id, quantity, n, block_hash";

    private static async Task<List<string>> VisibleAsync(StoreDatabase store, string table, CancellationToken ct)
    {
        await using var connection = store.Connect();
        await connection.OpenAsync(ct);
        var rows = await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT toString(tuple({EventTuple})) FROM {table} FINAL WHERE is_orphaned = 0 AND address != '' ORDER BY 1",
            cancellationToken: ct));
        return [.. rows];
    }

    private static IndexedQueries Queries(StoreDatabase store) =>
        new(new ClickHouse.Driver.ADO.ClickHouseDataSource(store.Server.GetConnectionString(store.Name)));

    [Fact]
    public async Task A_store_indexed_before_the_migration_is_backfilled_and_then_kept_in_step()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        var store = await StoreDatabase.CreateAsync(timeout.Token, migrate: false);
        var shipped = Path.Combine(AppContext.BaseDirectory, "sql");
        var older = Directory.CreateTempSubdirectory("sql-without-004-");
        try
        {
            // Every shipped migration except 004: the indexer writes the tables of the later ones (xcp_ledger from 005).
            var files = Directory.GetFiles(shipped, "*.sql");
            foreach (var file in files.Where(f => !Path.GetFileName(f).StartsWith("004_", StringComparison.Ordinal)))
                File.Copy(file, Path.Combine(older.FullName, Path.GetFileName(file)));
            Assert.Equal(files.Length - 1, older.GetFiles().Length);
            await Migrate(store, older.FullName, timeout.Token);
            await RegtestIndexing.IndexAsync(store, timeout.Token, maxHeight: 113);

            // The web over a store without sql/004 still answers address history (from asset_events).
            var address = RegtestTruth.Load().Root.GetProperty("addresses").GetProperty("B").GetString()!;
            var scanned = await Queries(store).GetAddressEventsAsync(address, null, 100, timeout.Token);
            Assert.NotEmpty(scanned.Items);

            Assert.Equal([4], await Migrate(store, shipped, timeout.Token));
            var expected = await VisibleAsync(store, "asset_events", timeout.Token);
            Assert.NotEmpty(expected);
            Assert.Equal(expected, await VisibleAsync(store, "asset_events_by_address", timeout.Token));
            Assert.Equal(scanned.Items, (await Queries(store).GetAddressEventsAsync(address, null, 100, timeout.Token)).Items);

            // Blocks indexed after the migration reach the copy through the view.
            await RegtestIndexing.IndexAsync(store, timeout.Token);
            var later = await VisibleAsync(store, "asset_events", timeout.Token);
            Assert.True(later.Count > expected.Count, "blocks 114.. add events with addresses");
            Assert.Equal(later, await VisibleAsync(store, "asset_events_by_address", timeout.Token));
        }
        finally
        {
            older.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task An_orphaned_event_leaves_the_address_history()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var store = await StoreDatabase.CreateAsync(timeout.Token);
        var address = "mh6SPm13CFkMk9Bhh3aRrbXeEQf2X8FhkZ";
        await using (var connection = store.Connect())
        {
            await connection.OpenAsync(timeout.Token);
            foreach (var (height, orphaned, version) in new[] { (7u, 0, 1UL), (8u, 0, 1UL), (8u, 1, 2UL) })
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO asset_events (protocol, asset_id, height, txid, kind, seq, quantity, address, n, block_hash, is_orphaned, version)
                    VALUES ('openassets', 'AREKSBMzm6dEMGTYVjM5AuxZCQQdyDWnmZ', @height, @txid, 'transfer', 0, 5, @address, 1, 'h', @orphaned, @version)
                    """,
                    new { height, txid = new string((char)('a' + height - 7), 64), address, orphaned = (byte)orphaned, version },
                    cancellationToken: timeout.Token));
        }

        var page = await Queries(store).GetAddressEventsAsync(address, null, 10, timeout.Token);
        var only = Assert.Single(page.Items);
        Assert.Equal(7u, only.Height);
    }

    [Fact]
    public async Task Colored_inputs_follow_a_spend_and_its_reorg()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var store = await StoreDatabase.CreateAsync(timeout.Token);
        var spender = new string('5', 64);
        await using var connection = store.Connect();
        await connection.OpenAsync(timeout.Token);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO colored_transactions (txid, protocol, height, block_hash, tx_index, kind, valid, error, raw_hex, answer_json, version)
            VALUES (@spender, 'openassets', 9, 'h9', 1, 'transfer', 1, '', '', 'null', 1)
            """, new { spender }, cancellationToken: timeout.Token));
        async Task OutputVersion(string spent, uint height, ulong version) => await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO colored_outputs (protocol, asset_id, txid, n, idx, quantity, address, script_hex, value, height, block_hash,
                                         spent_txid, spent_input, spent_height, version)
            VALUES ('openassets', 'AREKSBMzm6dEMGTYVjM5AuxZCQQdyDWnmZ', @txid, 0, 0, 42, 'addr', '', 600, 3, 'h3', @spent, 0, @height, @version)
            """, new { txid = new string('3', 64), spent, height, version }, cancellationToken: timeout.Token));

        await OutputVersion(string.Empty, 0, 1);
        Assert.Empty((await Queries(store).GetTransactionAsync(spender, timeout.Token))!.Inputs);
        await OutputVersion(spender, 9, 2);
        Assert.Equal(42UL, Assert.Single((await Queries(store).GetTransactionAsync(spender, timeout.Token))!.Inputs).Quantity);
        // Rollback below 9: the spend is cleared in a newer version; the older spent version still matches the index.
        await OutputVersion(string.Empty, 0, 3);
        Assert.Empty((await Queries(store).GetTransactionAsync(spender, timeout.Token))!.Inputs);
    }

    private static Task<IReadOnlyList<int>> Migrate(StoreDatabase store, string folder, CancellationToken ct) =>
        new MigrationRunner(Options.Create(new ClickHouseOptions
        {
            ConnectionString = store.Server.ConnectionString, Database = store.Name, MigrationsPath = folder,
        }), NullLogger<MigrationRunner>.Instance).ApplyAsync(ct);
}
