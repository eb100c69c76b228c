namespace Explorer.ClickHouse.Embedded.Tests;

/// <summary>
/// The large-volume tests (1M-row insert, 200 MB stream, host restarts) run one after another rather than in parallel:
/// the memory bound of the streaming test samples the whole process's managed heap, which a concurrent bulk insert
/// would inflate, and the machine running CI has few cores.
/// </summary>
[CollectionDefinition(Name)]
public sealed class HeavyTests
{
    public const string Name = "Heavy";
}
