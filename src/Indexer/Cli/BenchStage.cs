namespace Explorer.Indexer.Cli;

/// <summary>One measured stage of the <c>bench</c> verb: what it processed, how long it took, its peak working set.</summary>
public sealed record BenchStage(string Name, long Bytes, long Blocks, long Transactions, long Rows, TimeSpan Elapsed, long PeakWorkingSet)
{
    private double Seconds => Math.Max(Elapsed.TotalSeconds, 1e-9);

    public double MegabytesPerSecond => Bytes / 1e6 / Seconds;

    public double BlocksPerSecond => Blocks / Seconds;

    public double TransactionsPerSecond => Transactions / Seconds;

    public double RowsPerSecond => Rows / Seconds;
}
