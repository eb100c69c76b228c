using System.Collections.Immutable;

namespace Explorer.BlockFiles;

/// <summary>
/// Core's <c>CBlockUndo</c>: for every transaction but the coinbase, in block order, the outputs its inputs spent,
/// in input order. Source: Bitcoin Core src/undo.h ("std::vector&lt;CTxUndo&gt; vtxundo; // for all but the coinbase").
/// </summary>
public sealed record BlockUndo(ImmutableArray<ImmutableArray<SpentOutput>> Transactions)
{
    /// <summary>Spent outputs of transaction <paramref name="txIndex"/> of the block (index 0 = coinbase, which has none).</summary>
    public ImmutableArray<SpentOutput> ForTransaction(int txIndex) =>
        txIndex == 0 ? [] : Transactions[txIndex - 1];
}
