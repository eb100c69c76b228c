namespace Explorer.BlockFiles;

/// <summary>
/// A block of the active chain, read from the folder: its height, its record, the serialized block (with witnesses,
/// de-obfuscated) and its undo data (the outputs spent by each input; null for the genesis block).
/// </summary>
public sealed record ChainBlock(int Height, BlockRecord Record, byte[] Block, BlockUndo? Undo);
