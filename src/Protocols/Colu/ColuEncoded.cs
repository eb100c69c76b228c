using System.Collections.Immutable;

namespace Explorer.Protocols.Colu;

/// <summary>
/// The result of <see cref="ColuPayloadEncoder.TryEncodeLikeReference"/>: the OP_RETURN data, the hashes left over for
/// the multisig output (torrent hash first, as the reference's leftover array), and the payments with their skip bits.
/// </summary>
public sealed record ColuEncoded(byte[] Payload, ImmutableArray<byte[]> Leftover, ImmutableArray<ColuPayment> Payments);
