using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Explorer.Indexer.Storage;

/// <summary>
/// ClickHouse RowBinary for the string-heavy rows (raw transactions, decoder answers), written straight into one buffer:
/// ClickHouse.Driver's <c>InsertBinaryAsync</c> moved these at ~5 MB/s (docs/benchmarks.md). Formats: ClickHouse docs
/// "RowBinary": String = "varint length (unsigned LEB128), then the bytes"; UIntN/IntN little-endian.
/// </summary>
public sealed class RowBinaryWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 16);

    public ReadOnlyMemory<byte> Written => _buffer.WrittenMemory;

    public void String(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var length = Encoding.UTF8.GetByteCount(value);
        var span = _buffer.GetSpan(length + 5);
        var n = 0;
        var rest = (uint)length;
        while (rest >= 0x80)
        {
            span[n++] = (byte)(rest | 0x80);
            rest >>= 7;
        }
        span[n++] = (byte)rest;
        n += Encoding.UTF8.GetBytes(value, span[n..]);
        _buffer.Advance(n);
    }

    public void UInt8(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    public void UInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    public void UInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }
}
