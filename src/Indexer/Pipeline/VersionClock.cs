namespace Explorer.Indexer.Pipeline;

/// <summary>
/// Row versions for ReplacingMergeTree: strictly increasing, microseconds since the epoch when the clock allows, so
/// that a later run (or a later write of the same run) always wins over an earlier one.
/// </summary>
public sealed class VersionClock(ulong floor = 0)
{
    private long _last = (long)Math.Min(floor, long.MaxValue);

    // The wall clock is read once per ClockEvery versions (a row each): reading it per row was 6% of the state stage.
    // In between, versions rise by one each (they may fall behind the clock until its next reading, never below a
    // version already given out); a new clock starts from the clock and from the store's highest version.
    private const int ClockEvery = 256;
    private long _now;
    private int _sinceClock = ClockEvery;

    public ulong Next()
    {
        if (Interlocked.Increment(ref _sinceClock) > ClockEvery)
        {
            Interlocked.Exchange(ref _sinceClock, 0);
            Interlocked.Exchange(ref _now, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000);
        }
        while (true)
        {
            var last = Interlocked.Read(ref _last);
            var now = Interlocked.Read(ref _now);
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
