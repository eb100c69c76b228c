namespace Explorer.Indexer.Pipeline;

/// <summary>Transaction <see cref="Tx"/> of a block pays a P2TR output, its output <see cref="Output"/>, whose 32-byte key
/// starts at <see cref="KeyOffset"/> in the block (a taproot reveal's commit, possibly); the output its input 0 spent is
/// stored at <see cref="FunderAt"/> in the block's serialized undo data (BlockUndo.TryLocateFirstSpent; -1: not
/// located, read when recorded). Sixteen bytes without references: a block's payers are one flat array the garbage
/// collector neither walks nor copies with barriers.</summary>
public readonly record struct TaprootPayer(int Tx, int KeyOffset, int FunderAt = -1, int Output = 0);
