using System.Net;
using System.Text.Json;

namespace Explorer.Web.Tests.RateLimit;

/// <summary>
/// Issue 10: rate limits (src/Explorer.Web/Hosting/RateLimiting.cs). Over the API's bucket a client gets 429 with
/// Retry-After and a problem body, under it never; other clients, pages and the Blazor hub are unaffected; the
/// settings under <c>Web:RateLimit</c> are what is applied.
/// </summary>
public sealed class RateLimitTests
{
    [Fact(Timeout = 60_000)]
    public async Task Past_the_api_burst_a_client_gets_429_with_retry_after_and_a_problem_body()
    {
        await using var factory = new RateLimitWebFactory(Settings(apiBurst: 5, apiPerMinute: 1));
        using var client = factory.CreateClient();

        for (var i = 0; i < 5; i++)
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await GetAsync(client, "/api/v1/status", "10.0.0.1")).StatusCode);
        using var refused = await GetAsync(client, "/api/v1/status", "10.0.0.1");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60); // one token a minute
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
        // The API's own error member too (ApiError: the body of every 4xx answer).
        Assert.Equal(problem.RootElement.GetProperty("detail").GetString(), problem.RootElement.GetProperty("error").GetString());
        Assert.Contains("retry after", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The same client on another API route is still refused (one bucket per client for /api/v1) ...
        Assert.Equal(HttpStatusCode.TooManyRequests, (await GetAsync(client, "/api/v1/blocks", "10.0.0.1")).StatusCode);
        // ... while another client, this client's pages and the Blazor hub are not.
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/api/v1/status", "10.0.0.2")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/", "10.0.0.1")).StatusCode);
        using var negotiate = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        negotiate.Headers.Add(RateLimitWebFactory.ClientHeader, "10.0.0.1");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(negotiate)).StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task Under_the_limit_no_request_is_refused()
    {
        // The shipped settings (appsettings.json): 100 requests of burst.
        await using var factory = new RateLimitWebFactory(new Dictionary<string, string>());
        using var client = factory.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 100; i++)
            statuses.Add((await GetAsync(client, i % 2 == 0 ? "/api/v1/status" : "/api/v1/blocks?limit=5", "10.0.0.3")).StatusCode);

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses);
    }

    [Fact(Timeout = 60_000)]
    public async Task Pages_have_their_own_bucket_and_disabled_limits_refuse_nothing()
    {
        await using (var factory = new RateLimitWebFactory(Settings(apiBurst: 1, apiPerMinute: 1, pageBurst: 3)))
        {
            using var client = factory.CreateClient();
            for (var i = 0; i < 3; i++)
                Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/decode", "10.0.0.4")).StatusCode);
            using var refused = await GetAsync(client, "/decode", "10.0.0.4");
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.True(refused.Headers.Contains("Retry-After"));
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await GetAsync(client, "/health", "10.0.0.4")).StatusCode);
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await GetAsync(client, "/api/v1/status", "10.0.0.4")).StatusCode);
        }

        var disabled = Settings(apiBurst: 1, apiPerMinute: 1, pageBurst: 1);
        disabled["Web:RateLimit:Enabled"] = "false";
        await using (var factory = new RateLimitWebFactory(disabled))
        {
            using var client = factory.CreateClient();
            for (var i = 0; i < 50; i++)
            {
                Assert.NotEqual(HttpStatusCode.TooManyRequests, (await GetAsync(client, "/api/v1/status", "10.0.0.5")).StatusCode);
                Assert.NotEqual(HttpStatusCode.TooManyRequests, (await GetAsync(client, "/decode", "10.0.0.5")).StatusCode);
            }
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Invalid_settings_stop_the_app_at_start()
    {
        await using var factory = new RateLimitWebFactory(Settings(apiBurst: 0, apiPerMinute: 1));
        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("ApiBurst", error.ToString(), StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Settings(int apiBurst, int apiPerMinute, int pageBurst = 300) => new()
    {
        ["Web:RateLimit:ApiBurst"] = apiBurst.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Web:RateLimit:ApiPermitsPerMinute"] = apiPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Web:RateLimit:PageBurst"] = pageBurst.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Web:RateLimit:PagePermitsPerMinute"] = "1",
    };

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string clientIp)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(RateLimitWebFactory.ClientHeader, clientIp);
        return await client.SendAsync(request);
    }
}
