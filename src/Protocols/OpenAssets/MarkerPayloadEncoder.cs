using System.Buffers.Binary;

namespace Explorer.Protocols.OpenAssets;

/// <summary>
/// Writes Open Assets marker payloads and marker scripts, the inverse of <see cref="MarkerPayloadDecoder"/>
/// and <see cref="MarkerScriptParser"/>. Spec: https://github.com/OpenAssets/open-assets-protocol/blob/master/specification.mediawiki#marker-output
/// Var-ints are written canonically (shortest form), LEB128 minimally, the push with the smallest PUSHDATA opcode.
/// </summary>
public static class MarkerPayloadEncoder
{
    private const byte OpReturn = 0x6A;
    private const byte OpPushData1 = 0x4C;
    private const byte OpPushData2 = 0x4D;
    private const byte OpPushData4 = 0x4E;

    /// <summary>Payload length in bytes, or -1 when a quantity exceeds 2^63 - 1 (not encodable).</summary>
    public static int GetPayloadLength(OpenAssetsMarker marker)
    {
        ArgumentNullException.ThrowIfNull(marker);
        long length = 4 + CompactSizeLength((ulong)marker.Quantities.Length);
        foreach (var q in marker.Quantities)
        {
            // "The maximum valid asset quantity for an output is 2^63 - 1 units."
            if (q > MarkerPayloadDecoder.MaxQuantity) return -1;
            length += Leb128Length(q);
        }
        length += CompactSizeLength((ulong)marker.Metadata.Length) + marker.Metadata.Length;
        return length > int.MaxValue ? -1 : (int)length;
    }

    /// <summary>Writes the payload into <paramref name="destination"/>; false when it does not fit or a quantity is too large.</summary>
    public static bool TryWritePayload(OpenAssetsMarker marker, Span<byte> destination, out int written)
    {
        written = 0;
        var length = GetPayloadLength(marker);
        if (length < 0 || destination.Length < length) return false;
        var pos = 0;
        destination[pos++] = MarkerPayloadDecoder.TagByte0;
        destination[pos++] = MarkerPayloadDecoder.TagByte1;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[pos..], marker.Version);
        pos += 2;
        pos += WriteCompactSize((ulong)marker.Quantities.Length, destination[pos..]);
        foreach (var q in marker.Quantities)
        {
            var v = q;
            do
            {
                var b = (byte)(v & 0x7F);
                v >>= 7;
                destination[pos++] = v != 0 ? (byte)(b | 0x80) : b;
            }
            while (v != 0);
        }
        pos += WriteCompactSize((ulong)marker.Metadata.Length, destination[pos..]);
        marker.Metadata.Span.CopyTo(destination[pos..]);
        written = pos + marker.Metadata.Length;
        return true;
    }

    /// <summary>The payload bytes; throws <see cref="ArgumentOutOfRangeException"/> for a quantity above 2^63 - 1.</summary>
    public static byte[] EncodePayload(OpenAssetsMarker marker)
    {
        var length = GetPayloadLength(marker);
        if (length < 0) throw new ArgumentOutOfRangeException(nameof(marker), "an asset quantity exceeds 2^63 - 1");
        var bytes = new byte[length];
        TryWritePayload(marker, bytes, out _);
        return bytes;
    }

    /// <summary>"OP_RETURN opcode (0x6a) | PUSHDATA opcode (0x01 to 0x4e, depending on the size of the payload) | payload".</summary>
    public static byte[] EncodeScript(OpenAssetsMarker marker)
    {
        var payload = EncodePayload(marker);
        var header = payload.Length switch
        {
            < OpPushData1 => new[] { (byte)payload.Length },
            <= 0xFF => [OpPushData1, (byte)payload.Length],
            <= 0xFFFF => [OpPushData2, (byte)payload.Length, (byte)(payload.Length >> 8)],
            _ => [OpPushData4, (byte)payload.Length, (byte)(payload.Length >> 8), (byte)(payload.Length >> 16), (byte)(payload.Length >> 24)],
        };
        return [OpReturn, .. header, .. payload];
    }

    public static int Leb128Length(ulong value)
    {
        var n = 1;
        while ((value >>= 7) != 0) n++;
        return n;
    }

    public static int CompactSizeLength(ulong value) => value switch
    {
        < 0xFD => 1,
        <= 0xFFFF => 3,
        <= 0xFFFF_FFFF => 5,
        _ => 9,
    };

    private static int WriteCompactSize(ulong value, Span<byte> destination)
    {
        switch (value)
        {
            case < 0xFD:
                destination[0] = (byte)value;
                return 1;
            case <= 0xFFFF:
                destination[0] = 0xFD;
                BinaryPrimitives.WriteUInt16LittleEndian(destination[1..], (ushort)value);
                return 3;
            case <= 0xFFFF_FFFF:
                destination[0] = 0xFE;
                BinaryPrimitives.WriteUInt32LittleEndian(destination[1..], (uint)value);
                return 5;
            default:
                destination[0] = 0xFF;
                BinaryPrimitives.WriteUInt64LittleEndian(destination[1..], value);
                return 9;
        }
    }
}
