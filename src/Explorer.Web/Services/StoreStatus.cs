using System.Collections.Immutable;

namespace Explorer.Web.Services;

/// <summary>What the web app could learn about the ClickHouse store (JSON: camelCase strings, e.g. "unreachable").</summary>
public enum StoreState
{
    /// <summary>Reachable and holding indexed blocks.</summary>
    Ready,

    /// <summary>Reachable, but no database, no tables or no blocks yet (the indexer has not run).</summary>
    Empty,

    /// <summary>No answer: connection refused, DNS failure or timeout.</summary>
    Unreachable,

    /// <summary>The server answered with an error other than "no such database".</summary>
    Error,
}

/// <summary>
/// The store status shown on the home page and answered by <c>GET /api/v1/status</c>. <see cref="Message"/> is a
/// sentence for people, e.g. "store unreachable: Connection refused (127.0.0.1:8123)".
/// </summary>
public sealed record StoreStatus(
    StoreState State,
    string Message,
    string Database,
    string? ServerVersion,
    ImmutableArray<string> Tables,
    IndexedBlock? Tip,
    ulong BlockCount,
    ulong ColoredTxCount,
    ImmutableArray<IndexerProgress> Progress,
    DateTimeOffset CheckedAt);

/// <summary>One non-orphaned row of the <c>blocks</c> table.</summary>
public sealed record IndexedBlock(uint Height, string Hash, DateTime Time, uint TxCount, uint ColoredTxCount);

/// <summary>One row of <c>indexer_progress</c>: how far an indexing source got.</summary>
public sealed record IndexerProgress(string Source, uint Height, string Hash, DateTime UpdatedAt);
