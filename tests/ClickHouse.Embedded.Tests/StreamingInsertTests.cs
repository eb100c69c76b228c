using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Xunit.Abstractions;

namespace Explorer.ClickHouse.Embedded.Tests;

/// <summary>
/// A 200 MB TabSeparated INSERT body goes through the host without being buffered: the host reads it in 1 MiB chunks
/// and appends each to chDB's streaming insert (chdb_stream_append, which copies and applies back-pressure). The
/// managed heap of this process (client, Kestrel and host together) is sampled during the upload and must stay far
/// below the body's size. The resident set is reported, not asserted: chDB forms blocks of up to max_insert_block_size
/// rows and merges parts in the background, which costs a few hundred MB whatever the body's size (measured with the
/// host as its own process: a 600 MB TSV body peaked at +510 MB RSS, a 1.2 GB body at +600 MB, both falling back after).
/// </summary>
[Trait("Category", "Integration")]
[Collection(HeavyTests.Name)]
public sealed class StreamingInsertTests(ITestOutputHelper output)
{
    private const long BodyBytes = 200L << 20;
    private const long MaxManagedGrowth = 64L << 20;

    [Fact(Timeout = 300_000)]
    public async Task BigTsvBody_IsStreamedWithBoundedMemory()
    {
        var database = await TestDatabase.CreateAsync();
        using var http = database.CreateHttpClient();
        http.Timeout = TimeSpan.FromMinutes(5);
        await InsertFormatsTests.ExecuteAsync(http, database, "CREATE TABLE lines (n UInt64, payload String) ENGINE = MergeTree ORDER BY n");
        var content = new GeneratedTsvContent(BodyBytes);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var peak = baseline;
        using var self = Process.GetCurrentProcess();
        var baselineRss = self.WorkingSet64;
        var peakRss = baselineRss;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
                self.Refresh();
                peakRss = Math.Max(peakRss, self.WorkingSet64);
                await Task.Delay(20);
            }
        });
        var stopwatch = Stopwatch.StartNew();
        using var response = await http.PostAsync(
            $"?database={database.Name}&query=" + Uri.EscapeDataString("INSERT INTO lines FORMAT TabSeparated"), content);
        stopwatch.Stop();
        await sampling.CancelAsync();
        await sampler;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        output.WriteLine(
            $"{content.BytesWritten / (1 << 20)} MiB, {content.Rows:N0} rows in {stopwatch.Elapsed.TotalSeconds:F2} s "
            + $"({content.BytesWritten / (1 << 20) / stopwatch.Elapsed.TotalSeconds:F0} MiB/s); managed heap peak "
            + $"{(peak - baseline) / (1 << 20)} MiB above baseline; process resident set {baselineRss / (1 << 20)} MiB before, "
            + $"{peakRss / (1 << 20)} MiB at peak (native: chDB's insert pipeline, Kestrel, sockets)");
        Assert.True(content.BytesWritten >= BodyBytes);
        Assert.True(peak - baseline < MaxManagedGrowth, $"managed heap grew by {(peak - baseline) / (1 << 20)} MiB");
        var expected = $"{content.Rows}\t{content.Rows * (content.Rows - 1) / 2}\t{content.PayloadBytes}\n";
        Assert.Equal(expected, await InsertFormatsTests.QueryAsync(http, database, "SELECT count(), sum(n), sum(length(payload)) FROM lines"));
    }

    /// <summary>Rows <c>n \t payload</c> generated while they are sent, through one reused buffer.</summary>
    private sealed class GeneratedTsvContent(long targetBytes) : HttpContent
    {
        public long BytesWritten { get; private set; }

        public long Rows { get; private set; }

        public long PayloadBytes { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var buffer = new byte[256 << 10];
            var used = 0;
            while (BytesWritten + used < targetBytes)
            {
                var payloadLength = 20 + (int)(Rows % 80);
                var line = string.Create(CultureInfo.InvariantCulture, $"{Rows}\t{new string((char)('a' + (Rows % 26)), payloadLength)}\n");
                if (used + line.Length > buffer.Length)
                {
                    await stream.WriteAsync(buffer.AsMemory(0, used));
                    BytesWritten += used;
                    used = 0;
                }

                used += Encoding.ASCII.GetBytes(line, buffer.AsSpan(used));
                PayloadBytes += payloadLength;
                Rows++;
            }

            await stream.WriteAsync(buffer.AsMemory(0, used));
            BytesWritten += used;
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
