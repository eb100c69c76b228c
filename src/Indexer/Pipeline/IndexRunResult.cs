namespace Explorer.Indexer.Pipeline;

/// <summary>What one pass over a source did.</summary>
public sealed record IndexRunResult(
    int StartHeight, int TipHeight, string? TipHash, long Blocks, long Bytes, long Transactions, long ColoredTransactions,
    int Rollbacks, TimeSpan Elapsed)
{
    /// <summary>Rows written to ClickHouse by the pass (every table, progress rows excluded).</summary>
    public long RowsWritten { get; init; }

    /// <summary>Time the state stage spent applying blocks (prefilter hits, decoding with colored inputs, rows).</summary>
    public TimeSpan StateBusy { get; init; }

    /// <summary>Time the state stage waited for the next parsed block (the parallel stage behind).</summary>
    public TimeSpan StateWaitingForParse { get; init; }

    /// <summary>Time the writer spent in ClickHouse writes.</summary>
    public TimeSpan WriteBusy { get; init; }

    /// <summary>When the state stage had applied the last block, from the pass's start: what follows is the writer
    /// finishing its last batches.</summary>
    public TimeSpan StateEnded { get; init; }

    public double BlocksPerSecond => Blocks / Math.Max(Elapsed.TotalSeconds, 1e-9);

    public double MegabytesPerSecond => Bytes / 1e6 / Math.Max(Elapsed.TotalSeconds, 1e-9);

    public double TransactionsPerSecond => Transactions / Math.Max(Elapsed.TotalSeconds, 1e-9);
}
