using NBitcoin;

namespace Explorer.BlockFiles;

/// <summary>
/// Matches blocks of blk file N to undo records of rev file N. Core writes a block's undo data into the rev file
/// with the block's file number (src/node/blockstorage.cpp <c>WriteBlockUndo</c>: "FindUndoPos(state, block.nFile, ...)")
/// in connection order, so the next unclaimed record after the last match is tried first; a candidate must have
/// one transaction undo per non-coinbase transaction and a checksum equal to SHA256d(prev hash || undo data).
/// The checksum is keyed by the parent hash, so sibling blocks (same parent, same file, same transaction count) are
/// matched together: a record goes to the sibling whose non-coinbase transactions have the record's per-transaction
/// input counts (undo.h: "CTxUndo ... std::vector&lt;Coin&gt; vprevout", one per input); among structurally identical
/// siblings, stale ones take the earlier records and the active one the last, since a node writes a stale branch's
/// undo when it connects it, before reorganizing away from it.
/// Not thread-safe: the reader serialises calls.
/// </summary>
internal sealed class UndoMatcher(List<UndoRecord> records)
{
    private readonly bool[] _claimed = new bool[records.Count];
    private readonly Dictionary<uint256, int> _matches = [];
    private readonly HashSet<uint256> _resolved = [];
    private int _cursor;

    public IReadOnlyList<UndoRecord> Records => records;

    /// <param name="pool">Lend the payload's array from this pool (it may be longer than the record: its first
    /// <see cref="UndoRecord.Size"/> bytes are the payload); null: an array of exactly the payload.</param>
    public byte[]? Match(BlockRecord block, BlocksFolderReader reader, out UndoRecord? record, System.Buffers.ArrayPool<byte>? pool = null)
    {
        if (_matches.TryGetValue(block.Hash, out var known))
        {
            record = records[known];
            return reader.ReadUndoPayload(record, out _, pool);
        }

        var siblings = reader.SiblingsInFile(block);
        if (siblings.Count > 1)
        {
            return MatchSiblings(block, siblings, reader, out record, pool);
        }

        for (var k = 0; k < records.Count; k++)
        {
            var i = (_cursor + k) % records.Count;
            if (!IsCandidate(i, block))
            {
                continue;
            }

            var data = reader.ReadUndoPayload(records[i], out var checksum, pool);
            if (BlocksFolderReader.UndoChecksum(block.PreviousHash, data.AsSpan(0, records[i].Size)) != checksum)
            {
                pool?.Return(data);
                continue;
            }

            Claim(i, block);
            record = records[i];
            return data;
        }

        record = null;
        return null;
    }

    private bool IsCandidate(int i, BlockRecord block) =>
        // undo.h: "std::vector<CTxUndo> vtxundo; // for all but the coinbase"
        !_claimed[i] && records[i].TransactionCount == block.TransactionCount - 1;

    private void Claim(int i, BlockRecord block)
    {
        _claimed[i] = true;
        _matches[block.Hash] = i;
        _cursor = i + 1;
    }

    private byte[]? MatchSiblings(BlockRecord block, IReadOnlyList<BlockRecord> siblings, BlocksFolderReader reader, out UndoRecord? record,
        System.Buffers.ArrayPool<byte>? pool)
    {
        if (_resolved.Add(block.PreviousHash))
        {
            ResolveSiblings(siblings, reader);
        }

        if (_matches.TryGetValue(block.Hash, out var i))
        {
            record = records[i];
            return reader.ReadUndoPayload(record, out _, pool);
        }

        record = null;
        return null;
    }

    private void ResolveSiblings(IReadOnlyList<BlockRecord> siblings, BlocksFolderReader reader)
    {
        var first = siblings[0];
        var candidates = new List<(int Index, int[] Shape)>();
        for (var i = 0; i < records.Count; i++)
        {
            if (!IsCandidate(i, first))
            {
                continue;
            }

            var data = reader.ReadUndoPayload(records[i], out var checksum);
            if (BlocksFolderReader.UndoChecksum(first.PreviousHash, data) == checksum
                && UndoSerializer.TryParse(data, out var undo, out _))
            {
                candidates.Add((i, undo.Transactions.Select(t => t.Length).ToArray()));
            }
        }

        // Active sibling first (it takes the last matching record), then stale ones in arrival order (earliest first).
        foreach (var sibling in siblings.OrderBy(s => reader.Chain.IsActive(s.Hash) ? 0 : 1))
        {
            var shape = InputCounts(reader.ReadBlock(sibling));
            var active = reader.Chain.IsActive(sibling.Hash);
            var matching = candidates.Where(c => !_claimed[c.Index] && c.Shape.AsSpan().SequenceEqual(shape)).ToList();
            if (matching.Count > 0)
            {
                Claim(active ? matching[^1].Index : matching[0].Index, sibling);
            }
        }
    }

    /// <summary>Input count of each non-coinbase transaction of a serialized block.</summary>
    private static int[] InputCounts(byte[] serializedBlock)
    {
        var block = Block.Load(serializedBlock, Network.Main);
        return block.Transactions.Skip(1).Select(t => t.Inputs.Count).ToArray();
    }
}
