using ClickHouse.Driver.ADO;
using Dapper;
using Explorer.ClickHouse.Embedded;
using Explorer.Storage.Configuration;
using Explorer.Storage.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Explorer.Storage.Tests.Migrations;

/// <summary>The migration runner against a real ClickHouse engine (the embedded host over chDB).</summary>
[Trait("Category", "Integration")]
public sealed class MigrationRunnerTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "explorer-migrations-" + Guid.NewGuid().ToString("N"));

    public MigrationRunnerTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string UniqueDatabase() => "mig_" + Guid.NewGuid().ToString("N")[..12];

    private async Task<(MigrationRunner Runner, string ConnectionString)> RunnerAsync(string database)
    {
        var server = await SharedEmbeddedClickHouse.GetAsync();
        var options = Options.Create(new ClickHouseOptions
        {
            ConnectionString = server.ConnectionString,
            Database = database,
            MigrationsPath = _folder,
        });
        return (new MigrationRunner(options, NullLogger<MigrationRunner>.Instance), server.GetConnectionString(database));
    }

    private void Write(string file, string sql) => File.WriteAllText(Path.Combine(_folder, file), sql);

    [Fact(Timeout = 120_000)]
    public async Task Applies_in_order_then_skips_what_was_applied()
    {
        Write("001_first.sql", "CREATE TABLE IF NOT EXISTS t1 (x UInt8) ENGINE = MergeTree ORDER BY x;");
        // 002 depends on 001: order matters.
        Write("002_second.sql", "INSERT INTO t1 VALUES (7); CREATE TABLE IF NOT EXISTS t2 AS t1;");
        var database = UniqueDatabase();
        var (runner, cs) = await RunnerAsync(database);

        Assert.Equal([1, 2], await runner.ApplyAsync(CancellationToken.None));
        Assert.Empty(await runner.ApplyAsync(CancellationToken.None));

        await using var connection = new ClickHouseConnection(cs);
        Assert.Equal(7, await connection.ExecuteScalarAsync<int>("SELECT sum(x) FROM t1"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT count() FROM t2"));
        var journal = (await connection.QueryAsync<(uint Version, string Name, string Checksum)>(
            "SELECT version, name, checksum FROM schema_migrations ORDER BY version")).ToList();
        Assert.Equal([(1u, "first"), (2u, "second")], journal.Select(j => (j.Version, j.Name)));
        Assert.All(journal, j => Assert.Equal(64, j.Checksum.Length));

        // A new file is applied on the next start, and only it (the insert of 002 does not run twice).
        Write("003_third.sql", "INSERT INTO t2 VALUES (1);");
        Assert.Equal([3], await runner.ApplyAsync(CancellationToken.None));
        Assert.Equal(7, await connection.ExecuteScalarAsync<int>("SELECT sum(x) FROM t1"));
    }

    [Fact(Timeout = 120_000)]
    public async Task An_applied_file_that_was_edited_is_refused()
    {
        Write("001_first.sql", "CREATE TABLE IF NOT EXISTS t1 (x UInt8) ENGINE = MergeTree ORDER BY x;");
        var (runner, _) = await RunnerAsync(UniqueDatabase());
        await runner.ApplyAsync(CancellationToken.None);

        Write("001_first.sql", "CREATE TABLE IF NOT EXISTS t1 (x UInt16) ENGINE = MergeTree ORDER BY x;");
        var ex = await Assert.ThrowsAsync<MigrationException>(() => runner.ApplyAsync(CancellationToken.None));
        Assert.Contains("001_first.sql was edited after it was applied", ex.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_failing_migration_is_reported_and_not_recorded()
    {
        Write("001_bad.sql", "CREATE TABLE IF NOT EXISTS t1 (x NoSuchType) ENGINE = Memory;");
        var database = UniqueDatabase();
        var (runner, cs) = await RunnerAsync(database);
        var ex = await Assert.ThrowsAsync<MigrationException>(() => runner.ApplyAsync(CancellationToken.None));
        Assert.Contains("001_bad.sql failed", ex.Message, StringComparison.Ordinal);
        Assert.IsType<global::ClickHouse.Driver.ClickHouseServerException>(ex.InnerException);

        await using var connection = new ClickHouseConnection(cs);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT count() FROM schema_migrations"));

        // Fixed, it applies.
        Write("001_bad.sql", "CREATE TABLE IF NOT EXISTS t1 (x UInt8) ENGINE = Memory;");
        Assert.Equal([1], await runner.ApplyAsync(CancellationToken.None));
    }

    [Fact(Timeout = 120_000)]
    public async Task Shipped_migrations_apply_cleanly_twice()
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "sql"), "*.sql"))
            File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        var (runner, cs) = await RunnerAsync(UniqueDatabase());
        var applied = await runner.ApplyAsync(CancellationToken.None);
        Assert.Equal(Directory.GetFiles(_folder, "*.sql").Length, applied.Count);
        Assert.Empty(await runner.ApplyAsync(CancellationToken.None));
        await using var connection = new ClickHouseConnection(cs);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT count() FROM blocks"));
    }

    [Fact(Timeout = 120_000)]
    public async Task Every_shipped_migration_runs_again_after_it_was_applied()
    {
        // The runner records a file only when all its statements ran: after a failure it runs the whole file again, so
        // each statement must be safe to repeat (IF [NOT] EXISTS, backfills of rows with the versions they already have).
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "sql"), "*.sql").Order(StringComparer.Ordinal).ToList();
        foreach (var file in files)
            File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        var (runner, cs) = await RunnerAsync(UniqueDatabase());
        await runner.ApplyAsync(CancellationToken.None);
        await using var connection = new ClickHouseConnection(cs);
        await connection.OpenAsync();
        var tables = await connection.QueryAsync<string>("SELECT name FROM system.tables WHERE database = currentDatabase() ORDER BY name");
        foreach (var file in files)
            foreach (var statement in SqlScript.Split(await File.ReadAllTextAsync(file)))
                await connection.ExecuteAsync(statement);
        Assert.Equal(tables, await connection.QueryAsync<string>("SELECT name FROM system.tables WHERE database = currentDatabase() ORDER BY name"));
    }
}
