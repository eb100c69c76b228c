namespace Explorer.Indexer.Pipeline;

/// <summary>
/// Row versions for ReplacingMergeTree: strictly increasing, microseconds since the epoch when the clock allows, so
/// that a later run (or a later write of the same run) always wins over an earlier one.
/// </summary>
public sealed class VersionClock(ulong floor = 0)
{
    private long _last = (long)Math.Min(floor, long.MaxValue);

    public ulong Next()
    {
        while (true)
        {
            var last = Interlocked.Read(ref _last);
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
            var next = Math.Max(now, last + 1);
            if (Interlocked.CompareExchange(ref _last, next, last) == last) return (ulong)next;
        }
    }

    /// <summary>Never hand out a version at or below <paramref name="version"/> (versions already in the store).</summary>
    public void AtLeast(ulong version)
    {
        var target = (long)Math.Min(version, long.MaxValue);
        long last;
        while ((last = Interlocked.Read(ref _last)) < target && Interlocked.CompareExchange(ref _last, target, last) != last) { }
    }
}
