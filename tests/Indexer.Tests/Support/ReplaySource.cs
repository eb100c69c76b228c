using Explorer.BlockFiles;
using Explorer.Indexer.Pipeline;
using NBitcoin;

namespace Explorer.Indexer.Tests.Support;

/// <summary>
/// Replays a blocks folder as a node saw it: before the active block at height h, every stale branch forking from
/// height h-1 is delivered first (as it was connected before the reorg), so the indexer must roll it back when the
/// winning block arrives. <see cref="StopAfter"/> ends the pass early (a stopped indexer).
/// </summary>
public sealed class ReplaySource(BlocksFolderReader reader) : IBlockSource
{
    private readonly ILookup<uint256, BlockRecord> _staleChildren = reader.Chain.Stale.ToLookup(r => r.PreviousHash);

    public int StopAfter { get; set; } = int.MaxValue;

    public int TipHeight => reader.Chain.ActiveChain.Length - 1;

    public uint256? HashAt(int height) =>
        height >= 0 && height < reader.Chain.ActiveChain.Length ? reader.Chain.ActiveChain[height].Hash : null;

    public IEnumerable<ChainBlock> Read(int fromHeight, CancellationToken ct)
    {
        var active = reader.Chain.ActiveChain;
        for (var h = fromHeight; h < active.Length && h <= StopAfter; h++)
        {
            ct.ThrowIfCancellationRequested();
            if (h > 0)
            {
                // Stale branch(es) from the parent: walk each branch by linkage.
                foreach (var first in _staleChildren[active[h - 1].Hash])
                {
                    var record = first;
                    var height = h;
                    while (true)
                    {
                        yield return Load(record, height);
                        var next = _staleChildren[record.Hash].FirstOrDefault();
                        if (next is null) break;
                        record = next;
                        height++;
                    }
                }
            }
            yield return Load(active[h], h);
        }
    }

    private ChainBlock Load(BlockRecord record, int height) =>
        new(height, record, reader.ReadBlock(record), reader.TryReadUndo(record, out var undo, out _) ? undo : null);

    public void Dispose() => reader.Dispose();
}
