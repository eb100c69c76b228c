using System.Buffers;
using NBitcoin;
using NBitcoin.DataEncoders;

namespace Explorer.ChainForge.Activities;

/// <summary>
/// Minimal Open Assets marker encoder for the forge (to be replaced by the shared encoder from src/Protocols).
/// Spec: https://github.com/OpenAssets/open-assets-protocol/blob/master/specification.mediawiki
/// "OAP Marker 0x4f41, Version 0x0100, Asset quantity count (var-integer), Asset quantity list (LEB128),
/// Metadata length (var-integer), Metadata".
/// </summary>
public static class OpenAssetsMarkerEncoder
{
    public static byte[] Payload(IReadOnlyList<long> quantities, ReadOnlySpan<byte> metadata)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        buffer.Write<byte>([0x4f, 0x41, 0x01, 0x00]);
        WriteCompactSize(buffer, (ulong)quantities.Count);
        foreach (var q in quantities)
        {
            // LEB128: 7 bits per byte, low group first, 0x80 when more bytes follow.
            var v = (ulong)q;
            do
            {
                var b = (byte)(v & 0x7f);
                v >>= 7;
                buffer.Write<byte>([v != 0 ? (byte)(b | 0x80) : b]);
            }
            while (v != 0);
        }

        WriteCompactSize(buffer, (ulong)metadata.Length);
        buffer.Write(metadata);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The marker output's script: OP_RETURN followed by one push of the payload.</summary>
    public static Script MarkerScript(IReadOnlyList<long> quantities, ReadOnlySpan<byte> metadata) =>
        new(OpcodeType.OP_RETURN, Op.GetPushOp(Payload(quantities, metadata)));

    /// <summary>Asset ID of an issuing script: hash160(script), base58check with version 0x17 ("A...").</summary>
    public static string AssetId(Script issuingScript) =>
        Encoders.Base58Check.EncodeData([0x17, .. issuingScript.Hash.ToBytes()]);

    private static void WriteCompactSize(ArrayBufferWriter<byte> buffer, ulong value)
    {
        var span = buffer.GetSpan(9);
        buffer.Advance(Explorer.BlockFiles.CoreVarInt.WriteCompactSize(span, value));
    }
}
