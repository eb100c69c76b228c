namespace Explorer.ChainForge.Live;

/// <summary>An error answered by the node (bcoin uses code -1 where Core uses -5 for "not found").</summary>
public sealed class NodeRpcException(int code, string message) : Exception(message)
{
    public int Code { get; } = code;
}
