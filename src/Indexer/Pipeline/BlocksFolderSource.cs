using Explorer.BlockFiles;
using NBitcoin;

namespace Explorer.Indexer.Pipeline;

/// <summary>
/// The active chain of a Bitcoin Core blocks folder (stale blocks skipped), previous outputs from the undo files.
/// Before the active block at a height, the undo records of stale branches forking below it are claimed first, in
/// the order a node connected them: a stale sibling shares the parent hash that keys the undo checksum, so the
/// reader's sequential matcher could otherwise hand the winner its sibling's undo record (docs/indexer.md).
/// </summary>
public sealed class BlocksFolderSource(BlocksFolderReader reader) : IBlockSource
{
    private readonly ILookup<uint256, BlockRecord> _staleChildren = reader.Chain.Stale.ToLookup(r => r.PreviousHash);

    public static BlocksFolderSource Open(string directory, ImmutableMagic magic) => new(BlocksFolderReader.Open(directory, magic));

    public int TipHeight => reader.Chain.ActiveChain.Length - 1;

    public uint256? HashAt(int height) =>
        height >= 0 && height < reader.Chain.ActiveChain.Length ? reader.Chain.ActiveChain[height].Hash : null;

    public IEnumerable<ChainBlock> Read(int fromHeight, CancellationToken ct)
    {
        var active = reader.Chain.ActiveChain;
        for (var h = Math.Max(0, fromHeight); h < active.Length; h++)
        {
            ct.ThrowIfCancellationRequested();
            var record = active[h];
            if (h == 0)
            {
                yield return new ChainBlock(0, record, reader.ReadBlock(record), null);
                continue;
            }
            ClaimStaleBranches(active[h - 1].Hash);
            if (!reader.TryReadUndo(record, out var undo, out _))
                throw new InvalidDataException($"No undo record for block {record.Hash} at height {h}.");
            yield return new ChainBlock(h, record, reader.ReadBlock(record), undo);
        }
    }

    private void ClaimStaleBranches(uint256 parent)
    {
        var pending = new Stack<BlockRecord>(_staleChildren[parent].Reverse());
        while (pending.Count > 0)
        {
            var stale = pending.Pop();
            reader.TryReadUndo(stale, out _, out _);
            foreach (var child in _staleChildren[stale.Hash].Reverse()) pending.Push(child);
        }
    }

    public void Dispose() => reader.Dispose();
}
