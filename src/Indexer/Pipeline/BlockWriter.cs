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

    // What the reader hands the sender: a full batch, or a rollback (in order with the batches).
    private abstract record Send
    {
        public sealed record Batch(WriteBatch Rows) : Send;

        public sealed record Rollback(WriteItem.Rollback Item) : Send;
    }

    /// <summary>
    /// Reads the state stage's blocks and serializes each into the current batch as it arrives (<see cref="WriteBatch"/>);
    /// a full batch goes to the sender, which writes while the next one fills. At most one batch waits for the sender:
    /// beyond that the reader waits, and so, once its channel is full, does the state stage.
    /// </summary>
    public async Task RunAsync(ChannelReader<WriteItem> reader, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var sends = Channel.CreateBounded<Send>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        var sender = Task.Run(() => SendAllAsync(sends, ct), CancellationToken.None);
        WriteBatch? batch = null;
        var batchStart = 0L;
        var maxDelay = TimeSpan.FromSeconds(options.MaxBatchDelaySeconds);
        try
        {
            try
            {
                await ReadAsync();
            }
            catch (Exception) when (!ct.IsCancellationRequested && reader.Completion.IsFaulted && !sender.IsFaulted)
            {
                // The state stage failed (a malformed block, say): the blocks already in the batch are complete and all
                // precede the failure, so they are written, progress included, before the failure goes up.
                await HandOverAsync();
                sends.Writer.TryComplete();
                await sender;
                throw;
            }
            await HandOverAsync();
            sends.Writer.TryComplete();
        }
        catch
        {
            sends.Writer.TryComplete();
            batch?.Dispose();
            // A failure of the sender's own (a rollback to a block never indexed, say; the reader then met its closed
            // channel) is the one to report: awaiting it throws it. Otherwise the reader's goes up once the sender ended.
            try { await sender; }
            catch (Exception) when (!sender.IsFaulted) { }
            throw;
        }
        await sender;
        Report(force: true);

        async Task HandOverAsync()
        {
            if (batch is null) return;
            var full = batch;
            batch = null;
            await sends.Writer.WriteAsync(new Send.Batch(full), ct);
        }

        async Task ReadAsync()
        {
            while (await reader.WaitToReadAsync(ct))
            {
                while (reader.TryRead(out var item))
                {
                    if (item is WriteItem.Rollback rollback)
                    {
                        await HandOverAsync();
                        await sends.Writer.WriteAsync(new Send.Rollback(rollback), ct);
                        continue;
                    }
                    var block = ((WriteItem.Rows)item).Block;
                    if (batch is null)
                    {
                        batch = new WriteBatch(clock.Next());
                        batchStart = Stopwatch.GetTimestamp();
                    }
                    batch.Add(block);
                    if (batch.Blocks >= options.BatchBlocks || batch.Rows >= options.BatchRows) await HandOverAsync();
                }
                // The channel ran dry: wait for more blocks until the batch's first one is MaxBatchDelaySeconds old, then write
                // what we have. Writing at every dry moment made one-block batches whenever the state stage was the slower
                // one: seven ClickHouse inserts per block, and the writer became the bottleneck (docs/benchmarks.md).
                if (batch is not null && !await MoreWithinAsync(reader, maxDelay - Stopwatch.GetElapsedTime(batchStart), ct))
                    await HandOverAsync();
            }
        }
    }

    /// <summary>Writes the batches and runs the rollbacks in the order they were handed over; a failure completes the
    /// channel with it, so that the reader stops waiting for room.</summary>
    private async Task SendAllAsync(Channel<Send> sends, CancellationToken ct)
    {
        try
        {
            await foreach (var send in sends.Reader.ReadAllAsync(ct))
            {
                switch (send)
                {
                    case Send.Batch { Rows: var batch }:
                        using (batch) await FlushAsync(batch, ct);
                        break;
                    case Send.Rollback { Item: var rollback }:
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
                        break;
                }
            }
        }
        catch (Exception ex)
        {
            sends.Writer.TryComplete(ex);
            // Batches handed over but never written give their arrays back.
            while (sends.Reader.TryRead(out var left))
                if (left is Send.Batch { Rows: var unsent }) unsent.Dispose();
            throw;
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

    private async Task FlushAsync(WriteBatch batch, CancellationToken ct)
    {
        if (batch.Last is not { } last) return;
        _writeBusy.Start();
        await WithRetryAsync(async () => { await store.WriteAsync(batch, clock, ct); return 0; }, ct);
        _writeBusy.Stop();
        RowsWritten += batch.Rows;
        Stats = new WriterStats(
            Stats.Blocks + batch.Blocks,
            Stats.Bytes + batch.Bytes,
            Stats.Transactions + batch.Transactions,
            Stats.ColoredTransactions + batch.ColoredTransactions,
            (int)last.Height, last.Hash);
        metrics?.BatchWritten(batch.Blocks, batch.Transactions, batch.ColoredTransactions, batch.Bytes, (int)last.Height, last.Time);
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
