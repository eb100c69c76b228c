using System.ComponentModel.DataAnnotations;

namespace Explorer.Storage.Configuration;

/// <summary>
/// Where the store lives. Section <c>ClickHouse</c>; environment variables <c>ClickHouse__ConnectionString</c>,
/// <c>ClickHouse__Database</c>. The connection string is ClickHouse.Driver's
/// (<c>Host=127.0.0.1;Port=8123;Username=default;Password=</c>); <see cref="Database"/> wins over its Database key.
/// </summary>
public sealed class ClickHouseOptions
{
    public const string Section = "ClickHouse";

    [Required]
    public string ConnectionString { get; set; } = "Host=127.0.0.1;Port=8123;Username=default;Password=";

    /// <summary>The database holding the explorer's tables; created by the migration runner when missing.</summary>
    [Required, RegularExpression("^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
    public string Database { get; set; } = "explorer";

    /// <summary>Folder with the numbered <c>NNN_name.sql</c> migrations; default: <c>sql/</c> next to the binaries.</summary>
    public string? MigrationsPath { get; set; }

    /// <summary>Apply migrations at start-up (the indexer does; the web app only reads).</summary>
    public bool ApplyMigrations { get; set; } = true;
}
