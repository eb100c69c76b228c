namespace Explorer.Indexer.Sources;

/// <summary>
/// The node could not be used for a moment or answered something unusable: unreachable, cut mid-answer, an RPC error,
/// an answer that does not parse, or a chain that changed under a pass. Retrying later can fix it, so the service
/// restarts the pass with capped back-off (unlike <see cref="Pipeline.IndexerException"/>, which stops indexing).
/// </summary>
public sealed class NodeSourceException : Exception
{
    public NodeSourceException(string message) : base(message) { }

    public NodeSourceException(string message, Exception inner) : base(message, inner) { }

    public NodeSourceException() { }

    /// <summary>The RPC method or REST path that failed (empty when none).</summary>
    public string Call { get; init; } = string.Empty;

    /// <summary>The node's JSON-RPC error code when it answered with one.</summary>
    public int? RpcCode { get; init; }
}
