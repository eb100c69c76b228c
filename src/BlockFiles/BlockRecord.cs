using NBitcoin;

namespace Explorer.BlockFiles;

/// <summary>
/// One block record of a blk file: where its bytes are (<see cref="DataOffset"/> is the position of the block itself,
/// after magic and size), and what its 80-byte header says.
/// </summary>
public sealed record BlockRecord(
    int File,
    long DataOffset,
    int Size,
    uint256 Hash,
    uint256 PreviousHash,
    uint Bits,
    uint Time,
    int TransactionCount);
