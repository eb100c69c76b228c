using Microsoft.Extensions.Hosting;

namespace Explorer.Indexer.Tests.Support;

/// <summary>An application lifetime whose <see cref="StopApplication"/> completes <see cref="Stopped"/> (the service
/// stops the host when it is done or gives up).</summary>
public sealed class TestLifetime : IHostApplicationLifetime, IDisposable
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
