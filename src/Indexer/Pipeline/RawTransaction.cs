namespace Explorer.Indexer.Pipeline;

/// <summary>
/// Where one transaction sits in a serialized block (offsets into the block's bytes). Its txid is the double SHA-256
/// of the serialization without witness (BIP 144): <c>[Start, Start+4)</c> (version), <c>[BodyStart, WitnessStart)</c>
/// (inputs and outputs), <c>[End-4, End)</c> (lock time); without witness these three ranges are the whole transaction.
/// Its inputs' outpoints (36 bytes: txid, vout) start at <see cref="RawBlockLayout.PrevoutOffsets"/>[FirstInput..].
/// </summary>
public readonly record struct RawTransaction(int Start, int End, int BodyStart, int WitnessStart, int FirstInput, int InputCount)
{
    public int Length => End - Start;

    /// <summary>BIP 144 extended format (marker 0x00 and flag 0x01 after the version).</summary>
    public bool HasWitness => BodyStart != Start + 4;
}
