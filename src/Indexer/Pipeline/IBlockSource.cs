using Explorer.BlockFiles;
using NBitcoin;

namespace Explorer.Indexer.Pipeline;

/// <summary>
/// Where blocks come from, in chain order with the outputs their inputs spend (undo data). One pass: the source's
/// view of the best chain when the pass started.
/// </summary>
public interface IBlockSource : IDisposable
{
    /// <summary>Height of the source's best block, or -1 when it has none.</summary>
    int TipHeight { get; }

    /// <summary>Hash of the source's best-chain block at <paramref name="height"/>, or null above its tip.</summary>
    uint256? HashAt(int height);

    /// <summary>Blocks from <paramref name="fromHeight"/> to the tip, in order. A block's parent is the previous one
    /// or, for a source that replays a reorg, an earlier block the indexer has seen.</summary>
    IEnumerable<ChainBlock> Read(int fromHeight, CancellationToken ct);
}
