using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Explorer.ChainForge.Live;

/// <summary>Minimal JSON-RPC 1.0 client for a Bitcoin node's HTTP interface (bcoin: user "x", password = API key).</summary>
public sealed class NodeRpcClient(HttpClient http, Uri endpoint, string user, string password)
{
    private readonly string _auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    public async Task<JsonElement> CallAsync(string method, CancellationToken ct, params object?[] parameters)
    {
        var body = new JsonObject { ["method"] = method, ["params"] = JsonSerializer.SerializeToNode(parameters), ["id"] = 1 };
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", _auth);
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(text).RootElement;
        }
        catch (JsonException)
        {
            throw new NodeRpcException(-32700, $"{method}: HTTP {(int)response.StatusCode}: {text}");
        }

        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            throw new NodeRpcException(error.GetProperty("code").GetInt32(), $"{method}: {error.GetProperty("message").GetString()}");
        }

        return root.GetProperty("result").Clone();
    }
}
