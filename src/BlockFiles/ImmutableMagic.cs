using System.Buffers.Binary;

namespace Explorer.BlockFiles;

/// <summary>Four network magic bytes, in file order.</summary>
public readonly record struct ImmutableMagic(byte B0, byte B1, byte B2, byte B3)
{
    /// <summary>The magic as a little-endian uint, the way it is read from a file.</summary>
    public uint Value => BinaryPrimitives.ReadUInt32LittleEndian([B0, B1, B2, B3]);

    public void CopyTo(Span<byte> destination)
    {
        destination[0] = B0;
        destination[1] = B1;
        destination[2] = B2;
        destination[3] = B3;
    }

    public override string ToString() => $"{B0:x2}{B1:x2}{B2:x2}{B3:x2}";
}
