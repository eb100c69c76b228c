using System.Net;
using System.Net.Sockets;

namespace Explorer.Indexer.Tests.OpenAssets;

/// <summary>A tiny HTTP server on 127.0.0.1 (HttpListener, a free port) whose routes are set by each test.</summary>
public sealed class LocalHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, Func<HttpListenerContext, CancellationToken, Task>> _routes = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _requests;

    public LocalHttpServer()
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public int Requests => Volatile.Read(ref _requests);

    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    public void Map(string path, Func<HttpListenerContext, CancellationToken, Task> handler)
    {
        lock (_routes) _routes[path] = handler;
    }

    public void MapBytes(string path, byte[] body, string contentType = "application/json") =>
        Map(path, async (ctx, ct) =>
        {
            ctx.Response.ContentType = contentType;
            ctx.Response.ContentLength64 = body.Length;
            await ctx.Response.OutputStream.WriteAsync(body, ct);
            ctx.Response.Close();
        });

    public void MapRedirect(string path, string location, int status = 302) =>
        Map(path, (ctx, _) =>
        {
            ctx.Response.StatusCode = status;
            ctx.Response.RedirectLocation = location;
            ctx.Response.Close();
            return Task.CompletedTask;
        });

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext ctx;
            try { ctx = await _listener.GetContextAsync(); }
            catch (Exception) when (_stop.IsCancellationRequested) { return; }
            catch (HttpListenerException) { return; }
            catch (ObjectDisposedException) { return; }
            Interlocked.Increment(ref _requests);
            _ = Task.Run(() => HandleAsync(ctx));
        }
    }

    private async Task HandleAsync(HttpListenerContext ctx)
    {
        Func<HttpListenerContext, CancellationToken, Task>? handler;
        lock (_routes) _routes.TryGetValue(ctx.Request.Url!.AbsolutePath, out handler);
        try
        {
            if (handler is null) { ctx.Response.StatusCode = 404; ctx.Response.Close(); return; }
            await handler(ctx, _stop.Token);
        }
        catch (Exception) when (_stop.IsCancellationRequested) { }
        catch (HttpListenerException) { } // the client went away (size cap, timeout)
        catch (IOException) { }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Close();
        try { await _loop; } catch (ObjectDisposedException) { }
        _stop.Dispose();
    }
}
