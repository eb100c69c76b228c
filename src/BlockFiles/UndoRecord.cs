using NBitcoin;

namespace Explorer.BlockFiles;

/// <summary>
/// One undo record of a rev file: magic, size, <c>CBlockUndo</c> (<see cref="Size"/> bytes at <see cref="DataOffset"/>),
/// then a 32-byte checksum not counted in size: double SHA-256 of the previous block's hash followed by the undo data.
/// Source: Bitcoin Core src/node/blockstorage.cpp <c>WriteBlockUndo</c> ("hasher &lt;&lt; block.pprev-&gt;GetBlockHash() &lt;&lt; blockundo").
/// </summary>
public sealed record UndoRecord(int File, long DataOffset, int Size, uint256 Checksum, int TransactionCount);
