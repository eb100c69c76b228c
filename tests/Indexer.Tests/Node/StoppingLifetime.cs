using Microsoft.Extensions.Hosting;

namespace Explorer.Indexer.Tests.Node;

/// <summary>An application lifetime whose StopApplication completes <see cref="Stopped"/> (the service's "done").</summary>
public sealed class StoppingLifetime : IHostApplicationLifetime, IDisposable
{
    private readonly CancellationTokenSource _started = new(), _stopping = new(), _stopped = new();

    public TaskCompletionSource Stopped { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CancellationToken ApplicationStarted => _started.Token;

    public CancellationToken ApplicationStopping => _stopping.Token;

    public CancellationToken ApplicationStopped => _stopped.Token;

    public void StopApplication() => Stopped.TrySetResult();

    public void Dispose()
    {
        _started.Dispose();
        _stopping.Dispose();
        _stopped.Dispose();
    }
}
