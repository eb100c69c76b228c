using System.Collections.Concurrent;
using System.Globalization;

namespace Explorer.Indexer.Storage;

/// <summary>What the store's inserts cost, per table: inserts, RowBinary bytes and time until the server answered.</summary>
public sealed class WriteStatistics
{
    private readonly ConcurrentDictionary<string, Entry> _tables = new(StringComparer.Ordinal);

    public void Add(string table, long bytes, TimeSpan elapsed)
    {
        var entry = _tables.GetOrAdd(table, static _ => new Entry());
        lock (entry)
        {
            entry.Inserts++;
            entry.Bytes += bytes;
            entry.Elapsed += elapsed;
        }
    }

    /// <summary>Tables by time spent, longest first.</summary>
    public IReadOnlyList<(string Table, int Inserts, long Bytes, TimeSpan Elapsed)> Tables =>
        [.. _tables.Select(t => (t.Key, t.Value.Inserts, t.Value.Bytes, t.Value.Elapsed)).OrderByDescending(t => t.Elapsed)];

    /// <summary>One line: <c>table inserts×, MB, s (MB/s)</c> per table.</summary>
    public override string ToString() => string.Join("; ", Tables.Select(t => string.Create(CultureInfo.InvariantCulture,
        $"{t.Table} {t.Inserts}x {t.Bytes / 1e6:F1} MB in {t.Elapsed.TotalSeconds:F2} s ({t.Bytes / 1e6 / Math.Max(t.Elapsed.TotalSeconds, 1e-9):F0} MB/s)")));

    private sealed class Entry
    {
        public int Inserts;
        public long Bytes;
        public TimeSpan Elapsed;
    }
}
