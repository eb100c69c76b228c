using System.Runtime.CompilerServices;
using ClickHouse.Driver;
using ClickHouse.Driver.ADO;
using Explorer.ClickHouse.Embedded;

namespace Explorer.ClickHouse.Embedded.Tests;

/// <summary>
/// A fresh database on the process's shared embedded server (chDB allows one engine per process), named after the
/// calling test plus a random suffix, so tests running in parallel never share tables.
/// </summary>
public sealed class TestDatabase
{
    private TestDatabase(EmbeddedClickHouseServer server, string name)
    {
        Server = server;
        Name = name;
    }

    public EmbeddedClickHouseServer Server { get; }

    public string Name { get; }

    public string ConnectionString => Server.GetConnectionString(Name);

    public static async Task<TestDatabase> CreateAsync([CallerMemberName] string test = "")
    {
        var server = await SharedEmbeddedClickHouse.GetAsync();
        var prefix = new string(test.Where(char.IsAsciiLetterOrDigit).Take(40).ToArray()).ToLowerInvariant();
        return new TestDatabase(server, await server.CreateDatabaseAsync(prefix));
    }

    public ClickHouseClient CreateClient() => new(ConnectionString);

    public ClickHouseConnection CreateConnection() => new(ConnectionString);

    /// <summary>An HttpClient aimed at the server, for the tests that speak the HTTP interface directly.</summary>
    public HttpClient CreateHttpClient() => new(new HttpClientHandler { AutomaticDecompression = System.Net.DecompressionMethods.None })
    {
        BaseAddress = Server.Uri,
    };
}
