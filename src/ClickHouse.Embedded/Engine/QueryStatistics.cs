using System.Globalization;

namespace Explorer.ClickHouse.Embedded.Engine;

/// <summary>What a query read and wrote, reported in the <c>X-ClickHouse-Summary</c> header.</summary>
public sealed record QueryStatistics(
    ulong ReadRows,
    ulong ReadBytes,
    ulong WrittenRows,
    ulong WrittenBytes,
    ulong ResultRows,
    ulong ResultBytes,
    TimeSpan Elapsed)
{
    public static QueryStatistics Empty { get; } = new(0, 0, 0, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The header value; ClickHouse writes every number as a JSON string.</summary>
    public string ToSummaryJson()
    {
        var elapsedNs = (ulong)(Elapsed.Ticks * 100);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"read_rows\":\"{ReadRows}\",\"read_bytes\":\"{ReadBytes}\",\"written_rows\":\"{WrittenRows}\",\"written_bytes\":\"{WrittenBytes}\",\"total_rows_to_read\":\"{ReadRows}\",\"result_rows\":\"{ResultRows}\",\"result_bytes\":\"{ResultBytes}\",\"elapsed_ns\":\"{elapsedNs}\"}}");
    }
}
