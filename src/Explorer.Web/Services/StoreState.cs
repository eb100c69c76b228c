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
