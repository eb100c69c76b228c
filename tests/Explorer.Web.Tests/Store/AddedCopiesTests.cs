using Dapper;
using Explorer.Storage.Configuration;
using Explorer.Storage.Migrations;
using Explorer.Web.Tests.Indexed;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Explorer.Web.Tests.Store;

/// <summary>
/// The copies the explorer reads as key ranges, on a store indexed before their migrations: sql/009 (block_hash and error
/// in colored_transactions_by_height), sql/010 (colored_outputs_by_address) and sql/011 (counterparty_messages_by_address,
/// xcp_ledger_by_address). The web answers before the migration
/// (from the old tables), the migration backfills exactly the visible rows, the views keep the copies in step afterwards,
/// and running a migration's statements a second time (the runner's retry after a failed statement) changes nothing.
/// </summary>
[Trait("Category", "Integration")]
public sealed class AddedCopiesTests
{
    private const string ByHeightTuple = "protocol, height, tx_index, txid, kind, valid, block_hash, error";

    private static async Task<List<string>> VisibleAsync(StoreDatabase store, string table, string columns, CancellationToken ct)
    {
        await using var connection = store.Connect();
        await connection.OpenAsync(ct);
        return [.. await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT toString(tuple({columns})) FROM {table} FINAL WHERE is_orphaned = 0 ORDER BY 1", cancellationToken: ct))];
    }

    private static async Task<List<(uint Height, string Hash)>> BlocksAsync(StoreDatabase store, CancellationToken ct)
    {
        await using var connection = store.Connect();
        await connection.OpenAsync(ct);
        return [.. await connection.QueryAsync<(uint, string)>(new CommandDefinition(
            "SELECT height, hash FROM blocks FINAL WHERE is_orphaned = 0 ORDER BY height", cancellationToken: ct))];
    }

    [Fact]
    public async Task Block_transactions_are_backfilled_with_block_hash_and_error_and_kept_in_step()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        var ct = timeout.Token;
        var store = await StoreDatabase.CreateAsync(ct, migrate: false);
        await MigrateBeforeAsync(store, "009_", ct);
        await RegtestIndexing.IndexAsync(store, ct, maxHeight: 113);

        // Without sql/009 the block page reads colored_transactions (the fallback) and still answers.
        var blocks = await BlocksAsync(store, ct);
        var listed = 0;
        foreach (var (height, hash) in blocks)
            listed += await NewestRowsTests.AssertBlockAsFinalAsync(store, height, hash, ct);
        Assert.True(listed > 0, "blocks up to 113 hold colored transactions");

        Assert.Contains(9, await Migrate(store, Shipped, ct));
        var expected = await VisibleAsync(store, "colored_transactions", ByHeightTuple, ct);
        Assert.Equal(expected, await VisibleAsync(store, "colored_transactions_by_height", ByHeightTuple, ct));
        await using (var connection = store.Connect())
        {
            await connection.OpenAsync(ct);
            Assert.Equal(0UL, await connection.ExecuteScalarAsync<ulong>(new CommandDefinition(
                "SELECT countIf(block_hash = '') FROM colored_transactions_by_height", cancellationToken: ct)));
        }
        foreach (var (height, hash) in blocks)
            await NewestRowsTests.AssertBlockAsFinalAsync(store, height, hash, ct);

        // 009 run again (the runner re-runs a file whose statement failed): the same visible rows.
        await RunAgainAsync(store, Path.Combine(Shipped, "009_block_transactions.sql"), ct);
        Assert.Equal(expected, await VisibleAsync(store, "colored_transactions_by_height", ByHeightTuple, ct));

        // Blocks indexed after the migration reach the copy through the recreated view, with both columns.
        await RegtestIndexing.IndexAsync(store, ct);
        var later = await VisibleAsync(store, "colored_transactions", ByHeightTuple, ct);
        Assert.True(later.Count > expected.Count, "blocks 114.. add colored transactions");
        Assert.Equal(later, await VisibleAsync(store, "colored_transactions_by_height", ByHeightTuple, ct));
        foreach (var (height, hash) in await BlocksAsync(store, ct))
            await NewestRowsTests.AssertBlockAsFinalAsync(store, height, hash, ct);
    }

    [Fact]
    public async Task Address_copies_are_backfilled_and_kept_in_step()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(240));
        var ct = timeout.Token;
        var store = await StoreDatabase.CreateAsync(ct, migrate: false);
        await MigrateBeforeAsync(store, "010_", ct);
        await RegtestIndexing.IndexAsync(store, ct, maxHeight: 113);

        // Without the copies the address page reads the source tables (the fallback) and still answers.
        var addresses = await AddressesAsync(store, ct);
        Assert.NotEmpty(addresses);
        foreach (var address in addresses)
            await NewestRowsTests.AssertAddressAsFinalAsync(store, address, ct);

        var applied = await Migrate(store, Shipped, ct);
        Assert.Contains(10, applied);
        Assert.Contains(11, applied);
        await AssertCopiesAsync(store, ct);
        foreach (var address in addresses)
            await NewestRowsTests.AssertAddressAsFinalAsync(store, address, ct);

        foreach (var file in new[] { "010_colored_outputs_by_address.sql", "011_counterparty_by_address.sql" })
            await RunAgainAsync(store, Path.Combine(Shipped, file), ct);
        await AssertCopiesAsync(store, ct);

        await RegtestIndexing.IndexAsync(store, ct);
        await AssertCopiesAsync(store, ct);
        foreach (var address in await AddressesAsync(store, ct))
            await NewestRowsTests.AssertAddressAsFinalAsync(store, address, ct);
    }

    private static async Task AssertCopiesAsync(StoreDatabase store, CancellationToken ct)
    {
        const string Outputs = "address, protocol, asset_id, txid, n, idx, quantity, value, height, spent_txid, spent_input, spent_height, divisibility";
        Assert.Equal(await VisibleAsync(store, "colored_outputs", Outputs, ct), await VisibleAsync(store, "colored_outputs_by_address", Outputs, ct));
        const string Ledger = "address, height, txid, seq, tx_index, kind, asset, quantity, action";
        var ledger = (await VisibleAsync(store, "xcp_ledger", Ledger, ct)).Where(r => !r.StartsWith("('',", StringComparison.Ordinal)).ToList();
        Assert.Equal(ledger, await VisibleAsync(store, "xcp_ledger_by_address", Ledger, ct));
        const string Messages = "txid, height, tx_index, message_type, source, destination, asset, quantity, valid";
        var messages = await VisibleAsync(store, "counterparty_messages", Messages, ct);
        var copied = await VisibleAsync(store, "counterparty_messages_by_address", Messages, ct);
        Assert.Equal(messages, copied.Distinct().Order(StringComparer.Ordinal));
    }

    private static async Task<List<string>> AddressesAsync(StoreDatabase store, CancellationToken ct)
    {
        await using var connection = store.Connect();
        await connection.OpenAsync(ct);
        return [.. await connection.QueryAsync<string>(new CommandDefinition(
            """
            SELECT DISTINCT a FROM (
                SELECT address AS a FROM colored_outputs UNION ALL SELECT address FROM xcp_ledger
                UNION ALL SELECT source FROM counterparty_messages UNION ALL SELECT destination FROM counterparty_messages)
            WHERE a != '' ORDER BY a
            """, cancellationToken: ct))];
    }

    /// <summary>Runs every statement of a migration file again, as the runner does after a failure.</summary>
    private static async Task RunAgainAsync(StoreDatabase store, string file, CancellationToken ct)
    {
        await using var connection = store.Connect();
        await connection.OpenAsync(ct);
        foreach (var statement in SqlScript.Split(await File.ReadAllTextAsync(file, ct)))
            await connection.ExecuteAsync(new CommandDefinition(statement, cancellationToken: ct));
    }

    private static readonly string Shipped = Path.Combine(AppContext.BaseDirectory, "sql");

    /// <summary>Applies the shipped migrations that sort before <paramref name="prefix"/> (a store the indexer migrated
    /// before that file existed), from a folder of copies removed afterwards.</summary>
    private static async Task MigrateBeforeAsync(StoreDatabase store, string prefix, CancellationToken ct)
    {
        var older = Directory.CreateTempSubdirectory("sql-before-" + prefix);
        try
        {
            foreach (var file in Directory.GetFiles(Shipped, "*.sql").Where(f => string.CompareOrdinal(Path.GetFileName(f), prefix) < 0))
                File.Copy(file, Path.Combine(older.FullName, Path.GetFileName(file)));
            await Migrate(store, older.FullName, ct);
        }
        finally
        {
            older.Delete(recursive: true);
        }
    }

    private static Task<IReadOnlyList<int>> Migrate(StoreDatabase store, string folder, CancellationToken ct) =>
        new MigrationRunner(Options.Create(new ClickHouseOptions
        {
            ConnectionString = store.Server.ConnectionString, Database = store.Name, MigrationsPath = folder,
        }), NullLogger<MigrationRunner>.Instance).ApplyAsync(ct);
}
