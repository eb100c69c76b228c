using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Explorer.Web.Tests.RateLimit;

/// <summary>
/// The web app in-process with the given <c>Web:RateLimit</c> settings (store on a closed port: the API answers
/// without data). The test server has no remote address, so a request names its client in the
/// <see cref="ClientHeader"/> header, which a startup filter copies to <c>Connection.RemoteIpAddress</c> ahead of
/// the app's pipeline (the limiter partitions on that address).
/// </summary>
public sealed class RateLimitWebFactory(IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<Program>
{
    public const string ClientHeader = "X-Test-Client-Ip";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ClickHouse:ConnectionString", $"Host=127.0.0.1;Port={ClosedPort()};Username=default;Password=");
        builder.UseSetting("ClickHouse:ApplyMigrations", "false");
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, ClientAddressFilter>());
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private sealed class ClientAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[ClientHeader].ToString(), out var address))
                    context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
