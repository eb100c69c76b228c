using System.Collections.Immutable;

namespace Explorer.Protocols.Colu;

/// <summary>
/// The opcode table of Colu payloads (../shared/docs/protocols.md 2.2; cc-issuance-encoder and cc-transfer-encoder OP_CODES).
/// Issuance 0x01–0x06, transfer 0x10–0x15, burn 0x20–0x25; the low nibble of transfer and burn opcodes means the same.
/// </summary>
public static class ColuOpcodes
{
    private static readonly ImmutableArray<ColuMultisigHash> Sha2Only = [new(1, ColuHashType.Sha2)];
    private static readonly ImmutableArray<ColuMultisigHash> Both = [new(1, ColuHashType.Sha2), new(2, ColuHashType.TorrentHash)];

    /// <summary>The family of <paramref name="opcode"/>, or null for a code no reference decoder accepts.</summary>
    public static ColuKind? KindOf(byte opcode) => opcode switch
    {
        >= 0x01 and <= 0x06 => ColuKind.Issuance,
        >= 0x10 and <= 0x15 => ColuKind.Transfer,
        >= 0x20 and <= 0x25 => ColuKind.Burn,
        _ => null,
    };

    /// <summary>The metadata layout shared by one issuance code and its transfer/burn twin (0..5 for 0x10..0x15).</summary>
    public static ColuHashLayout LayoutOf(byte opcode) => KindOf(opcode) switch
    {
        ColuKind.Issuance => opcode switch
        {
            0x01 => ColuHashLayout.BothInOpReturn,
            0x02 => ColuHashLayout.TorrentInOpReturnSha2InMultisig,
            0x03 => ColuHashLayout.BothInMultisig,
            0x04 => ColuHashLayout.TorrentOnly,
            0x05 => ColuHashLayout.NoMetadataNoRules,
            _ => ColuHashLayout.NoMetadataRulesAllowed,
        },
        ColuKind.Transfer or ColuKind.Burn => (opcode & 0x0F) switch
        {
            0 => ColuHashLayout.BothInOpReturn,
            1 => ColuHashLayout.TorrentInOpReturnSha2InMultisig,
            2 => ColuHashLayout.BothInMultisig,
            3 => ColuHashLayout.TorrentOnly,
            4 => ColuHashLayout.TorrentOnlyNoRules,
            _ => ColuHashLayout.NoMetadata,
        },
        _ => ColuHashLayout.NoMetadata,
    };

    /// <summary>The opcode of <paramref name="kind"/> with metadata layout <paramref name="layout"/>, or null if none.</summary>
    public static byte? OpcodeOf(ColuKind kind, ColuHashLayout layout) => (kind, layout) switch
    {
        (ColuKind.Issuance, ColuHashLayout.BothInOpReturn) => 0x01,
        (ColuKind.Issuance, ColuHashLayout.TorrentInOpReturnSha2InMultisig) => 0x02,
        (ColuKind.Issuance, ColuHashLayout.BothInMultisig) => 0x03,
        (ColuKind.Issuance, ColuHashLayout.TorrentOnly) => 0x04,
        (ColuKind.Issuance, ColuHashLayout.NoMetadataNoRules) => 0x05,
        (ColuKind.Issuance, ColuHashLayout.NoMetadataRulesAllowed) => 0x06,
        (ColuKind.Issuance, _) => null,
        (_, ColuHashLayout.BothInOpReturn) => (byte)(Base(kind) + 0),
        (_, ColuHashLayout.TorrentInOpReturnSha2InMultisig) => (byte)(Base(kind) + 1),
        (_, ColuHashLayout.BothInMultisig) => (byte)(Base(kind) + 2),
        (_, ColuHashLayout.TorrentOnly) => (byte)(Base(kind) + 3),
        (_, ColuHashLayout.TorrentOnlyNoRules) => (byte)(Base(kind) + 4),
        (_, ColuHashLayout.NoMetadata) => (byte)(Base(kind) + 5),
        _ => null,
    };

    public static ImmutableArray<ColuMultisigHash> MultisigHashes(byte opcode) => LayoutOf(opcode) switch
    {
        ColuHashLayout.TorrentInOpReturnSha2InMultisig => Sha2Only,
        ColuHashLayout.BothInMultisig => Both,
        _ => [],
    };

    public static ColuMetadataCarrier? Carrier(byte opcode) => LayoutOf(opcode) switch
    {
        ColuHashLayout.BothInOpReturn or ColuHashLayout.TorrentOnly or ColuHashLayout.TorrentOnlyNoRules => ColuMetadataCarrier.OpReturn,
        ColuHashLayout.TorrentInOpReturnSha2InMultisig or ColuHashLayout.BothInMultisig => ColuMetadataCarrier.Multisig,
        _ => null,
    };

    /// <summary>noRules as the opcode states it: 0x05 and 0x14/0x24 true, 0x06 and 0x13/0x23 false, otherwise not stated.</summary>
    public static bool? NoRules(byte opcode) => LayoutOf(opcode) switch
    {
        ColuHashLayout.NoMetadataNoRules or ColuHashLayout.TorrentOnlyNoRules => true,
        ColuHashLayout.NoMetadataRulesAllowed => false,
        ColuHashLayout.TorrentOnly when KindOf(opcode) != ColuKind.Issuance => false,
        _ => null,
    };

    /// <summary>Bytes of hashes inside the OP_RETURN for this opcode: torrent hash first, then sha2.</summary>
    public static (bool Torrent, bool Sha2) InPayload(byte opcode) => LayoutOf(opcode) switch
    {
        ColuHashLayout.BothInOpReturn => (true, true),
        ColuHashLayout.TorrentInOpReturnSha2InMultisig or ColuHashLayout.TorrentOnly or ColuHashLayout.TorrentOnlyNoRules => (true, false),
        _ => (false, false),
    };

    private static byte Base(ColuKind kind) => kind == ColuKind.Transfer ? (byte)0x10 : (byte)0x20;
}
