using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ClickHouse.Driver.ADO;
using Explorer.Storage.Configuration;
using Explorer.Web.Services;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Explorer.Web.Tests.Services;

/// <summary>Store status when the store is not there: reported with the reason, never thrown, never "no data".</summary>
[Trait("Category", "Unit")]
public sealed class ExplorerQueriesTests : IDisposable
{
    /// <summary>A time limit for every await of a test (xunit 2 gives tests no cancellation token).</summary>
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    public void Dispose() => _timeout.Dispose();

    private static ExplorerQueries QueriesFor(int port, int timeoutSeconds = 5)
    {
        var store = new ClickHouseOptions { ConnectionString = $"Host=127.0.0.1;Port={port};Username=default;Password=" };
        var dataSource = new ClickHouseDataSource(Explorer.Storage.ConnectionStrings.ForDatabase(store.ConnectionString, store.Database));
        return new ExplorerQueries(dataSource, Options.Create(store), Options.Create(new WebOptions { StoreQueryTimeoutSeconds = timeoutSeconds }),
            TimeProvider.System, NullLogger<ExplorerQueries>.Instance);
    }

    [Fact]
    public async Task A_closed_port_is_unreachable_with_the_reason()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var status = await QueriesFor(port).GetStatusAsync(_timeout.Token);

        Assert.Equal(StoreState.Unreachable, status.State);
        Assert.StartsWith("store unreachable: ", status.Message, StringComparison.Ordinal);
        Assert.Contains("refused", status.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Null(status.Tip);
    }

    [Fact]
    public async Task A_server_that_never_answers_is_unreachable_after_the_timeout()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var watch = Stopwatch.StartNew();

        var status = await QueriesFor(port, timeoutSeconds: 1).GetStatusAsync(_timeout.Token);

        Assert.Equal(StoreState.Unreachable, status.State);
        Assert.Equal("store unreachable: no answer within 1 s", status.Message);
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_reported_as_a_status()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => QueriesFor(port, timeoutSeconds: 30).GetStatusAsync(cts.Token));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(ExplorerQueries.MaxLatestBlocks + 1)]
    public async Task Latest_blocks_limit_is_capped(int limit)
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => QueriesFor(1).GetLatestBlocksAsync(limit, _timeout.Token));
    }
}
