using System.Collections.Immutable;
using Explorer.Protocols.Common;

namespace Explorer.Protocols.Colu;

/// <summary>
/// A decoded Colu Colored Coins OP_RETURN payload (tag "CC", version, opcode, body).
/// Spec: https://github.com/Colored-Coins/Colored-Coins-Protocol-Specification/wiki/OP_CODES
/// <see cref="TorrentHash"/> and <see cref="Sha2"/> hold the hashes found in the payload itself; the ones that live in
/// the multisig output are listed in <see cref="MultiSig"/> (key index and hash type), as cc-transaction reports them.
/// Issuance fields are null for transfers and burns.
/// </summary>
public sealed record ColuPayload(
    byte Version,
    byte Opcode,
    ColuKind Kind,
    ImmutableArray<ColuPayment> Payments,
    byte[]? TorrentHash = null,
    byte[]? Sha2 = null,
    bool? NoRules = null,
    ulong? Amount = null,
    int? Divisibility = null,
    bool? LockStatus = null,
    ColuAggregationPolicy? AggregationPolicy = null)
{
    public const ushort Tag = 0x4343;

    /// <summary>Where each decoded field came from, in the "colu.payload" layer; empty for a payload built in code.</summary>
    public ImmutableArray<Annotation> Fields { get; init; } = [];

    /// <summary>The hashes this opcode keeps in a 1-of-2 or 1-of-3 bare multisig output (cc-transaction's multiSig list).</summary>
    public ImmutableArray<ColuMultisigHash> MultiSig => ColuOpcodes.MultisigHashes(Opcode);

    /// <summary>Where the metadata hashes are, or null when the opcode carries none.</summary>
    public ColuMetadataCarrier? MetadataCarrier => ColuOpcodes.Carrier(Opcode);
}
