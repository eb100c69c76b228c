using ClickHouse.Driver.ADO;
using Dapper;
using Explorer.Storage.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Explorer.Storage.Migrations;

/// <summary>
/// Applies <c>sql/NNN_name.sql</c> in order, once each, recording every applied file with its checksum in
/// <c>schema_migrations</c>. An applied file whose text changed since is refused: migrations are never edited
/// after merge; a change is a new file. (NBXplorer DBScripts + DatabaseSetupHostedService, in ClickHouse.)
/// </summary>
public sealed partial class MigrationRunner(IOptions<ClickHouseOptions> options, ILogger<MigrationRunner> logger)
{
    private const string CreateJournal = """
        CREATE TABLE IF NOT EXISTS schema_migrations
        (
            version UInt32,
            name String,
            checksum String,
            applied_at DateTime64(3, 'UTC') DEFAULT now64(3)
        )
        ENGINE = MergeTree ORDER BY version
        """;

    public string MigrationsPath => options.Value.MigrationsPath is { Length: > 0 } p
        ? p
        : Path.Combine(AppContext.BaseDirectory, "sql");

    /// <summary>Creates the database if needed and applies what is not applied yet. Returns the versions applied now.</summary>
    public async Task<IReadOnlyList<int>> ApplyAsync(CancellationToken ct)
    {
        var migrations = Migration.LoadFolder(MigrationsPath);
        var database = options.Value.Database;

        await using (var server = new ClickHouseConnection(ConnectionStrings.ForDatabase(options.Value.ConnectionString, "default")))
        {
            await server.OpenAsync(ct);
            // The name is validated by ClickHouseOptions ([A-Za-z_][A-Za-z0-9_]*); identifiers cannot be parameters.
            await server.ExecuteAsync(new CommandDefinition($"CREATE DATABASE IF NOT EXISTS `{database}`", cancellationToken: ct));
        }

        await using var connection = new ClickHouseConnection(ConnectionStrings.ForDatabase(options.Value.ConnectionString, database));
        await connection.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(CreateJournal, cancellationToken: ct));

        var applied = (await connection.QueryAsync<AppliedRow>(new CommandDefinition(
                "SELECT version AS Version, name AS Name, checksum AS Checksum FROM schema_migrations", cancellationToken: ct)))
            .GroupBy(r => r.Version)
            .ToDictionary(g => (int)g.Key, g => g.First());

        foreach (var version in applied.Keys.Where(v => migrations.All(m => m.Version != v)))
            LogUnknownApplied(logger, version);

        var appliedNow = new List<int>();
        foreach (var migration in migrations)
        {
            if (applied.TryGetValue(migration.Version, out var row))
            {
                if (!string.Equals(row.Checksum, migration.Checksum, StringComparison.Ordinal))
                    throw new MigrationException(
                        $"migration {migration.Version:D3}_{migration.Name}.sql was edited after it was applied " +
                        $"(checksum {migration.Checksum[..12]}…, applied as {row.Checksum[..Math.Min(12, row.Checksum.Length)]}…). " +
                        "Applied migrations are never edited: restore the file and add a new numbered migration.");
                continue;
            }

            var statements = SqlScript.Split(migration.Sql);
            LogApplying(logger, migration.Version, migration.Name, statements.Count);
            foreach (var statement in statements)
            {
                try
                {
                    await connection.ExecuteAsync(new CommandDefinition(statement, cancellationToken: ct));
                }
                catch (global::ClickHouse.Driver.ClickHouseServerException ex)
                {
                    throw new MigrationException($"migration {migration.Version:D3}_{migration.Name}.sql failed: {ex.Message}", ex);
                }
            }
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_migrations (version, name, checksum) VALUES (@version, @name, @checksum)",
                new { version = (uint)migration.Version, name = migration.Name, checksum = migration.Checksum },
                cancellationToken: ct));
            appliedNow.Add(migration.Version);
        }
        LogDone(logger, appliedNow.Count, migrations.Count);
        return appliedNow;
    }

    private sealed record AppliedRow(uint Version, string Name, string Checksum);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Applying migration {Version:D3}_{Name} ({Statements} statements)")]
    private static partial void LogApplying(ILogger logger, int version, string name, int statements);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Migrations: {Applied} applied now, {Total} known")]
    private static partial void LogDone(ILogger logger, int applied, int total);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Database has migration {Version} that no file describes (newer build?)")]
    private static partial void LogUnknownApplied(ILogger logger, int version);
}
