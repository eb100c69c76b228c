namespace Explorer.Indexer.Cli;

/// <summary>One measured stage of the <c>bench</c> verb: what it processed, how long it took, its peak working set.</summary>
public sealed record BenchStage(string Name, long Bytes, long Blocks, long Transactions, long Rows, TimeSpan Elapsed, long PeakWorkingSet)
{
    /// <summary>Bytes the runtime allocated during the stage (managed heap; the embedded ClickHouse's memory is not
    /// counted): what the garbage collector has to clear, a figure that does not depend on the machine's load.</summary>
    public long AllocatedBytes { get; init; }

    /// <summary>Processor time of the whole process during the stage (every thread: the collector's and the embedded
    /// ClickHouse's too): less sensitive than wall time to other processes on the machine.</summary>
    public TimeSpan ProcessorTime { get; init; }

    /// <summary>Time the JIT spent compiling during the stage, and the methods it compiled (tiering's second
    /// compilations included).</summary>
    public (TimeSpan Time, long Methods) Jit { get; init; }

    private double Seconds => Math.Max(Elapsed.TotalSeconds, 1e-9);

    public double MegabytesPerSecond => Bytes / 1e6 / Seconds;

    public double BlocksPerSecond => Blocks / Seconds;

    public double TransactionsPerSecond => Transactions / Seconds;

    public double RowsPerSecond => Rows / Seconds;
}
