using System.Diagnostics;
using System.Threading.Channels;
using Explorer.Indexer.Configuration;
using Explorer.Indexer.Storage;
using Microsoft.Extensions.Logging;

namespace Explorer.Indexer.Pipeline;

/// <summary>
/// The write stage: gathers blocks' rows into batches (up to <see cref="IndexerOptions.BatchBlocks"/> blocks or
/// <see cref="IndexerOptions.BatchRows"/> rows, or whatever is there when the channel runs dry), writes each batch
/// with progress last, and retries a failed batch with capped exponential back-off: progress never passes a failed
/// write, and rewriting a batch is harmless (versioned rows). Also runs rollbacks, in order with the writes.
/// </summary>
public sealed partial class BlockWriter(ClickHouseStore store, IndexerOptions options, VersionClock clock, ILogger<BlockWriter> logger, int sourceTip,
    Operations.IndexerMetrics? metrics = null)
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private TimeSpan? _lastReport;

    public sealed record WriterStats(long Blocks, long Bytes, long Transactions, long ColoredTransactions, int LastHeight, string? LastHash);

    public WriterStats Stats { get; private set; } = new(0, 0, 0, 0, -1, null);

    /// <summary>Time spent in ClickHouse writes (batches and progress, retries included).</summary>
    public TimeSpan WriteBusy => _writeBusy.Elapsed;

    private readonly Stopwatch _writeBusy = new();

    /// <summary>Rows written so far (every table, progress rows excluded).</summary>
    public long RowsWritten { get; private set; }

    /// <summary>Failed write attempts so far (each followed by a back-off).</summary>
    public int FailedAttempts { get; private set; }

    public async Task RunAsync(ChannelReader<WriteItem> reader, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var batch = new List<BlockRows>();
        var rows = 0;
        var batchStart = 0L;
        var maxDelay = TimeSpan.FromSeconds(options.MaxBatchDelaySeconds);
        try
        {
            await ReadAndWriteAsync();
        }
        catch (Exception) when (!ct.IsCancellationRequested && reader.Completion.IsFaulted)
        {
            // The state stage failed (a malformed block, say): the blocks already in the batch are complete and all
            // precede the failure, so they are written, progress included, before the failure goes up.
            await FlushAsync(batch, ct);
            throw;
        }
        await FlushAsync(batch, ct);
        Report(force: true);

        async Task ReadAndWriteAsync()
        {
            while (await reader.WaitToReadAsync(ct))
            {
                while (reader.TryRead(out var item))
                {
                    if (item is WriteItem.Rollback rollback)
                    {
                        await FlushAsync(batch, ct);
                        rows = 0;
                        var fork = await WithRetryAsync(async () =>
                        {
                            var h = rollback.ParentHash == NBitcoin.uint256.Zero.ToString() ? -1 : await store.HeightOfAsync(rollback.ParentHash, ct);
                            if (h < 0 && rollback.ParentHash != NBitcoin.uint256.Zero.ToString())
                                throw new IndexerException($"reorg: parent block {rollback.ParentHash} was never indexed");
                            await store.RollbackAsync(h, clock, ct);
                            metrics?.RolledBack(h);
                            return h;
                        }, ct);
                        rollback.Done.TrySetResult(fork);
                        continue;
                    }
                    var block = ((WriteItem.Rows)item).Block;
                    batch.Add(block);
                    if (batch.Count == 1) batchStart = Stopwatch.GetTimestamp();
                    rows += block.RowCount;
                    if (batch.Count >= options.BatchBlocks || rows >= options.BatchRows)
                    {
                        await FlushAsync(batch, ct);
                        rows = 0;
                    }
                }
                // The channel ran dry: wait for more blocks until the batch's first one is MaxBatchDelaySeconds old, then write
                // what we have. Writing at every dry moment made one-block batches whenever the state stage was the slower
                // one: seven ClickHouse inserts per block, and the writer became the bottleneck (docs/benchmarks.md).
                if (batch.Count > 0 && !await MoreWithinAsync(reader, maxDelay - Stopwatch.GetElapsedTime(batchStart), ct))
                {
                    await FlushAsync(batch, ct);
                    rows = 0;
                }
            }
        }
    }

    /// <summary>True when an item arrives within <paramref name="wait"/>; false on timeout or when the channel completes.</summary>
    private static async Task<bool> MoreWithinAsync(ChannelReader<WriteItem> reader, TimeSpan wait, CancellationToken ct)
    {
        if (wait <= TimeSpan.Zero) return false;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(wait);
        try
        {
            return await reader.WaitToReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task FlushAsync(List<BlockRows> batch, CancellationToken ct)
    {
        if (batch.Count == 0) return;
        _writeBusy.Start();
        await WithRetryAsync(async () => { await store.WriteAsync(batch, clock, ct); return 0; }, ct);
        _writeBusy.Stop();
        var last = batch[^1].Block;
        RowsWritten += batch.Sum(b => (long)b.RowCount);
        Stats = new WriterStats(
            Stats.Blocks + batch.Count,
            Stats.Bytes + batch.Sum(b => b.Bytes),
            Stats.Transactions + batch.Sum(b => (long)b.Block.TxCount),
            Stats.ColoredTransactions + batch.Sum(b => (long)b.Block.ColoredTxCount),
            (int)last.Height, last.Hash);
        metrics?.BatchWritten(batch.Count, batch.Sum(b => (long)b.Block.TxCount), batch.Sum(b => (long)b.Block.ColoredTxCount),
            batch.Sum(b => b.Bytes), (int)last.Height, last.Time);
        batch.Clear();
        Report(force: false);
    }

    private async Task<T> WithRetryAsync<T>(Func<Task<T>> action, CancellationToken ct)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        var max = TimeSpan.FromSeconds(options.MaxRetryDelaySeconds);
        for (var attempt = 1; ; attempt++)
        {
            if (attempt > 1) metrics?.WriteRetried();
            try
            {
                return await action();
            }
            catch (Exception ex) when (!ct.IsCancellationRequested && ex is not IndexerException)
            {
                FailedAttempts++;
                metrics?.WriteFailed(ex);
                if (delay > max) delay = max;
                LogWriteFailed(logger, attempt, delay.TotalSeconds, ex.GetType().Name, Describe(ex));
                await Task.Delay(delay, ct);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, max.Ticks));
            }
        }
    }

    /// <summary>The message with its inner causes ("An error occurred while sending the request" alone does not say
    /// that the connection was reset).</summary>
    private static string Describe(Exception ex)
    {
        var text = ex.Message;
        for (var inner = ex.InnerException; inner is not null; inner = inner.InnerException)
            text += " <- " + inner.Message;
        return text;
    }

    private void Report(bool force)
    {
        var now = _watch.Elapsed;
        if (!force && _lastReport is { } last && now - last < TimeSpan.FromSeconds(options.ProgressSeconds)) return;
        _lastReport = now;
        var s = Stats;
        var seconds = Math.Max(now.TotalSeconds, 1e-9);
        var blocksPerSecond = s.Blocks / seconds;
        var eta = blocksPerSecond > 0 ? TimeSpan.FromSeconds(Math.Max(0, sourceTip - s.LastHeight) / blocksPerSecond) : TimeSpan.Zero;
        var etaText = eta.ToString(@"hh\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture);
        LogProgress(logger, s.LastHeight, sourceTip, blocksPerSecond, s.Bytes / 1e6 / seconds, s.Transactions / seconds, s.ColoredTransactions, etaText);
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Information,
        Message = "height {Height}/{Tip}  {BlocksPerSecond:F1} blocks/s  {MegabytesPerSecond:F2} MB/s  {TransactionsPerSecond:F0} tx/s  {Colored} colored tx  ETA {Eta}")]
    private static partial void LogProgress(ILogger logger, int height, int tip, double blocksPerSecond, double megabytesPerSecond,
        double transactionsPerSecond, long colored, string eta);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning,
        Message = "ClickHouse write failed (attempt {Attempt}), retrying in {DelaySeconds:F2}s: {Error}: {Reason}")]
    private static partial void LogWriteFailed(ILogger logger, int attempt, double delaySeconds, string error, string reason);
}
