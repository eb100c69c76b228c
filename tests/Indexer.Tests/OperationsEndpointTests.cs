using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Explorer.ClickHouse.Embedded;
using Explorer.Indexer.Configuration;
using Explorer.Indexer.Operations;
using Explorer.Indexer.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Explorer.Indexer.Tests;

/// <summary>
/// The indexer's <c>/health</c> and Prometheus <c>/metrics</c> (docs/indexer.md, "Health and metrics"): the host the
/// <c>index</c> verb builds (AddIndexer), run in-process in follow mode over the demo chain with a free loopback port,
/// reports the indexed height, the source's tip and counters equal to what the store holds; the endpoint alone answers
/// 503 after a failed pass, 404/405 for anything else, and stops the host when its port is taken.
/// </summary>
[Trait("Category", "Integration")]
public sealed class OperationsEndpointTests(ForgedChains chains) : IClassFixture<ForgedChains>
{
    [Fact(Timeout = 180_000)]
    public async Task Indexer_host_serves_health_and_metrics_of_the_demo_chain()
    {
        var server = await SharedEmbeddedClickHouse.GetAsync();
        var database = "idx_ops_" + Guid.NewGuid().ToString("N")[..10];
        var port = FreePort();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ClickHouse:ConnectionString"] = server.ConnectionString,
            ["ClickHouse:Database"] = database,
            ["Indexer:BlocksDirectory"] = chains.Demo.BlocksDirectory,
            ["Indexer:Network"] = "regtest",
            ["Indexer:Follow"] = "true",
            ["Indexer:MetricsPort"] = port.ToString(CultureInfo.InvariantCulture),
        });
        builder.Logging.ClearProviders();
        builder.AddIndexer();
        using var host = builder.Build();
        using var stop = new CancellationTokenSource();
        var running = host.RunAsync(stop.Token);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            // Follow mode stays up at the tip: poll /health until the demo chain's 200 blocks are in.
            JsonElement health = default;
            var deadline = DateTime.UtcNow.AddSeconds(150);
            while (DateTime.UtcNow < deadline)
            {
                Assert.False(running.IsCompleted, "the indexer host stopped");
                try
                {
                    using var response = await http.GetAsync(new Uri("health", UriKind.Relative));
                    health = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
                    if (response.StatusCode == HttpStatusCode.OK && health.GetProperty("height").GetInt32() == 200) break;
                }
                catch (HttpRequestException)
                {
                    // Not listening yet (migrations run first).
                }
                await Task.Delay(200);
            }
            Assert.Equal("ok", health.GetProperty("status").GetString());
            Assert.Equal(200, health.GetProperty("height").GetInt32());
            Assert.Equal(200, health.GetProperty("tip").GetInt32());
            Assert.Equal(0, health.GetProperty("lag").GetInt32());
            Assert.NotEqual(JsonValueKind.Null, health.GetProperty("lastProgress").ValueKind);

            await using var store = IndexerHarness.Attach(database, server.GetConnectionString(database));
            var (blocks, txs, colored, bytes, lastTime) = (await store.QueryAsync<(long, long, long, long, DateTime)>(
                "SELECT toInt64(count()), toInt64(sum(tx_count)), toInt64(sum(colored_tx_count)), toInt64(sum(size)), max(time) FROM blocks FINAL WHERE is_orphaned = 0"))[0];
            Assert.True(colored > 0);
            Assert.Equal(new DateTimeOffset(DateTime.SpecifyKind(lastTime, DateTimeKind.Utc)), health.GetProperty("lastBlockTime").GetDateTimeOffset());

            var metrics = await http.GetStringAsync(new Uri("metrics", UriKind.Relative));
            Assert.Equal(200, Value(metrics, "explorer_indexer_height"));
            Assert.Equal(200, Value(metrics, "explorer_indexer_source_tip_height"));
            Assert.Equal(blocks, Value(metrics, "explorer_indexer_blocks_total"));
            Assert.Equal(txs, Value(metrics, "explorer_indexer_transactions_total"));
            Assert.Equal(colored, Value(metrics, "explorer_indexer_colored_transactions_total"));
            Assert.Equal(bytes, Value(metrics, "explorer_indexer_bytes_total"));
            Assert.Equal(new DateTimeOffset(DateTime.SpecifyKind(lastTime, DateTimeKind.Utc)).ToUnixTimeSeconds(), Value(metrics, "explorer_indexer_last_block_time_seconds"));
            Assert.Equal(0, Value(metrics, "explorer_indexer_write_failures_total"));
            Assert.Equal(0, Value(metrics, "explorer_indexer_reorgs_total"));
            Assert.Equal(1, Value(metrics, "explorer_indexer_healthy"));
            Assert.Contains("# TYPE explorer_indexer_blocks_total counter", metrics, StringComparison.Ordinal);
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Health_is_503_after_a_failed_pass_and_200_again_after_a_good_one()
    {
        var metrics = new IndexerMetrics();
        var port = FreePort();
        using var lifetime = new TestLifetime();
        using var endpoint = Endpoint(metrics, port, lifetime);
        await endpoint.StartAsync(CancellationToken.None);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            var (status, body) = await GetAsync(http, "health");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("starting", body.GetProperty("status").GetString());

            metrics.PassStarted(5, 12);
            (status, body) = await GetAsync(http, "health");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(7, body.GetProperty("lag").GetInt32());

            metrics.PassFailed(new IOException("ClickHouse refused the connection"));
            (status, body) = await GetAsync(http, "health");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("failing", body.GetProperty("status").GetString());
            Assert.Equal("ClickHouse refused the connection", body.GetProperty("error").GetString());
            var text = await http.GetStringAsync(new Uri("metrics", UriKind.Relative));
            Assert.Equal(1, Value(text, "explorer_indexer_pass_failures_total"));
            Assert.Equal(0, Value(text, "explorer_indexer_healthy"));

            metrics.PassSucceeded();
            (status, _) = await GetAsync(http, "health");
            Assert.Equal(HttpStatusCode.OK, status);

            // A write failing right now (the writer retrying) is unhealthy too, until a batch is written.
            metrics.WriteFailed(new HttpRequestException("Connection reset by peer"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await GetAsync(http, "health")).Status);
            metrics.BatchWritten(1, 3, 1, 900, 6, DateTime.UtcNow);
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(http, "health")).Status);

            metrics.Stopped(new InvalidOperationException("no common block"));
            (status, body) = await GetAsync(http, "health");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("stopped", body.GetProperty("status").GetString());

            using (var missing = await http.GetAsync(new Uri("nothing", UriKind.Relative)))
                Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            using (var post = await http.PostAsync(new Uri("health", UriKind.Relative), new StringContent("")))
                Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        }
        finally
        {
            await endpoint.StopAsync(CancellationToken.None);
        }
        Assert.False(lifetime.Stopped.Task.IsCompleted);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_taken_port_stops_the_host()
    {
        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            using var lifetime = new TestLifetime();
            using var endpoint = Endpoint(new IndexerMetrics(), ((IPEndPoint)taken.LocalEndpoint).Port, lifetime);
            await endpoint.StartAsync(CancellationToken.None);
            await lifetime.Stopped.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await endpoint.StopAsync(CancellationToken.None);
        }
        finally
        {
            taken.Stop();
        }
    }

    private static OperationsEndpoint Endpoint(IndexerMetrics metrics, int port, TestLifetime lifetime) =>
        new(metrics, Options.Create(new IndexerOptions { MetricsPort = port }), lifetime, NullLogger<OperationsEndpoint>.Instance);

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    /// <summary>The sample of an unlabelled metric in Prometheus' text format ("name value").</summary>
    private static double Value(string exposition, string name)
    {
        var match = Regex.Match(exposition, "^" + Regex.Escape(name) + " (\\S+)$", RegexOptions.Multiline);
        Assert.True(match.Success, $"{name} is not in /metrics:\n{exposition}");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
