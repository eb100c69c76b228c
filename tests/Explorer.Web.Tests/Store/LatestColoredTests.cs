extern alias indexer;

using ClickHouse.Driver;
using ClickHouse.Driver.ADO;
using Dapper;
using Explorer.Storage.Configuration;
using Explorer.Storage.Migrations;
using Explorer.Web.Services.Indexed;
using Explorer.Web.Tests.Indexed;
using indexer::Explorer.Indexer.Pipeline;
using indexer::Explorer.Indexer.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Explorer.Web.Tests.Store;

/// <summary>
/// sql/007_latest_colored.sql and the home page's latest colored transactions on the real engine: the (protocol, height)
/// copy of colored_transactions is backfilled, fed by its view (rollbacks included), and the growing-window probe gives
/// what a plain read of every visible colored_transactions row gives.
/// </summary>
[Trait("Category", "Integration")]
public sealed class LatestColoredTests
{
    private static ActivityQueries Activity(StoreDatabase store) =>
        new(new ClickHouseDataSource(store.Server.GetConnectionString(store.Name)));

    /// <summary>The reference: every visible colored_transactions row (FINAL), newest <paramref name="perProtocol"/> per
    /// protocol at or below the tip, in the order the home page lists them (newest first), with the ledger's verdicts.</summary>
    private static async Task<List<LatestColoredTx>> ExpectedAsync(StoreDatabase store, uint tip, int perProtocol, CancellationToken ct)
    {
        await using var connection = store.Connect();
        await connection.OpenAsync(ct);
        var all = await connection.QueryAsync<LatestColoredTx>(new CommandDefinition(
            """
            SELECT txid AS Txid, protocol AS Protocol, height AS Height, tx_index AS TxIndex, kind AS Kind, valid AS Valid
            FROM colored_transactions FINAL WHERE is_orphaned = 0
            """, cancellationToken: ct));
        // The Counterparty ledger's verdicts, as the list carries them.
        var statuses = (await connection.QueryAsync<(string Txid, string Status)>(new CommandDefinition(
            "SELECT txid AS Txid, any(status) AS Status FROM xcp_statuses GROUP BY txid", cancellationToken: ct)))
            .ToDictionary(r => r.Txid, r => r.Status, StringComparer.Ordinal);
        return [.. all.Where(t => t.Height <= tip)
            .GroupBy(t => t.Protocol, StringComparer.Ordinal)
            .SelectMany(g => g.OrderByDescending(t => t.Height).ThenByDescending(t => t.TxIndex).Take(perProtocol))
            .Select(t => t.Protocol == "counterparty" && statuses.TryGetValue(t.Txid, out var status) ? t with { LedgerStatus = status } : t)
            .OrderByDescending(t => t.Height).ThenByDescending(t => t.TxIndex).ThenBy(t => t.Protocol, StringComparer.Ordinal)];
    }

    private static async Task<List<string>> VisibleAsync(StoreDatabase store, string table, CancellationToken ct)
    {
        await using var connection = store.Connect();
        await connection.OpenAsync(ct);
        var rows = await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT toString(tuple(protocol, height, tx_index, txid, kind, valid)) FROM {table} FINAL WHERE is_orphaned = 0 ORDER BY 1",
            cancellationToken: ct));
        return [.. rows];
    }

    private static async Task<uint> TipAsync(StoreDatabase store, CancellationToken ct)
    {
        await using var connection = store.Connect();
        await connection.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<uint>(new CommandDefinition(
            "SELECT max(height) FROM blocks FINAL WHERE is_orphaned = 0", cancellationToken: ct));
    }

    [Fact]
    public async Task A_store_indexed_before_the_migration_is_backfilled_and_then_kept_in_step()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        var store = await StoreDatabase.CreateAsync(timeout.Token, migrate: false);
        var shipped = Path.Combine(AppContext.BaseDirectory, "sql");
        var older = Directory.CreateTempSubdirectory("sql-without-007-");
        try
        {
            // The migrations before 007 (later ones build on its table: sql/009 adds columns to it).
            var files = Directory.GetFiles(shipped, "*.sql");
            var later = files.Select(f => int.Parse(Path.GetFileName(f)[..3], System.Globalization.CultureInfo.InvariantCulture))
                .Where(v => v >= 7).Order().ToList();
            foreach (var file in files.Where(f => string.CompareOrdinal(Path.GetFileName(f), "007_") < 0))
                File.Copy(file, Path.Combine(older.FullName, Path.GetFileName(file)));
            Assert.Equal(files.Length - later.Count, older.GetFiles().Length);
            await Migrate(store, older.FullName, timeout.Token);
            await RegtestIndexing.IndexAsync(store, timeout.Token, maxHeight: 113);

            // Without sql/007 the web reads colored_transactions (UNKNOWN_TABLE fallback) and still answers.
            var legacy = await Activity(store).GetLatestColoredAsync(113, 5, timeout.Token);
            Assert.Equal(await ExpectedAsync(store, 113, 5, timeout.Token), legacy);
            Assert.NotEmpty(legacy);

            Assert.Equal(later, await Migrate(store, shipped, timeout.Token));
            var expected = await VisibleAsync(store, "colored_transactions", timeout.Token);
            Assert.NotEmpty(expected);
            Assert.Equal(expected, await VisibleAsync(store, "colored_transactions_by_height", timeout.Token));
            Assert.Equal(legacy, await Activity(store).GetLatestColoredAsync(113, 5, timeout.Token));

            // Blocks indexed after the migration reach the copy through the view.
            await RegtestIndexing.IndexAsync(store, timeout.Token);
            var afterwards = await VisibleAsync(store, "colored_transactions", timeout.Token);
            Assert.True(afterwards.Count > expected.Count, "blocks 114.. add colored transactions");
            Assert.Equal(afterwards, await VisibleAsync(store, "colored_transactions_by_height", timeout.Token));
            var tip = await TipAsync(store, timeout.Token);
            foreach (var perProtocol in new[] { 1, 5, 100 })
                Assert.Equal(await ExpectedAsync(store, tip, perProtocol, timeout.Token),
                    await Activity(store).GetLatestColoredAsync(tip, perProtocol, timeout.Token));
        }
        finally
        {
            older.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Rolled_back_transactions_leave_the_list_and_come_back_when_indexed_again()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        var store = await StoreDatabase.CreateAsync(timeout.Token);
        await RegtestIndexing.IndexAsync(store, timeout.Token);
        var tip = await TipAsync(store, timeout.Token);
        var before = await Activity(store).GetLatestColoredAsync(tip, 5, timeout.Token);
        Assert.Equal(await ExpectedAsync(store, tip, 5, timeout.Token), before);
        const uint fork = 110;
        Assert.Contains(before, t => t.Height > fork);

        // The indexer's own rollback: orphaned copies of every row above the fork (newer versions).
        using (var client = new ClickHouseClient(store.Server.GetConnectionString(store.Name)))
        {
            var writer = new ClickHouseStore(client);
            await writer.RollbackAsync((int)fork, new VersionClock(await writer.MaxVersionAsync(timeout.Token)), timeout.Token);
        }
        var rolledBack = await Activity(store).GetLatestColoredAsync(tip, 5, timeout.Token);
        Assert.DoesNotContain(rolledBack, t => t.Height > fork);
        Assert.Equal(await ExpectedAsync(store, tip, 5, timeout.Token), rolledBack);
        Assert.Equal(await VisibleAsync(store, "colored_transactions", timeout.Token),
            await VisibleAsync(store, "colored_transactions_by_height", timeout.Token));

        // Indexed again from the fork: the same transactions, newer versions.
        await RegtestIndexing.IndexAsync(store, timeout.Token);
        Assert.Equal(before, await Activity(store).GetLatestColoredAsync(tip, 5, timeout.Token));
    }

    [Fact]
    public async Task A_transaction_mined_again_at_another_height_is_listed_once_at_its_new_height()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var store = await StoreDatabase.CreateAsync(timeout.Token);
        var txid = new string('7', 64);
        await using var connection = store.Connect();
        await connection.OpenAsync(timeout.Token);
        // Mined at 500, orphaned by a reorg (the rollback's copy: same key, newer version), mined again at 503.
        foreach (var (height, orphaned, version) in new[] { (500u, (byte)0, 1UL), (500u, (byte)1, 2UL), (503u, (byte)0, 3UL) })
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO colored_transactions (txid, protocol, height, block_hash, tx_index, kind, valid, error, raw_hex, answer_json, is_orphaned, version)
                VALUES (@txid, 'colu', @height, 'h', 1, 'transfer', 1, '', '', 'null', @orphaned, @version)
                """, new { txid, height, orphaned, version }, cancellationToken: timeout.Token));

        var only = Assert.Single(await Activity(store).GetLatestColoredAsync(600, 5, timeout.Token));
        Assert.Equal((txid, 503u), (only.Txid, only.Height));
        Assert.Empty(await Activity(store).GetLatestColoredAsync(502, 5, timeout.Token));
    }

    [Fact]
    public async Task Protocols_quiet_for_many_blocks_still_show_their_newest_transactions()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var store = await StoreDatabase.CreateAsync(timeout.Token);
        await using (var connection = store.Connect())
        {
            await connection.OpenAsync(timeout.Token);
            // Open Assets: 6 transactions at heights 3..13, none since; Colu: one every 997 blocks up to 249250;
            // Counterparty: only 3 transactions, one of them above the tip used below.
            foreach (var (protocol, count, step, offset) in new[] { ("openassets", 6, 2, 3), ("colu", 251, 997, 0), ("counterparty", 3, 25_005, 200_000) })
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO colored_transactions (txid, protocol, height, block_hash, tx_index, kind, valid, error, raw_hex, answer_json, version)
                    SELECT leftPad(concat(@protocol, toString(number)), 64, '0'), @protocol, toUInt32(@offset + number * @step), 'h',
                           toUInt32(number % 3), 'transfer', toUInt8(number % 2), '', '', 'null', 1
                    FROM numbers(@count)
                    """, new { protocol, count, step, offset }, cancellationToken: timeout.Token));
        }

        const uint tip = 250_000;
        foreach (var perProtocol in new[] { 1, 5, 7 })
        {
            var latest = await Activity(store).GetLatestColoredAsync(tip, perProtocol, timeout.Token);
            Assert.Equal(await ExpectedAsync(store, tip, perProtocol, timeout.Token), latest);
            Assert.Equal(Math.Min(perProtocol, 6), latest.Count(t => t.Protocol == "openassets"));
            Assert.Equal(Math.Min(perProtocol, 2), latest.Count(t => t.Protocol == "counterparty"));
        }
        var five = await Activity(store).GetLatestColoredAsync(tip, 5, timeout.Token);
        Assert.Equal([13u, 11u, 9u, 7u, 5u], five.Where(t => t.Protocol == "openassets").Select(t => t.Height));
        Assert.Equal([225_005u, 200_000u], five.Where(t => t.Protocol == "counterparty").Select(t => t.Height));
    }

    private static Task<IReadOnlyList<int>> Migrate(StoreDatabase store, string folder, CancellationToken ct) =>
        new MigrationRunner(Options.Create(new ClickHouseOptions
        {
            ConnectionString = store.Server.ConnectionString, Database = store.Name, MigrationsPath = folder,
        }), NullLogger<MigrationRunner>.Instance).ApplyAsync(ct);
}
