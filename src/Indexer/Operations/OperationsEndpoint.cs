using System.Net;
using System.Text.Json;
using Explorer.Indexer.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Explorer.Indexer.Operations;

/// <summary>
/// <c>GET /health</c> (200 or 503 with a <see cref="HealthReport"/> as JSON) and <c>GET /metrics</c> (Prometheus text
/// format, <see cref="IndexerMetrics.Registry"/>) on <c>http://127.0.0.1:</c><see cref="IndexerOptions.MetricsPort"/>:
/// loopback only, off when the port is 0. A port that cannot be bound stops the host with a logged reason (an operator
/// who asked for monitoring does not get an indexer running unseen).
/// </summary>
public sealed partial class OperationsEndpoint(
    IndexerMetrics metrics,
    IOptions<IndexerOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<OperationsEndpoint> logger) : BackgroundService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private HttpListener? _listener;

    /// <summary>Binds the port before the host reports itself started (since .NET 10 a BackgroundService's
    /// ExecuteAsync runs wholly in the background, so binding there would race the first request).</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var port = options.Value.MetricsPort;
        if (port != 0)
        {
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                _listener = listener;
                LogListening(logger, port);
            }
            catch (HttpListenerException ex)
            {
                listener.Close();
                LogCannotListen(logger, port, ex.Message);
                lifetime.StopApplication();
            }
        }
        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _listener?.Close();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_listener is not { } listener) return;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var context = await listener.GetContextAsync().WaitAsync(stoppingToken);
                try
                {
                    await AnswerAsync(context, stoppingToken);
                }
                catch (Exception ex) when (ex is HttpListenerException or IOException)
                {
                    // The client went away mid-answer: nothing to tell it.
                    LogAnswerFailed(logger, ex.Message);
                }
                finally
                {
                    context.Response.Close();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            listener.Stop();
        }
    }

    private async Task AnswerAsync(HttpListenerContext context, CancellationToken ct)
    {
        var request = context.Request;
        var response = context.Response;
        if (request.HttpMethod is not ("GET" or "HEAD"))
        {
            response.StatusCode = (int)HttpStatusCode.MethodNotAllowed;
            response.AddHeader("Allow", "GET, HEAD");
            return;
        }
        switch (request.Url?.AbsolutePath)
        {
            case "/metrics":
                response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
                using (var buffer = new MemoryStream())
                {
                    await metrics.Registry.CollectAndExportAsTextAsync(buffer, ct);
                    await WriteAsync(response, request, buffer.ToArray(), ct);
                }
                break;
            case "/health":
                var health = metrics.Health();
                response.StatusCode = health.Healthy ? (int)HttpStatusCode.OK : (int)HttpStatusCode.ServiceUnavailable;
                response.ContentType = "application/json; charset=utf-8";
                response.AddHeader("Cache-Control", "no-store");
                await WriteAsync(response, request, JsonSerializer.SerializeToUtf8Bytes(health, Json), ct);
                break;
            default:
                response.StatusCode = (int)HttpStatusCode.NotFound;
                break;
        }
    }

    private static async Task WriteAsync(HttpListenerResponse response, HttpListenerRequest request, byte[] body, CancellationToken ct)
    {
        response.ContentLength64 = body.Length;
        if (request.HttpMethod == "HEAD") return;
        await response.OutputStream.WriteAsync(body, ct);
    }

    [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "Health and metrics on http://127.0.0.1:{Port}/health and /metrics")]
    private static partial void LogListening(ILogger logger, int port);

    [LoggerMessage(EventId = 501, Level = LogLevel.Critical, Message = "Cannot serve health and metrics on 127.0.0.1:{Port}: {Reason}; stopping")]
    private static partial void LogCannotListen(ILogger logger, int port, string reason);

    [LoggerMessage(EventId = 502, Level = LogLevel.Debug, Message = "Health/metrics answer not delivered: {Reason}")]
    private static partial void LogAnswerFailed(ILogger logger, string reason);
}
