extern alias indexer;

using Explorer.BlockFiles;
using indexer::Explorer.Indexer.Pipeline;
using NBitcoin;

namespace Explorer.Web.Tests.Indexed;

/// <summary>A block source that ends at <paramref name="maxHeight"/>: the chain as a node saw it before the later blocks were mined.</summary>
public sealed class TruncatedSource(IBlockSource inner, int maxHeight) : IBlockSource
{
    public int TipHeight => Math.Min(inner.TipHeight, maxHeight);

    public uint256? HashAt(int height) => height > maxHeight ? null : inner.HashAt(height);

    public IEnumerable<ChainBlock> Read(int fromHeight, CancellationToken ct) =>
        inner.Read(fromHeight, ct).TakeWhile(b => b.Height <= maxHeight);

    public void Dispose() => inner.Dispose();
}
