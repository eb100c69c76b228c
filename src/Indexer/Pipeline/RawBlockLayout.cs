namespace Explorer.Indexer.Pipeline;

/// <summary>
/// What <see cref="RawBlockScanner"/> found in a serialized block: each transaction's place, the offset of every
/// input's outpoint (all transactions, in order), and the carrier verdict per transaction
/// (<see cref="CarrierPrefilter"/>'s rules on the raw scripts; false for the coinbase).
/// </summary>
public sealed record RawBlockLayout(RawTransaction[] Transactions, int[] PrevoutOffsets, bool[] Carriers)
{
    /// <summary>Every P2TR output key (BIP 341: OP_1 &lt;32-byte key&gt;) paid by a transaction but the coinbase, in
    /// block order: where the key is and which transaction pays it (a possible Counterparty commit; funders not filled
    /// in, see BlockParser.TaprootPayers).</summary>
    public TaprootPayer[] TaprootKeys { get; init; } = [];

    /// <summary>Per input (as <see cref="PrevoutOffsets"/>), its outpoint's hash for the colored-outpoint buckets
    /// (<see cref="ColoredUtxoSet.OutpointHash"/>), taken by the scan while the bytes are in the cache: the state stage
    /// looks every input up, and reading the outpoints again there missed the cache (session 5). Null: not computed
    /// (the set reads the bytes).</summary>
    public uint[]? PrevoutHashes { get; init; }
}
