using ClickHouse.Driver.ADO;

namespace Explorer.Storage;

/// <summary>Helpers over ClickHouse.Driver connection strings.</summary>
public static class ConnectionStrings
{
    /// <summary>The same server and credentials, another database.</summary>
    public static string ForDatabase(string connectionString, string database)
    {
        var builder = new ClickHouseConnectionStringBuilder(connectionString) { Database = database };
        return builder.ToString();
    }
}
