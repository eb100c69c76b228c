using Explorer.BlockFiles;
using Explorer.Indexer.Pipeline;
using NBitcoin;

namespace Explorer.Indexer.Sources;

/// <summary>
/// Initial sync from the node's blocks folder (fast: blocks and undo data read from disk), then the node itself from
/// the first height the folder cannot give: above the last folder block that is on the node's best chain and has its
/// undo record (a running node stores blocks before connecting them). The node is the authority on the chain
/// (<see cref="HashAt"/>, <see cref="TipHeight"/>).
/// </summary>
public sealed class FolderThenNodeSource(BlocksFolderReader folder, IBlockSource node, Action? reachedNode = null) : IBlockSource
{
    private int? _switchHeight;

    /// <summary>Last height read from the folder (-1: none), found on the first <see cref="Read"/>.</summary>
    public int SwitchHeight => _switchHeight ??= FindSwitchHeight();

    /// <summary>True once <see cref="Read"/> has gone past the folder to the node.</summary>
    public bool ReachedNode { get; private set; }

    public int TipHeight => node.TipHeight;

    public uint256? HashAt(int height) => node.HashAt(height);

    public IEnumerable<ChainBlock> Read(int fromHeight, CancellationToken ct)
    {
        var from = Math.Max(0, fromHeight);
        var last = SwitchHeight;
        if (from <= last)
        {
            foreach (var block in folder.ReadActiveChain(from, stopAtMissingUndo: true))
            {
                ct.ThrowIfCancellationRequested();
                if (block.Height > last) break;
                yield return block;
                from = block.Height + 1;
            }
        }
        ReachedNode = true;
        reachedNode?.Invoke();
        foreach (var block in node.Read(from, ct))
            yield return block;
    }

    private int FindSwitchHeight()
    {
        var active = folder.Chain.ActiveChain;
        var h = Math.Min(active.Length - 1, node.TipHeight);
        // The highest folder block with undo data (connected by the node) ...
        while (h > 0 && !folder.TryReadUndo(active[h], out _, out _)) h--;
        // ... that is on the node's best chain. Two chains share a prefix, so "on the node's chain" holds up to some
        // height and never above it: binary search (a folder of another chain costs a few calls, not one per block).
        if (h < 0 || active[h].Hash == node.HashAt(h)) return h;
        int lo = -1, hi = h; // active[lo] matches (or lo = -1), active[hi] does not
        while (hi - lo > 1)
        {
            var mid = lo + ((hi - lo) / 2);
            if (active[mid].Hash == node.HashAt(mid)) lo = mid;
            else hi = mid;
        }
        return lo;
    }

    public void Dispose()
    {
        folder.Dispose();
        node.Dispose();
    }
}
