using System.Diagnostics;

namespace Explorer.Indexer.Cli;

/// <summary>Samples the process working set every 20 ms (the embedded ClickHouse runs in-process, so it counts); the
/// peak since the last <see cref="Reset"/>.</summary>
public sealed class PeakMemorySampler : IDisposable
{
    private readonly Timer _timer;
    private long _peak;

    public PeakMemorySampler()
    {
        _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(20));
    }

    public long PeakBytes
    {
        get
        {
            Sample();
            return Interlocked.Read(ref _peak);
        }
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _peak, 0);
        Sample();
    }

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        using var process = Process.GetCurrentProcess();
        var now = process.WorkingSet64;
        long seen;
        while ((seen = Interlocked.Read(ref _peak)) < now && Interlocked.CompareExchange(ref _peak, now, seen) != seen) { }
    }
}
