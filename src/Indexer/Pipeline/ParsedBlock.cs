using Explorer.BlockFiles;
using NBitcoin;

namespace Explorer.Indexer.Pipeline;

/// <summary>A block after the parallel stage: parsed, with the prefilter's verdict per transaction
/// (<see cref="Carriers"/>[i] = transaction i has a data-carrier pattern of some protocol).</summary>
public sealed record ParsedBlock(ChainBlock Source, Block Block, uint256 Hash, bool[] Carriers)
{
    public int Height => Source.Height;

    public int Size => Source.Block.Length;
}
