using Explorer.BlockFiles;
using NBitcoin;

namespace Explorer.Indexer.Pipeline;

/// <summary>
/// The active chain of a Bitcoin Core blocks folder (stale blocks skipped), previous outputs from the undo files.
/// The reader tells a block's undo record from its stale siblings' (same parent hash, hence same checksum key) by
/// their per-transaction input counts, so blocks can be asked for in any order.
/// </summary>
public sealed class BlocksFolderSource(BlocksFolderReader reader) : IBlockSource
{
    public static BlocksFolderSource Open(string directory, MessageStart magic) => new(BlocksFolderReader.Open(directory, magic));

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
            if (!reader.TryReadUndo(record, out var undo, out _))
                throw new InvalidDataException($"No undo record for block {record.Hash} at height {h}.");
            yield return new ChainBlock(h, record, reader.ReadBlock(record), undo);
        }
    }

    public void Dispose() => reader.Dispose();
}
