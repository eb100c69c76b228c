using System.Diagnostics;
using System.Threading.Channels;
using Explorer.Indexer.Configuration;
using Explorer.Indexer.Storage;
using Microsoft.Extensions.Logging;
using NBitcoin;

namespace Explorer.Indexer.Pipeline;

/// <summary>
/// One pass of the pipeline over a source (style.md convention 7): read -> parse and prefilter (parallel, bounded
/// channel of tasks awaited in order) -> state (block order) -> write (batched, retried with capped back-off).
/// Start: rows above the recorded progress are rolled back (a crash between rows and progress), the fork point with
/// the source is found, the state is loaded from the store, reading resumes at the next height.
/// </summary>
public sealed partial class ChainIndexer(
    ClickHouseStore store,
    IndexerOptions options,
    ILogger<ChainIndexer> logger,
    ILogger<BlockWriter> writerLogger,
    Operations.IndexerMetrics? metrics = null)
{
    /// <summary>Deepest fork searched for at start (deeper: refuse, as the node would need a full reindex anyway).</summary>
    public const int MaxForkSearch = 10_000;

    private readonly ChainNetwork _network = ChainNetwork.Resolve(options.Network);

    // The taproot reveal sources (Counterparty commits' funders) outlive a pass: a follow step's reveal may spend a commit
    // indexed by the step before. Refilled from the source when it does not match the height a pass resumes from.
    // The window is the warm-up: a reveal finds the same payers whether or not the indexer restarted before it.
    private readonly Counterparty.RevealFundingCache _reveals = new(window: options.RevealWarmupBlocks);

    /// <summary>The taproot reveal sources this indexer holds (kept across its passes).</summary>
    public Counterparty.RevealFundingCache RevealSources => _reveals;

    // True after a pass of this instance ended normally: the store then has no rows above the recorded progress, so
    // the next pass (follow mode) skips the start-up rollback and its scans.
    private bool _clean;

    public async Task<IndexRunResult> RunOnceAsync(IBlockSource source, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        var watch = Stopwatch.StartNew();
        var clock = new VersionClock(await store.MaxVersionAsync(ct));
        var progress = await store.ReadProgressAsync(ct);
        var height = progress?.Height ?? -1;
        string? tipHash = progress?.Hash;
        // Rows written after the last progress row (a crash mid-batch) are made invisible; the blocks are replayed.
        if (!_clean) await store.RollbackAsync(height, clock, ct);
        _clean = false;
        if (height >= 0)
        {
            var forkHeight = await FindForkAsync(source, height, tipHash!, ct);
            if (forkHeight != height)
            {
                LogForkAtStart(logger, height, forkHeight);
                metrics?.Reorg();
                await store.RollbackAsync(forkHeight, clock, ct);
                height = forkHeight;
                tipHash = forkHeight < 0 ? null : source.HashAt(forkHeight)!.ToString();
            }
        }
        if (_reveals.ObservedHeight != height) WarmRevealSources(source, height, ct);
        var state = new ColoredUtxoSet(_reveals);
        await store.LoadStateAsync(state, ct);
        LogResume(logger, height + 1, source.TipHeight, state.Count, state.AssetCount);
        metrics?.PassStarted(height, source.TipHeight);
        if (height >= source.TipHeight)
        {
            _clean = true;
            return new IndexRunResult(height + 1, height, tipHash, 0, 0, 0, 0, 0, watch.Elapsed);
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var token = linked.Token;
        var parsed = Channel.CreateBounded<Task<ParsedBlock>>(new BoundedChannelOptions(options.ParseAhead)
        { FullMode = BoundedChannelFullMode.Wait, SingleReader = true, SingleWriter = true });
        var writes = Channel.CreateBounded<WriteItem>(new BoundedChannelOptions(options.WriteAhead)
        { FullMode = BoundedChannelFullMode.Wait, SingleReader = true, SingleWriter = true });
        var writer = new BlockWriter(store, options, clock, writerLogger, source.TipHeight, metrics);
        var colorer = new BlockColorer(state, _network.Network, options.XcpPrefix, clock, _network.Name, options.StartHeights);
        var rollbacks = 0;
        // Busy time per stage (where a pass spends its time; the bench verb prints it).
        var stateBusy = new Stopwatch();
        var waitParsed = new Stopwatch();
        var stateEnded = TimeSpan.Zero;

        // A failed state stage stops the reader, which may be waiting on a full channel nobody reads any more.
        using var readStop = CancellationTokenSource.CreateLinkedTokenSource(token);
        var readToken = readStop.Token;
        var readTask = Task.Run(async () =>
        {
            try
            {
                foreach (var block in source.Read(height + 1, readToken))
                    await parsed.Writer.WriteAsync(Task.Run(
                        () => BlockParser.Parse(block, _network.Network, options.XcpPrefix, _network.Name, options.VerifyMerkleRoot, state), readToken), readToken);
                parsed.Writer.Complete();
            }
            catch (Exception ex)
            {
                parsed.Writer.Complete(ex);
                throw;
            }
        }, readToken);

        var stateTask = Task.Run(async () =>
        {
            try
            {
                await foreach (var next in parsed.Reader.ReadAllAsync(token))
                {
                    waitParsed.Start();
                    var block = await next;
                    waitParsed.Stop();
                    var prev = block.PreviousHash.ToString();
                    var expected = tipHash ?? uint256.Zero.ToString();
                    if (!string.Equals(prev, expected, StringComparison.Ordinal))
                    {
                        // Reorg: the writer flushes, rolls back above the new block's parent, and tells us its height.
                        var done = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
                        await writes.Writer.WriteAsync(new WriteItem.Rollback(prev, done), token);
                        var fork = await done.Task.WaitAsync(token);
                        await store.LoadStateAsync(state, token);
                        rollbacks++;
                        metrics?.Reorg();
                        LogReorg(logger, block.Height, fork, block.Height - 1 - fork);
                    }
                    stateBusy.Start();
                    var rows = colorer.Apply(block);
                    stateBusy.Stop();
                    _reveals.ObservedHeight = block.Height;
                    // Nothing of the block's bytes is kept past its state step (rows hold strings, the reveal cache
                    // copies): a lent buffer goes back to its pool.
                    block.Source.Release();
                    await writes.Writer.WriteAsync(new WriteItem.Rows(rows), token);
                    tipHash = block.Hash.ToString();
                }
                stateEnded = watch.Elapsed;
                writes.Writer.Complete();
            }
            catch (Exception ex)
            {
                writes.Writer.Complete(ex);
                await readStop.CancelAsync();
                throw;
            }
        }, token);

        var writeTask = Task.Run(async () =>
        {
            try
            {
                await writer.RunAsync(writes.Reader, token);
            }
            catch
            {
                // A writer that gave up must not leave the state stage waiting on a full channel or a rollback answer.
                await linked.CancelAsync();
                throw;
            }
        }, token);
        try
        {
            await Task.WhenAll(readTask, stateTask, writeTask).WaitAsync(ct);
        }
        catch
        {
            await linked.CancelAsync();
            // Observe every stage so that none is left running or unobserved.
            try { await Task.WhenAll(readTask, stateTask, writeTask); }
            catch (Exception) when (linked.IsCancellationRequested) { }
            throw;
        }
        _clean = true;
        var stats = writer.Stats;
        return new IndexRunResult(height + 1, stats.LastHeight, stats.LastHash, stats.Blocks, stats.Bytes, stats.Transactions,
            stats.ColoredTransactions, rollbacks, watch.Elapsed) 
        {
            RowsWritten = writer.RowsWritten,
            StateBusy = stateBusy.Elapsed,
            StateWaitingForParse = waitParsed.Elapsed,
            StateEnded = stateEnded,
            WriteBusy = writer.WriteBusy,
        };
    }

    /// <summary>Refills the reveal-source cache from the <see cref="IndexerOptions.RevealWarmupBlocks"/> blocks up to
    /// <paramref name="height"/> (after a start, or when the store's tip is not where the cache was left).</summary>
    private void WarmRevealSources(IBlockSource source, int height, CancellationToken ct)
    {
        _reveals.Clear();
        if (height < 0 || options.RevealWarmupBlocks == 0) return;
        var count = 0;
        foreach (var block in source.Read(Math.Max(0, height - options.RevealWarmupBlocks + 1), ct))
        {
            if (block.Height > height) break;
            try
            {
                // With the txids when the pipeline has them (the merkle-root check), so that a reveal is matched as it
                // would have been without the restart.
                var parsed = BlockParser.Parse(block);
                if (options.VerifyMerkleRoot) parsed = BlockParser.VerifyMerkleRoot(parsed);
                var payers = Counterparty.RevealPayerBlock.Build(parsed, BlockParser.TaprootPayers(parsed));
                _reveals.Observe(payers);
                count += payers.Count;
            }
            finally
            {
                block.Release();
            }
            if (block.Height == height) break;
        }
        _reveals.ObservedHeight = height;
        LogRevealWarmup(logger, count, height);
    }

    private async Task<int> FindForkAsync(IBlockSource source, int height, string hash, CancellationToken ct)
    {
        var h = Math.Min(height, source.TipHeight);
        var stored = h == height ? hash : await store.BlockHashAtAsync(h, ct);
        for (var steps = 0; h >= 0; steps++, h--)
        {
            if (steps > MaxForkSearch)
                throw new IndexerException($"no common block with the source within {MaxForkSearch} blocks below height {height}");
            if (steps > 0) stored = await store.BlockHashAtAsync(h, ct);
            if (stored is not null && string.Equals(source.HashAt(h)?.ToString(), stored, StringComparison.Ordinal)) return h;
        }
        return -1;
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information,
        Message = "Resuming at height {Height} (source tip {Tip}); state: {Outputs} colored outputs, {Assets} assets")]
    private static partial void LogResume(ILogger logger, int height, int tip, int outputs, int assets);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Indexed tip {Height} is not on the source's chain: rolled back to {Fork}")]
    private static partial void LogForkAtStart(ILogger logger, int height, int fork);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Reveal sources: {Count} P2TR payers read again from the blocks up to {Height}")]
    private static partial void LogRevealWarmup(ILogger logger, int count, int height);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Reorg at height {Height}: rolled back to {Fork} ({Depth} blocks)")]
    private static partial void LogReorg(ILogger logger, int height, int fork, int depth);
}
