using ClickHouse.Driver;
using Dapper;
using ClickHouse.Driver.ADO;

namespace Explorer.ClickHouse.Embedded.Tests;

/// <summary>
/// Data written through the host survives a restart of the host on the same folder: after a clean stop (SIGTERM,
/// which closes chDB) and after a crash (SIGKILL) of a host whose inserts had been acknowledged.
/// </summary>
[Trait("Category", "Integration")]
[Collection(HeavyTests.Name)]
public sealed class RestartTests : IDisposable
{
    private readonly string dataPath = Path.Combine(Path.GetTempPath(), "explorer-chdb-restart-" + Guid.NewGuid().ToString("N"));

    [Fact(Timeout = 240_000)]
    public async Task Data_SurvivesCleanStopAndCrash()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var token = timeout.Token;

        await using (var first = await HostProcess.StartAsync(dataPath, token))
        {
            using var client = new ClickHouseClient(first.ConnectionString);
            await client.ExecuteNonQueryAsync("CREATE DATABASE chain");
            await client.ExecuteNonQueryAsync("CREATE TABLE chain.blocks (height UInt32, hash String) ENGINE = MergeTree ORDER BY height");
            await client.InsertBinaryAsync("chain.blocks", ["height", "hash"], Blocks(0, 10_000), cancellationToken: token);

            Assert.Equal(0, await first.StopAsync(token));
            Assert.Contains("Stopped", first.Output, StringComparison.Ordinal);
        }

        await using (var second = await HostProcess.StartAsync(dataPath, token))
        {
            await using var connection = new ClickHouseConnection(second.ConnectionString);
            Assert.Equal((10_000UL, Sum(0, 10_000)), await SummaryAsync(connection));
            Assert.Equal("hash-1234", await connection.ExecuteScalarAsync<string>("SELECT hash FROM chain.blocks WHERE height = @h", new { h = 1234u }));

            using var client = new ClickHouseClient(second.ConnectionString);
            await client.InsertBinaryAsync("chain.blocks", ["height", "hash"], Blocks(10_000, 5_000), cancellationToken: token);
            await second.CrashAsync(token);
        }

        await using (var third = await HostProcess.StartAsync(dataPath, token))
        {
            await using var connection = new ClickHouseConnection(third.ConnectionString);
            Assert.Equal((15_000UL, Sum(0, 15_000)), await SummaryAsync(connection));
            Assert.Equal(0, await third.StopAsync(token));
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(dataPath))
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }

    private static async Task<(ulong Count, ulong Sum)> SummaryAsync(ClickHouseConnection connection)
        => await connection.QuerySingleAsync<(ulong, ulong)>("SELECT count(), sum(height) FROM chain.blocks");

    private static IEnumerable<object[]> Blocks(int from, int count)
        => Enumerable.Range(from, count).Select(h => new object[] { (uint)h, $"hash-{h}" });

    private static ulong Sum(int from, int count) => (ulong)Enumerable.Range(from, count).Sum(h => (long)h);
}
