namespace Explorer.Web.Services;

/// <summary>Groups per-height counts into at most a given number of equal height ranges (activity charts).</summary>
public static class ActivityBuckets
{
    /// <summary>
    /// Bars over <paramref name="fromHeight"/>..<paramref name="toHeight"/> (inclusive), each covering the same number of
    /// heights (the last one may be shorter), at most <paramref name="maxBars"/>; heights without counts give zero bars,
    /// counts outside the range are ignored.
    /// </summary>
    public static IReadOnlyList<ActivityBar> Of(IEnumerable<(uint Height, ulong Count)> counts, uint fromHeight, uint toHeight, int maxBars)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBars, 1);
        if (toHeight < fromHeight) return [];
        var span = (ulong)toHeight - fromHeight + 1;
        var width = (span + (ulong)maxBars - 1) / (ulong)maxBars;
        var bars = (int)((span + width - 1) / width);
        var totals = new ulong[bars];
        foreach (var (height, count) in counts)
        {
            if (height < fromHeight || height > toHeight) continue;
            totals[(int)((height - fromHeight) / width)] += count;
        }
        return [.. totals.Select((total, i) =>
        {
            var start = fromHeight + ((ulong)i * width);
            return new ActivityBar((uint)start, (uint)Math.Min(toHeight, start + width - 1), total);
        })];
    }
}
