using Explorer.Indexer.Configuration;
using Microsoft.Extensions.Logging;

namespace Explorer.Indexer.Sources;

/// <summary>
/// Follow mode with a node: waits until the node's best block differs from the indexed tip. With ZMQ a block
/// notification ends the wait at once; either way <c>getbestblockhash</c> is asked every
/// <see cref="IndexerOptions.PollSeconds"/> (the fallback, and the cover for lost ZMQ messages). A node that does not
/// answer ends the wait too: the next pass fails and backs off.
/// </summary>
public sealed partial class TipWatcher(IndexerOptions options, ZmqListener zmq, ILogger<TipWatcher> logger)
{
    /// <summary>Polls done so far (tests read it).</summary>
    public long Polls { get; private set; }

    public async Task WaitForNewTipAsync(Func<NodeClient> createClient, string? indexedTip, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(createClient);
        NodeClient? client = null;
        try
        {
            await WaitAsync(() => client ??= createClient(), indexedTip, ct);
        }
        finally
        {
            client?.Dispose();
        }
    }

    private async Task WaitAsync(Func<NodeClient> client, string? indexedTip, CancellationToken ct)
    {
        var poll = TimeSpan.FromSeconds(options.PollSeconds);
        while (true)
        {
            if (zmq.Enabled)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(poll);
                try
                {
                    await zmq.Blocks.ReadAsync(timeout.Token);
                    LogNotified(logger);
                    return;
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
            }
            else
            {
                await Task.Delay(poll, ct);
            }
            Polls++;
            try
            {
                var best = await client().BestBlockHashAsync(ct);
                if (!string.Equals(best.ToString(), indexedTip, StringComparison.Ordinal)) return;
            }
            catch (NodeSourceException ex)
            {
                LogPollFailed(logger, ex.Message);
                return;
            }
        }
    }

    [LoggerMessage(EventId = 420, Level = LogLevel.Debug, Message = "ZMQ: block notification")]
    private static partial void LogNotified(ILogger logger);

    [LoggerMessage(EventId = 421, Level = LogLevel.Warning, Message = "Polling the node's tip failed: {Reason}")]
    private static partial void LogPollFailed(ILogger logger, string reason);
}
