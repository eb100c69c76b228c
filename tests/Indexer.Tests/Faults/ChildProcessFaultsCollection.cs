namespace Explorer.Indexer.Tests.Faults;

/// <summary>The fault tests that run child processes (indexer, embedded host) and time their faults: they run alone,
/// after the parallel tests, so that they neither slow down nor are slowed by KillRestartTests' child processes.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ChildProcessFaultsCollection
{
    public const string Name = "Child-process faults";
}
