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

    public void Dispose()
    {
        _timer.Dispose();
        _statm?.Dispose();
    }

    // /proc/self/statm's second field is the resident set in pages, read again from offset 0 each time with one kept
    // handle: Process.WorkingSet64 parsed several files per call, 1.5% of (d)'s processor time at 50 samples a second
    // (session 5). Elsewhere (no procfs) the process API is used.
    private readonly Microsoft.Win32.SafeHandles.SafeFileHandle? _statm = File.Exists("/proc/self/statm")
        ? File.OpenHandle("/proc/self/statm", FileMode.Open, FileAccess.Read) : null;

    private readonly byte[] _text = new byte[128];

    private long ResidentBytes()
    {
        if (_statm is not null)
        {
            lock (_text)
            {
                var read = RandomAccess.Read(_statm, _text, 0);
                var fields = _text.AsSpan(0, read);
                var space = fields.IndexOf((byte)' ');
                if (space > 0)
                {
                    var rest = fields[(space + 1)..];
                    var end = rest.IndexOfAny((byte)' ', (byte)'\n');
                    if (System.Buffers.Text.Utf8Parser.TryParse(end < 0 ? rest : rest[..end], out long pages, out _))
                        return pages * Environment.SystemPageSize;
                }
            }
        }
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    private void Sample()
    {
        var now = ResidentBytes();
        long seen;
        while ((seen = Interlocked.Read(ref _peak)) < now && Interlocked.CompareExchange(ref _peak, now, seen) != seen) { }
    }
}
