using Explorer.Indexer.Configuration;
using Explorer.Indexer.Pipeline;
using Explorer.Indexer.Sources;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Explorer.Indexer.HostedServices;

/// <summary>
/// Runs passes of the pipeline over the source (blocks folder, node, or folder then node; BlockSourceFactory): once (then stops the host, exit 0 at the tip), or forever with
/// <see cref="IndexerOptions.Follow"/>. A failed pass is logged and restarted with capped back-off; the next pass
/// resumes from the recorded progress.
/// </summary>
public sealed partial class IndexerService(
    ChainIndexer indexer,
    BlockSourceFactory sources,
    IOptions<IndexerOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<IndexerService> logger,
    Operations.IndexerMetrics? metrics = null) : BackgroundService
{
    /// <summary>A service over the source the options name, polling between passes (callers outside DI, tests).</summary>
    public IndexerService(ChainIndexer indexer, IOptions<IndexerOptions> options, IHostApplicationLifetime lifetime, ILogger<IndexerService> logger)
        : this(indexer, BlockSourceFactory.Create(options?.Value ?? throw new ArgumentNullException(nameof(options))), options, lifetime, logger) { }

    /// <summary>The last pass's result (the CLI prints it).</summary>
    public IndexRunResult? LastRun { get; private set; }

    /// <summary>Set when indexing stopped on an error retrying cannot fix.</summary>
    public Exception? Fatal { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        // Capped back-off between failed passes, the same cap as the writer's retries.
        var maxDelay = TimeSpan.FromSeconds(o.MaxRetryDelaySeconds);
        var firstDelay = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(1).Ticks, maxDelay.Ticks));
        var delay = firstDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var source = await sources.OpenAsync(stoppingToken);
                LastRun = await indexer.RunOnceAsync(source, stoppingToken);
                LogPass(logger, LastRun.TipHeight, LastRun.Blocks, LastRun.Elapsed.TotalSeconds, LastRun.BlocksPerSecond,
                    LastRun.MegabytesPerSecond, LastRun.TransactionsPerSecond);
                metrics?.PassSucceeded();
                delay = firstDelay;
                if (!o.Follow) break;
                await sources.WaitForNextAsync(LastRun.TipHash, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (IndexerException ex)
            {
                Fatal = ex;
                metrics?.Stopped(ex);
                LogFatal(logger, ex);
                break;
            }
            catch (Exception ex)
            {
                metrics?.PassFailed(ex);
                if (ex is NodeSourceException node) LogNodeFailed(logger, node.Message, delay.TotalSeconds);
                else LogPassFailed(logger, delay.TotalSeconds, ex);
                try { await Task.Delay(delay, stoppingToken); }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, maxDelay.Ticks));
            }
        }
        lifetime.StopApplication();
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Information,
        Message = "At the tip {Height}: {Blocks} blocks in {Seconds:F1}s ({BlocksPerSecond:F1} blocks/s, {MegabytesPerSecond:F2} MB/s, {TransactionsPerSecond:F0} tx/s)")]
    private static partial void LogPass(ILogger logger, int height, long blocks, double seconds, double blocksPerSecond, double megabytesPerSecond, double transactionsPerSecond);

    [LoggerMessage(EventId = 301, Level = LogLevel.Error, Message = "Indexing pass failed; restarting in {DelaySeconds}s")]
    private static partial void LogPassFailed(ILogger logger, double delaySeconds, Exception exception);

    [LoggerMessage(EventId = 303, Level = LogLevel.Warning, Message = "Node failed: {Reason}; restarting the pass in {DelaySeconds}s")]
    private static partial void LogNodeFailed(ILogger logger, string reason, double delaySeconds);

    [LoggerMessage(EventId = 302, Level = LogLevel.Critical, Message = "Indexing stopped")]
    private static partial void LogFatal(ILogger logger, Exception exception);
}
