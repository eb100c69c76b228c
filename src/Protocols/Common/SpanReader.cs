using System.Buffers.Binary;

namespace Explorer.Protocols.Common;

/// <summary>
/// A bounds-checked forward reader over a byte span. Every read is a <c>Try*</c> that leaves the position
/// unchanged on failure, so decoders return typed errors instead of throwing.
/// </summary>
public ref struct SpanReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;

    public int Position { get; private set; }
    public readonly int Remaining => _data.Length - Position;
    public readonly bool End => Position >= _data.Length;
    public readonly ReadOnlySpan<byte> Rest => _data[Position..];

    public bool TryReadByte(out byte value)
    {
        if (Remaining < 1) { value = 0; return false; }
        value = _data[Position++];
        return true;
    }

    public bool TryReadBytes(int count, out ReadOnlySpan<byte> value)
    {
        if (count < 0 || Remaining < count) { value = default; return false; }
        value = _data.Slice(Position, count);
        Position += count;
        return true;
    }

    public bool TryReadUInt16BigEndian(out ushort value)
    {
        if (Remaining < 2) { value = 0; return false; }
        value = BinaryPrimitives.ReadUInt16BigEndian(_data[Position..]);
        Position += 2;
        return true;
    }

    public bool TryReadUInt16LittleEndian(out ushort value)
    {
        if (Remaining < 2) { value = 0; return false; }
        value = BinaryPrimitives.ReadUInt16LittleEndian(_data[Position..]);
        Position += 2;
        return true;
    }

    public bool TryReadUInt32BigEndian(out uint value)
    {
        if (Remaining < 4) { value = 0; return false; }
        value = BinaryPrimitives.ReadUInt32BigEndian(_data[Position..]);
        Position += 4;
        return true;
    }

    public bool TryReadUInt32LittleEndian(out uint value)
    {
        if (Remaining < 4) { value = 0; return false; }
        value = BinaryPrimitives.ReadUInt32LittleEndian(_data[Position..]);
        Position += 4;
        return true;
    }

    public bool TryReadUInt64BigEndian(out ulong value)
    {
        if (Remaining < 8) { value = 0; return false; }
        value = BinaryPrimitives.ReadUInt64BigEndian(_data[Position..]);
        Position += 8;
        return true;
    }

    public bool TryReadUInt64LittleEndian(out ulong value)
    {
        if (Remaining < 8) { value = 0; return false; }
        value = BinaryPrimitives.ReadUInt64LittleEndian(_data[Position..]);
        Position += 8;
        return true;
    }

    /// <summary>Bitcoin's CompactSize ("varint"): 1, 3, 5 or 9 bytes, little-endian.</summary>
    public bool TryReadCompactSize(out ulong value)
    {
        var start = Position;
        if (!TryReadByte(out var first)) { value = 0; return false; }
        switch (first)
        {
            case < 0xFD: value = first; return true;
            case 0xFD when TryReadUInt16LittleEndian(out var v16): value = v16; return true;
            case 0xFE when TryReadUInt32LittleEndian(out var v32): value = v32; return true;
            case 0xFF when TryReadUInt64LittleEndian(out var v64): value = v64; return true;
            default: Position = start; value = 0; return false;
        }
    }

    /// <summary>Unsigned LEB128, at most <paramref name="maxBytes"/> bytes.</summary>
    public bool TryReadLeb128(int maxBytes, out ulong value)
    {
        var start = Position;
        value = 0;
        for (var i = 0; i < maxBytes; i++)
        {
            if (!TryReadByte(out var b)) { Position = start; value = 0; return false; }
            var shift = 7 * i;
            ulong part = (ulong)(b & 0x7F);
            if (shift >= 64 || (shift > 0 && (part >> (64 - shift)) != 0)) { Position = start; value = 0; return false; }
            value |= part << shift;
            if ((b & 0x80) == 0) return true;
        }
        Position = start;
        value = 0;
        return false;
    }
}
