namespace Explorer.Indexer.Cli;

/// <summary>Turns <c>--clickhouse</c> into a ClickHouse.Driver connection string: an http(s) URL
/// (<c>http://user:pass@host:8123</c>) or a connection string as is.</summary>
public static class ClickHouseAddress
{
    public static bool TryToConnectionString(string value, out string connectionString)
    {
        ArgumentNullException.ThrowIfNull(value);
        connectionString = string.Empty;
        if (value.Contains('=', StringComparison.Ordinal))
        {
            connectionString = value;
            return true;
        }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) return false;
        var user = "default";
        var password = string.Empty;
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            user = Uri.UnescapeDataString(parts[0]);
            password = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : string.Empty;
        }
        connectionString = $"Host={uri.Host};Port={uri.Port};Protocol={uri.Scheme};Username={user};Password={password}";
        return true;
    }
}
