using System.Collections.Immutable;
using ClickHouse.Driver;
using Explorer.Web.Services.Indexed;
using Microsoft.Extensions.Options;

namespace Explorer.Web.Services.Live;

/// <summary>
/// One poller for the whole app (not one per circuit): every <see cref="WebOptions.LiveRefreshSeconds"/> it reads the
/// indexed tip and the mempool summary (two cheap statements) and, when they changed, tells the subscribed components
/// (home, block list, mempool page), which then re-read their data. It polls only while someone is subscribed.
/// A failing store is logged and retried at the next tick.
/// </summary>
public sealed partial class ChainWatcher(
    ExplorerQueries queries,
    MempoolQueries mempool,
    IOptions<WebOptions> options,
    TimeProvider time,
    ILogger<ChainWatcher> logger) : BackgroundService
{
    private readonly Lock _gate = new();
    private ImmutableArray<Func<ChainSnapshot, Task>> _subscribers = [];

    /// <summary>The last snapshot read (null before the first poll).</summary>
    public ChainSnapshot? Current { get; private set; }

    public int SubscriberCount => _subscribers.Length;

    /// <summary>Calls <paramref name="onChange"/> after each poll that found a different snapshot; dispose to stop.</summary>
    public IDisposable Subscribe(Func<ChainSnapshot, Task> onChange)
    {
        lock (_gate) _subscribers = _subscribers.Add(onChange);
        return new Subscription(this, onChange);
    }

    /// <summary>Reads the snapshot now and notifies the subscribers when it changed. Store failures throw.</summary>
    public async Task PollAsync(CancellationToken ct)
    {
        var tip = await queries.GetLatestBlocksAsync(1, ct);
        var pool = await mempool.GetSummaryAsync(ct);
        var top = tip.Count > 0 ? tip[0] : null;
        var snapshot = new ChainSnapshot(top?.Height, top?.Hash, pool.Count, pool.Version);
        if (snapshot == Current) return;
        Current = snapshot;
        // Every circuit re-reads at once; one slow or failing circuit delays or stops no other.
        await Task.WhenAll(_subscribers.Select(s => NotifyAsync(s, snapshot)));
    }

    private async Task NotifyAsync(Func<ChainSnapshot, Task> subscriber, ChainSnapshot snapshot)
    {
        try
        {
            await subscriber(snapshot);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSubscriberFailed(logger, ex);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.LiveRefreshSeconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (_subscribers.IsEmpty) continue;
                try
                {
                    await PollAsync(stoppingToken);
                }
                catch (Exception ex) when (StoreFailures.Is(ex) || ex is InvalidOperationException
                                               || (ex is OperationCanceledException && !stoppingToken.IsCancellationRequested))
                {
                    LogPollFailed(logger, ex.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }

    private void Unsubscribe(Func<ChainSnapshot, Task> onChange)
    {
        lock (_gate) _subscribers = _subscribers.Remove(onChange);
    }

    private sealed class Subscription(ChainWatcher watcher, Func<ChainSnapshot, Task> onChange) : IDisposable
    {
        public void Dispose() => watcher.Unsubscribe(onChange);
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "Live view poll failed: {Reason}")]
    private static partial void LogPollFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "A live view subscriber failed")]
    private static partial void LogSubscriberFailed(ILogger logger, Exception exception);
}
