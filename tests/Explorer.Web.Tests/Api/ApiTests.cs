using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Explorer.Protocols.Decoding;

namespace Explorer.Web.Tests.Api;

/// <summary>
/// The JSON API (/api/v1), health and OpenAPI endpoints, in-process with an unreachable store.
/// Decode contract: ../shared/docs/decode-cli.md.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ApiTests(ExplorerWebFactory factory) : IClassFixture<ExplorerWebFactory>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private HttpClient Client()
    {
        var client = factory.CreateClient();
        client.Timeout = Timeout;
        return client;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ReadJson(HttpResponseMessage response)
    {
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }

    [Theory]
    [InlineData("GET", "/api/v1/blocks?limit=abc", "", HttpStatusCode.BadRequest, "limit")]
    [InlineData("GET", "/api/v1/blocks?limit=", "", HttpStatusCode.BadRequest, "limit")]
    [InlineData("GET", "/api/v1/blocks?limit=2147483648", "", HttpStatusCode.BadRequest, "limit")]
    [InlineData("GET", "/api/v1/blocks?before=1e5", "", HttpStatusCode.BadRequest, "before")]
    [InlineData("GET", "/api/v1/nope", "", HttpStatusCode.NotFound, "no such route")]
    [InlineData("DELETE", "/api/v1/decode", "", HttpStatusCode.MethodNotAllowed, "method")]
    [InlineData("POST", "/api/v1/decode", "text/plain", HttpStatusCode.UnsupportedMediaType, "application/json")]
    public async Task Every_api_error_has_a_json_error_body(string method, string url, string mediaType, HttpStatusCode status, string expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (mediaType.Length > 0) request.Content = new StringContent("{}", Encoding.UTF8, mediaType);
        using var response = await Client().SendAsync(request);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, (await ReadJson(response)).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mempool_route_and_page_report_an_unreachable_store()
    {
        using var response = await Client().GetAsync("/api/v1/mempool");
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.StartsWith("store unavailable: ", (await ReadJson(response)).GetProperty("error").GetString(), StringComparison.Ordinal);

        using var page = await Client().GetAsync("/mempool");
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Store unavailable: ", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decode_answers_the_contract_answer_line()
    {
        var tx = TestTransactions.WithOpReturn();
        var request = $$"""{"tx": "{{tx.ToHex()}}", "prevouts": [null], "height": 800000, "network": "main"}""";

        using var response = await Client().PostAsync("/api/v1/decode", Json(request));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(DecodeJson.DecodeLine(request) is var expected ? DecodeJson.Serialize(expected) : null, body);
        var json = await ReadJson(response);
        Assert.Equal(tx.GetHash().ToString(), json.GetProperty("txid").GetString());
        foreach (var key in new[] { "openAssets", "colu", "counterparty" })
            Assert.True(json.TryGetProperty(key, out _), $"answer lacks \"{key}\"");
    }

    [Theory]
    [InlineData("{not json", "request is not valid JSON")]
    [InlineData("[1,2]", "request must be a JSON object")]
    [InlineData("{}", "missing \"tx\" (raw transaction hex)")]
    [InlineData("""{"tx": "zz"}""", "\"tx\" is not hex")]
    [InlineData("""{"tx": "0100"}""", "\"tx\" is not a valid transaction")]
    [InlineData("", "request is not valid JSON")]
    public async Task Malformed_decode_requests_get_400_with_an_error(string body, string errorStart)
    {
        using var response = await Client().PostAsync("/api/v1/decode", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await ReadJson(response);
        Assert.StartsWith(errorStart, json.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_network_gets_400()
    {
        var request = $$"""{"tx": "{{TestTransactions.WithOpReturn().ToHex()}}", "network": "signet"}""";

        using var response = await Client().PostAsync("/api/v1/decode", Json(request));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("\"network\" must be main, test or regtest", (await ReadJson(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Oversized_decode_body_gets_413_when_the_length_is_declared()
    {
        var body = $$"""{"tx": "{{new string('0', 70_000)}}"}""";

        using var response = await Client().PostAsync("/api/v1/decode", Json(body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("request body is larger than 65536 bytes", (await ReadJson(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Oversized_decode_body_gets_413_when_streamed_without_a_length()
    {
        var bytes = Encoding.UTF8.GetBytes($$"""{"tx": "{{new string('0', 70_000)}}"}""");
        using var content = new StreamContent(new UnknownLengthStream(bytes));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await Client().PostAsync("/api/v1/decode", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Non_utf8_body_gets_400()
    {
        using var content = new ByteArrayContent([0x7b, 0xff, 0xfe, 0x7d]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await Client().PostAsync("/api/v1/decode", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("request body is not UTF-8", (await ReadJson(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Status_with_an_unreachable_store_says_so()
    {
        using var response = await Client().GetAsync("/api/v1/status");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await ReadJson(response);
        Assert.Equal("unreachable", json.GetProperty("state").GetString());
        var message = json.GetProperty("message").GetString()!;
        Assert.StartsWith("store unreachable: ", message, StringComparison.Ordinal);
        Assert.Contains(factory.ClosedPort.ToString(System.Globalization.CultureInfo.InvariantCulture), message, StringComparison.Ordinal);
        Assert.Equal("explorer", json.GetProperty("database").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("tip").ValueKind);
    }

    [Fact]
    public async Task Health_is_degraded_not_down_when_the_store_is_unreachable()
    {
        using var response = await Client().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Degraded", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApi_document_lists_the_api_routes()
    {
        using var response = await Client().GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await ReadJson(response);
        Assert.StartsWith("3.", json.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = json.GetProperty("paths");
        var decode = paths.GetProperty("/api/v1/decode").GetProperty("post");
        Assert.True(decode.GetProperty("responses").TryGetProperty("413", out _));
        Assert.True(decode.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(paths.GetProperty("/api/v1/status").TryGetProperty("get", out _));
        // The error answers are documented with their body, route by route.
        var tx = paths.GetProperty("/api/v1/tx/{txid}").GetProperty("get").GetProperty("responses");
        foreach (var code in new[] { "200", "400", "404", "429", "500", "503" })
            Assert.True(tx.TryGetProperty(code, out _), $"/tx/{{txid}} documents {code}");
        var blocks = paths.GetProperty("/api/v1/blocks").GetProperty("get").GetProperty("responses");
        Assert.True(blocks.TryGetProperty("503", out _));
        Assert.False(blocks.TryGetProperty("404", out _));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/decode")]
    public async Task Pages_render_with_an_unreachable_store(string path)
    {
        using var response = await Client().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Colored-coin explorer", html, StringComparison.Ordinal);
        if (path == "/")
            Assert.Contains("store unreachable: ", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_page_gets_404_with_the_not_found_page()
    {
        using var response = await Client().GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("There is no page at this address", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_api_route_gets_a_bare_404()
    {
        using var response = await Client().GetAsync("/api/v1/nothing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A readable stream that does not tell its length, so the client sends it chunked.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
