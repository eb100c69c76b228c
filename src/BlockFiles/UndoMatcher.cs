using NBitcoin;

namespace Explorer.BlockFiles;

/// <summary>
/// Matches blocks of blk file N to undo records of rev file N. Core writes a block's undo data into the rev file
/// with the block's file number (src/node/blockstorage.cpp <c>WriteBlockUndo</c>: "FindUndoPos(state, block.nFile, ...)")
/// in connection order, so the next unclaimed record after the last match is tried first; a candidate must have
/// one transaction undo per non-coinbase transaction and a checksum equal to SHA256d(prev hash || undo data).
/// Not thread-safe: the reader serialises calls.
/// </summary>
internal sealed class UndoMatcher(List<UndoRecord> records)
{
    private readonly bool[] _claimed = new bool[records.Count];
    private readonly Dictionary<uint256, int> _matches = [];
    private int _cursor;

    public IReadOnlyList<UndoRecord> Records => records;

    public byte[]? Match(BlockRecord block, BlocksFolderReader reader, out UndoRecord? record)
    {
        if (_matches.TryGetValue(block.Hash, out var known))
        {
            record = records[known];
            return reader.ReadUndoPayload(record, out _);
        }

        for (var k = 0; k < records.Count; k++)
        {
            var i = (_cursor + k) % records.Count;
            var candidate = records[i];
            // undo.h: "std::vector<CTxUndo> vtxundo; // for all but the coinbase"
            if (_claimed[i] || candidate.TransactionCount != block.TransactionCount - 1)
            {
                continue;
            }

            var data = reader.ReadUndoPayload(candidate, out var checksum);
            if (BlocksFolderReader.UndoChecksum(block.PreviousHash, data) != checksum)
            {
                continue;
            }

            _claimed[i] = true;
            _matches[block.Hash] = i;
            _cursor = i + 1;
            record = candidate;
            return data;
        }

        record = null;
        return null;
    }
}
