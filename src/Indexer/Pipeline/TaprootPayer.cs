namespace Explorer.Indexer.Pipeline;

/// <summary>Transaction <see cref="Tx"/> of a block pays a P2TR output whose 32-byte key starts at <see cref="KeyOffset"/>
/// in the block (a taproot reveal's commit, possibly); its input 0 spent <see cref="FunderValue"/> satoshis locked by the
/// script at <see cref="FunderScriptStart"/> in the block's serialized undo data, in Core's compressed form
/// (<see cref="FunderScriptStart"/> = -1: undo data made from parsed outputs, read when recorded). No references: a
/// block's payers are one flat array, which the garbage collector neither walks nor copies with barriers.</summary>
public readonly record struct TaprootPayer(int Tx, int KeyOffset, long FunderValue = 0, int FunderScriptStart = -1, int FunderScriptLength = 0);
