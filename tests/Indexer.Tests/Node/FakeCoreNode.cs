using System.Net;
using System.Text;
using System.Text.Json;

namespace Explorer.Indexer.Tests.Node;

/// <summary>
/// An HTTP server on a free loopback port that answers like a Bitcoin Core node with <c>-rest</c>, from files of the
/// Core 29 fixture or from what a test sets: JSON-RPC (POST /, answered by <see cref="Rpc"/>) and REST (GET /rest/...,
/// answered by <see cref="Rest"/>). A handler returning null answers 404.
/// </summary>
public sealed class FakeCoreNode : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;

    public FakeCoreNode()
    {
        Port = BcoinNode.FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = ServeAsync();
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/";

    /// <summary>(method, params as JSON) -> (HTTP status, body).</summary>
    public Func<string, JsonElement, (int Status, string Body)?> Rpc { get; set; } = (_, _) => null;

    /// <summary>path -> body bytes.</summary>
    public Func<string, byte[]?> Rest { get; set; } = _ => null;

    public static (int, string) Result(string resultJson) => (200, "{\"result\":" + resultJson + ",\"error\":null,\"id\":1}");

    public static (int, string) Error(int code, string message) =>
        (500, "{\"result\":null,\"error\":{\"code\":" + code + ",\"message\":" + JsonSerializer.Serialize(message) + "},\"id\":1}");

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            try
            {
                var response = context.Response;
                if (context.Request.HttpMethod == "POST")
                {
                    using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                    using var request = JsonDocument.Parse(await reader.ReadToEndAsync());
                    var method = request.RootElement.GetProperty("method").GetString()!;
                    var answer = Rpc(method, request.RootElement.TryGetProperty("params", out var p) ? p.Clone() : default);
                    await WriteAsync(response, answer?.Status ?? 404, Encoding.UTF8.GetBytes(answer?.Body ?? "not found"), "application/json");
                }
                else
                {
                    var body = Rest(context.Request.Url!.AbsolutePath.TrimStart('/'));
                    await WriteAsync(response, body is null ? 404 : 200, body ?? Encoding.UTF8.GetBytes("not found"), "application/octet-stream");
                }
            }
            catch (Exception ex) when (ex is HttpListenerException or IOException or JsonException) { }
        }
    }

    private static async Task WriteAsync(HttpListenerResponse response, int status, byte[] body, string type)
    {
        response.StatusCode = status;
        response.ContentType = type;
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body);
        response.Close();
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        // Bounded: a handler stuck on a request must not hang the test run after its last test.
        try { await _serving.WaitAsync(TimeSpan.FromSeconds(30)); } catch (Exception ex) when (ex is ObjectDisposedException or TimeoutException) { }
    }
}
