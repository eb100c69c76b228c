using System.Collections.Immutable;

namespace Explorer.Protocols.Counterparty;

/// <summary>How a Counterparty message travels in a transaction (the decode contract's <c>carrier</c>).</summary>
public enum XcpCarrier
{
    None = 0,
    OpReturn,
    Multisig,
    PubkeyHash,
    P2sh,
    Taproot,
}

/// <summary>One data-carrying piece of a transaction: where it sits (<see cref="Location"/>, e.g.
/// "output[2].script" or "input[0].scriptSig"), the bytes as found there (obfuscated), the bytes after ARC4 (equal to
/// the raw bytes for plaintext carriers), and which slice of the decrypted bytes is message data.</summary>
public sealed record XcpChunk(
    XcpCarrier Carrier,
    string Location,
    ImmutableArray<ByteSpan> RawRanges,
    byte[] Raw,
    byte[] Decrypted,
    int DataOffset,
    int DataLength);

/// <summary>A byte range inside the script named by the chunk's location.</summary>
public readonly record struct ByteSpan(int Offset, int Length);

/// <summary>
/// What <c>get_tx_info</c> derives from a transaction (counterparty-core lib/parser/gettxinfo.py and
/// counterparty-rs bitcoin_client.rs parse_vout): the message data (prefix removed), destinations, the BTC sent to
/// them, the fee and the source. <see cref="Fee"/> and <see cref="Source"/> are null without the previous outputs.
/// </summary>
public sealed record XcpExtraction(
    XcpCarrier Carrier,
    byte[] Data,
    ImmutableArray<string> Destinations,
    long BtcAmount,
    long? Fee,
    string? Source,
    ImmutableArray<XcpChunk> Chunks,
    bool IsBurn)
{
    /// <summary>Destinations joined with "-", as counterparty-core stores them; null when there is none.</summary>
    public string? Destination => Destinations.IsDefaultOrEmpty ? null : string.Join("-", Destinations);
}
