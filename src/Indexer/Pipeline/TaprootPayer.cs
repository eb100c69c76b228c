using Explorer.BlockFiles;

namespace Explorer.Indexer.Pipeline;

/// <summary>Transaction <see cref="Tx"/> of a block pays a P2TR output whose 32-byte key starts at <see cref="KeyOffset"/>
/// in the block; its input 0 spent <see cref="Funder"/> (a taproot reveal's source when this is its commit).</summary>
public readonly record struct TaprootPayer(int Tx, int KeyOffset, SpentOutput Funder);
