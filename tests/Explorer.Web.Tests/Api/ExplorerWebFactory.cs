using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Explorer.Web.Tests.Api;

/// <summary>
/// The web app in-process, its store pointed at a loopback port that nothing listens on, so every store query
/// fails with "connection refused" (the web must still start and answer).
/// </summary>
public sealed class ExplorerWebFactory : WebApplicationFactory<Program>
{
    public int ClosedPort { get; } = FindClosedPort();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ClickHouse:ConnectionString", $"Host=127.0.0.1;Port={ClosedPort};Username=default;Password=");
        builder.UseSetting("ClickHouse:ApplyMigrations", "false");
        builder.UseSetting("Web:MaxDecodeBodyBytes", "65536");
    }

    /// <summary>A port the OS just handed out and took back: nothing listens there.</summary>
    private static int FindClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
