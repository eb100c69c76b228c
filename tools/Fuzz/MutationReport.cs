namespace Explorer.Fuzz;

/// <summary>The outcome of a <see cref="MutationRun"/>: executions, exceptions, whether a call hung, and the first findings.</summary>
public sealed record MutationReport(string Target, long Executions, long Exceptions, bool Hung, TimeSpan Elapsed, IReadOnlyList<string> Findings)
{
    public double ExecutionsPerSecond => Elapsed.TotalSeconds > 0 ? Executions / Elapsed.TotalSeconds : 0;
}
