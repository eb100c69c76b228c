using System.Diagnostics;
using ClickHouse.Driver;
using ClickHouse.Driver.Compression;
using Dapper;
using Xunit.Abstractions;

namespace Explorer.ClickHouse.Embedded.Tests;

/// <summary>
/// InsertBinaryAsync of 1,000,000 rows through the embedded host, read back exactly. The driver sends one
/// zstd-compressed chunked body: <c>INSERT INTO t (...) FORMAT RowBinary</c>, a newline, then the rows; the host
/// streams the rows into chDB (chdb_stream_append) instead of buffering the body.
/// </summary>
[Trait("Category", "Integration")]
[Collection(HeavyTests.Name)]
public sealed class BulkInsertTests(ITestOutputHelper output)
{
    private const int RowCount = 1_000_000;

    [Fact(Timeout = 300_000)]
    public async Task InsertBinaryAsync_MillionRows_ReadBackExactly()
    {
        var database = await TestDatabase.CreateAsync();
        using var client = database.CreateClient();
        await client.ExecuteNonQueryAsync(
            "CREATE TABLE outputs (height UInt32, n UInt32, value Int64, address String) ENGINE = MergeTree ORDER BY (height, n)");

        var stopwatch = Stopwatch.StartNew();
        var inserted = await client.InsertBinaryAsync("outputs", ["height", "n", "value", "address"], Rows());
        stopwatch.Stop();

        Assert.Equal(RowCount, inserted);
        output.WriteLine(
            $"InsertBinaryAsync: {RowCount:N0} rows in {stopwatch.Elapsed.TotalSeconds:F2} s = {RowCount / stopwatch.Elapsed.TotalSeconds:N0} rows/s");

        await using var connection = database.CreateConnection();
        var summary = await connection.QuerySingleAsync<(ulong Count, ulong Heights, long Values, ulong Addresses, ulong Distinct)>(
            "SELECT count(), sum(height), sum(value), sum(length(address)), uniqExact(address) FROM outputs");
        Assert.Equal((ulong)RowCount, summary.Count);
        Assert.Equal(Enumerable.Range(0, RowCount).Aggregate(0UL, (sum, i) => sum + (ulong)(i / 1000)), summary.Heights);
        Assert.Equal(Enumerable.Range(0, RowCount).Aggregate(0L, (sum, i) => sum + Value(i)), summary.Values);
        Assert.Equal(Enumerable.Range(0, RowCount).Aggregate(0UL, (sum, i) => sum + (ulong)Address(i).Length), summary.Addresses);
        Assert.Equal((ulong)RowCount, summary.Distinct);

        // Spot-check individual rows, including the first and the last.
        foreach (var i in new[] { 0, 1, 4242, 500_000, RowCount - 1 })
        {
            var row = await connection.QuerySingleAsync<(long Value, string Address)>(
                "SELECT value, address FROM outputs WHERE height = @height AND n = @n",
                new { height = (uint)(i / 1000), n = (uint)(i % 1000) });
            Assert.Equal((Value(i), Address(i)), row);
        }
    }

    public static TheoryData<string> Compressors => new() { "none", "gzip", "brotli", "lz4", "zstd" };

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Compressors))]
    public async Task InsertBinaryAsync_EveryCompressorAndParallelBatches_Arrive(string compressor)
    {
        const int Count = 40_000;
        var database = await TestDatabase.CreateAsync();
        using var client = database.CreateClient();
        await client.ExecuteNonQueryAsync(
            "CREATE TABLE outputs (height UInt32, n UInt32, value Int64, address String) ENGINE = MergeTree ORDER BY (height, n)");
        var options = new InsertOptions
        {
            BatchSize = 5_000,
            MaxDegreeOfParallelism = 4,
            Compressor = compressor switch
            {
                "none" => null,
                "gzip" => GZipCompressor.Default,
                "brotli" => BrotliCompressor.Default,
                "lz4" => Lz4Compressor.Default,
                _ => ZstdCompressor.Default,
            },
        };

        var inserted = await client.InsertBinaryAsync("outputs", ["height", "n", "value", "address"], Rows(Count), options);

        Assert.Equal(Count, inserted);
        await using var connection = database.CreateConnection();
        var summary = await connection.QuerySingleAsync<(ulong Count, long Values)>("SELECT count(), sum(value) FROM outputs");
        Assert.Equal(((ulong)Count, Enumerable.Range(0, Count).Aggregate(0L, (sum, i) => sum + Value(i))), summary);
    }

    private static IEnumerable<object[]> Rows(int count = RowCount)
    {
        for (var i = 0; i < count; i++)
        {
            yield return [(uint)(i / 1000), (uint)(i % 1000), Value(i), Address(i)];
        }
    }

    private static long Value(int i) => ((long)i * 7919) - 1_000_000_000L;

    private static string Address(int i) => "addr" + ((i * 2_654_435_761L) % 1_000_000_007L).ToString(System.Globalization.CultureInfo.InvariantCulture) + "_" + i;
}
