using System.Globalization;
using System.Net;
using Explorer.ClickHouse.Embedded.Engine;
using Explorer.ClickHouse.Embedded.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Explorer.ClickHouse.Embedded;

/// <summary>
/// ClickHouse's HTTP interface on 127.0.0.1, served by chDB (ClickHouse as a library) in this process, so that
/// ClickHouse.Driver and Dapper work against it unchanged. chDB runs one engine per process: only one server may be
/// running at a time (a second <see cref="StartAsync(EmbeddedClickHouseOptions, CancellationToken)"/> throws until the
/// first is disposed); tests share one through <see cref="SharedEmbeddedClickHouse"/>.
/// </summary>
public sealed class EmbeddedClickHouseServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ChdbSession session;
    private int disposed;

    private EmbeddedClickHouseServer(WebApplication app, ChdbSession session, int port)
    {
        this.app = app;
        this.session = session;
        Port = port;
        Uri = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
    }

    /// <summary>The bound port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary><c>http://127.0.0.1:{Port}/</c>.</summary>
    public Uri Uri { get; }

    /// <summary>The data folder (absolute).</summary>
    public string DataPath => session.DataPath;

    /// <summary>The engine's version, e.g. <c>26.7.2.1</c>.</summary>
    public string Version => session.Version;

    /// <summary>A ClickHouse.Driver connection string for the <c>default</c> database.</summary>
    public string ConnectionString => GetConnectionString("default");

    /// <summary>Starts a server on <paramref name="dataPath"/> and <paramref name="port"/> (0 = any free port).</summary>
    public static Task<EmbeddedClickHouseServer> StartAsync(string dataPath, int port = 0, CancellationToken cancellationToken = default)
        => StartAsync(new EmbeddedClickHouseOptions { DataPath = dataPath, Port = port }, cancellationToken);

    /// <summary>Boots chDB on the data folder, then listens on 127.0.0.1.</summary>
    /// <exception cref="FileNotFoundException">libchdb.so is missing (the message names scripts/setup-chdb.sh).</exception>
    /// <exception cref="InvalidOperationException">Another server is already running in this process.</exception>
    public static async Task<EmbeddedClickHouseServer> StartAsync(EmbeddedClickHouseOptions options, CancellationToken cancellationToken = default)
    {
        var session = await Task.Run(() => ChdbSession.Open(options.DataPath), cancellationToken);
        try
        {
            // An empty host: no configuration files. The slim builder read appsettings.json from the working directory
            // with reloadOnChange, which put a recursive inotify watch on that directory: from the repository's root,
            // every bin/obj, node_modules and ClickHouse data folder, and an event for every part the engine then wrote
            // (a tenth of an end-to-end bench pass's samples, in the kernel and PhysicalFilesWatcher).
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
            builder.WebHost.UseKestrelCore();
            options.ConfigureLogging?.Invoke(builder.Logging);
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.Listen(IPAddress.Loopback, options.Port);
                kestrel.AddServerHeader = false;
                // INSERT bodies are streamed into chDB, so their size is not limited here.
                kestrel.Limits.MaxRequestBodySize = null;
                kestrel.Limits.MinRequestBodyDataRate = null;
            });
            builder.Services.AddSingleton(session);
            builder.Services.AddSingleton<ClickHouseHttpHandler>();
            var app = builder.Build();
            var handler = app.Services.GetRequiredService<ClickHouseHttpHandler>();
            app.Run(handler.HandleAsync);
            await app.StartAsync(cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new EmbeddedClickHouseServer(app, session, new Uri(address).Port);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>A ClickHouse.Driver connection string for <paramref name="database"/>.</summary>
    public string GetConnectionString(string database)
        => string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Protocol=http;Username=default;Password=;Database={database}");

    /// <summary>Creates a database with a fresh name (<paramref name="prefix"/> + random suffix) and returns the name;
    /// tests use one per test so that they never share tables.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test", CancellationToken cancellationToken = default)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{prefix}_{Guid.NewGuid():N}");
        using var lease = await session.AcquireAsync(cancellationToken);
        using var result = lease.Query(System.Text.Encoding.UTF8.GetBytes("CREATE DATABASE " + ChdbSession.QuoteIdentifier(name)), "TabSeparated", []);
        return result.Error is { } error ? throw new ChdbException(error) : name;
    }

    /// <summary>Stops every chDB thread before the process exits (chdb_shutdown). Call once, after disposing the
    /// server, from a host that owns the process; chDB cannot be started again in this process afterwards.</summary>
    public static bool ShutdownEngine() => ChdbConnection.ShutdownEngine();

    /// <summary>Stops listening, waits for running statements, and closes chDB (its data is flushed to the folder).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        finally
        {
            session.Dispose();
        }
    }
}
