namespace Explorer.Indexer.Tests.Faults;

/// <summary>What <see cref="FaultProxy"/> does with connections.</summary>
public enum ProxyFault
{
    /// <summary>Forwards bytes both ways to the real server.</summary>
    None,

    /// <summary>Not listening: connecting fails with ECONNREFUSED, as with a server that is down.</summary>
    Refuse,

    /// <summary>Reads each request and answers HTTP 500 with a ClickHouse-style exception body.</summary>
    ServerError,

    /// <summary>Accepts and reads, never answers (a hung server): the client's timeout must fire.</summary>
    Hang,
}
