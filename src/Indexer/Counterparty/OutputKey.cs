using System.Buffers.Binary;

namespace Explorer.Indexer.Counterparty;

/// <summary>A P2TR output key (BIP 341: <c>OP_1 &lt;32-byte key&gt;</c>) as four words, compared by value.</summary>
public readonly record struct OutputKey(ulong A, ulong B, ulong C, ulong D)
{
    public static OutputKey From(ReadOnlySpan<byte> key) => new(
        BinaryPrimitives.ReadUInt64LittleEndian(key), BinaryPrimitives.ReadUInt64LittleEndian(key[8..]),
        BinaryPrimitives.ReadUInt64LittleEndian(key[16..]), BinaryPrimitives.ReadUInt64LittleEndian(key[24..]));
}
