namespace Explorer.Indexer.Pipeline;

/// <summary>Transaction <see cref="Tx"/> of a block pays a P2TR output whose 32-byte key starts at <see cref="KeyOffset"/>
/// in the block (a taproot reveal's commit, possibly). No references: a block's payers are one flat array, which the
/// garbage collector neither walks nor copies with barriers (their funders are read from the undo data when recorded).</summary>
public readonly record struct TaprootPayer(int Tx, int KeyOffset);
