using Explorer.BlockFiles;
using Explorer.Indexer.Pipeline;
using NBitcoin;

namespace Explorer.Indexer.Sources;

/// <summary>A <see cref="NodeBlockSource"/> that disposes its <see cref="NodeClient"/> with it (one client per pass).</summary>
public sealed class OwningNodeSource(NodeBlockSource node, NodeClient client) : IBlockSource
{
    public NodeBlockSource Node => node;

    public int TipHeight => node.TipHeight;

    public uint256? HashAt(int height) => node.HashAt(height);

    public IEnumerable<ChainBlock> Read(int fromHeight, CancellationToken ct) => node.Read(fromHeight, ct);

    public void Dispose()
    {
        node.Dispose();
        client.Dispose();
    }
}
