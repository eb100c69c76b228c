namespace Explorer.Indexer.Pipeline;

/// <summary>
/// What <see cref="RawBlockScanner"/> found in a serialized block: each transaction's place, the offset of every
/// input's outpoint (all transactions, in order), and the carrier verdict per transaction
/// (<see cref="CarrierPrefilter"/>'s rules on the raw scripts; false for the coinbase).
/// </summary>
public sealed record RawBlockLayout(RawTransaction[] Transactions, int[] PrevoutOffsets, bool[] Carriers)
{
    /// <summary>[i] = transaction i pays a P2TR output (a possible Counterparty commit); null when not scanned for.</summary>
    public bool[]? PaysTaproot { get; init; }
}
