namespace Explorer.BlockFiles;

/// <summary>
/// A previous output spent by a transaction input, as Core keeps it in undo data (a <c>Coin</c>):
/// the txout (value in satoshis, scriptPubKey), the height of the block that created it and whether it came from a coinbase.
/// Source: Bitcoin Core src/coins.h (<c>Coin</c>) and src/undo.h (<c>TxInUndoFormatter</c>).
/// </summary>
public sealed record SpentOutput(long Value, byte[] ScriptPubKey, int Height, bool IsCoinbase);
