namespace Explorer.BlockFiles;

/// <summary>
/// Bitcoin Core's two integer encodings used in block and undo files.
/// VARINT: "base-128 with an offset" (src/serialize.h <c>WriteVarInt</c>/<c>ReadVarInt</c>, VarIntMode::DEFAULT):
/// "Each byte ... has the high bit set when more bytes follow ... 'n = (n &lt;&lt; 7) | (chData &amp; 0x7F); if (chData &amp; 0x80) n++'".
/// CompactSize: 1, 3, 5 or 9 bytes (src/serialize.h <c>WriteCompactSize</c>), used for vector lengths.
/// </summary>
public static class CoreVarInt
{
    public const int MaxVarIntSize = 10;

    public static bool TryReadVarInt(ReadOnlySpan<byte> data, ref int position, out ulong value)
    {
        ulong n = 0;
        while (position < data.Length)
        {
            var b = data[position++];
            // serialize.h: "if (n > (std::numeric_limits<I>::max() >> 7)) throw ... size too large"
            if (n > (ulong.MaxValue >> 7))
            {
                break;
            }

            n = (n << 7) | (uint)(b & 0x7F);
            if ((b & 0x80) == 0)
            {
                value = n;
                return true;
            }

            if (n == ulong.MaxValue)
            {
                break;
            }

            n++;
        }

        value = 0;
        return false;
    }

    /// <summary>Writes a VARINT; returns the number of bytes written (at most 10).</summary>
    public static int WriteVarInt(Span<byte> destination, ulong n)
    {
        Span<byte> tmp = stackalloc byte[MaxVarIntSize];
        var len = 0;
        while (true)
        {
            // serialize.h: "tmp[len] = (n & 0x7F) | (len ? 0x80 : 0x00); if (n <= 0x7F) break; n = (n >> 7) - 1;"
            tmp[len] = (byte)((n & 0x7F) | (len != 0 ? 0x80u : 0u));
            if (n <= 0x7F)
            {
                break;
            }

            n = (n >> 7) - 1;
            len++;
        }

        for (var i = 0; i <= len; i++)
        {
            destination[i] = tmp[len - i];
        }

        return len + 1;
    }

    public static bool TryReadCompactSize(ReadOnlySpan<byte> data, ref int position, out ulong value)
    {
        value = 0;
        if (position >= data.Length)
        {
            return false;
        }

        var first = data[position];
        var width = first switch { < 253 => 0, 253 => 2, 254 => 4, _ => 8 };
        if (data.Length - position - 1 < width)
        {
            return false;
        }

        var body = data.Slice(position + 1, width);
        value = width switch
        {
            0 => first,
            2 => System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(body),
            4 => System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(body),
            _ => System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(body),
        };
        position += 1 + width;
        return true;
    }

    public static int WriteCompactSize(Span<byte> destination, ulong value)
    {
        if (value < 253)
        {
            destination[0] = (byte)value;
            return 1;
        }

        if (value <= ushort.MaxValue)
        {
            destination[0] = 253;
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(destination[1..], (ushort)value);
            return 3;
        }

        if (value <= uint.MaxValue)
        {
            destination[0] = 254;
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(destination[1..], (uint)value);
            return 5;
        }

        destination[0] = 255;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(destination[1..], value);
        return 9;
    }
}
