using System.Buffers;
using Explorer.BlockFiles;
using NBitcoin;

namespace Explorer.Indexer.Pipeline;

/// <summary>
/// The active chain of a Bitcoin Core blocks folder (stale blocks skipped), previous outputs from the undo files.
/// The reader tells a block's undo record from its stale siblings' (same parent hash, hence same checksum key) by
/// their per-transaction input counts, so blocks can be asked for in any order.
/// </summary>
/// <param name="pooled">Lend each block's bytes from a buffer pool (the indexer gives them back after its state stage,
/// <see cref="ChainBlock.Release"/>): a block is a large object, and a new array per block made the garbage collector
/// run full collections every few dozen blocks.</param>
public sealed class BlocksFolderSource(BlocksFolderReader reader, bool pooled = false) : IBlockSource
{
    // Blocks in flight are at most the parse-ahead window plus a few: 96 buffers per size class is enough.
    private static readonly ArrayPool<byte> Buffers = ArrayPool<byte>.Create(64 << 20, 96);

    public static BlocksFolderSource Open(string directory, MessageStart magic, bool pooled = false) =>
        new(BlocksFolderReader.Open(directory, magic), pooled);

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
                yield return Block(0, record, null, null);
                continue;
            }
            if (!TryReadUndo(record, h, out var undo, out var lentUndo))
            {
                // A node stores blocks before it connects them and writes the undo data when it connects one, in
                // chain order: a block without undo data followed by one without is not connected yet (the pass ends
                // before it); followed by one with undo data, its own record is missing or damaged.
                if (h + 1 < active.Length && TryReadUndo(active[h + 1], h + 1, out _, out var next))
                {
                    if (next is not null) Buffers.Return(next);
                    throw MalformedBlockException.For(record, h, "its undo record is missing or its checksum does not match, while the next block's is present");
                }
                yield break;
            }
            yield return Block(h, record, undo, lentUndo);
        }
    }

    private ChainBlock Block(int height, BlockRecord record, BlockUndo? undo, byte[]? lentUndo)
    {
        // A part wanted after the bytes went back (a taproot commit's transaction, RevealPayerBlock) is read again.
        BlockBytesReader again = (offset, destination) => reader.ReadBlockBytes(record, offset, destination);
        if (!pooled) return new ChainBlock(height, record, ReadBlock(record, height), undo) { ReadAgain = again };
        var buffer = Buffers.Rent(record.Size);
        try
        {
            reader.ReadBlock(record, buffer);
        }
        catch (EndOfStreamException ex)
        {
            Buffers.Return(buffer);
            if (lentUndo is not null) Buffers.Return(lentUndo);
            throw MalformedBlockException.For(record, height, ex.Message, ex);
        }
        return new ChainBlock(height, record, buffer.AsMemory(0, record.Size), undo, () =>
        {
            Buffers.Return(buffer);
            if (lentUndo is not null) Buffers.Return(lentUndo);
        }) { ReadAgain = again };
    }

    private byte[] ReadBlock(BlockRecord record, int height)
    {
        try
        {
            return reader.ReadBlock(record);
        }
        catch (EndOfStreamException ex)
        {
            throw MalformedBlockException.For(record, height, ex.Message, ex);
        }
    }

    // Undo payloads are lent from the same pool as the blocks when the blocks are (most are above the large-object
    // threshold: one array each made the collector's full collections).
    private bool TryReadUndo(BlockRecord record, int height, out BlockUndo undo, out byte[]? lent)
    {
        try
        {
            return reader.TryReadUndo(record, pooled ? Buffers : null, out undo, out _, out lent);
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException)
        {
            throw MalformedBlockException.For(record, height, $"undo data: {ex.Message}", ex);
        }
    }

    public void Dispose() => reader.Dispose();
}
