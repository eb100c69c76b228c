using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using ClickHouse.Driver;

namespace Explorer.Indexer.Storage;

/// <summary>
/// ClickHouse RowBinary for the string-heavy rows (raw transactions, decoder answers), written straight into one buffer:
/// ClickHouse.Driver's <c>InsertBinaryAsync</c> moved these at ~5 MB/s (docs/benchmarks.md). Formats: ClickHouse docs
/// "RowBinary": String = "varint length (unsigned LEB128), then the bytes"; UIntN/IntN little-endian.
/// </summary>
public sealed class RowBinaryWriter
{
    // The body's bytes, in an array lent by Buffers and grown by renting a larger one: a batch's body is megabytes, and
    // every array a body outgrew used to be large-object garbage, the reason for most of a pass's full collections
    // (session 5: 18 collections of generation 2, 0.6 s paused, "AllocLarge").
    private static readonly ArrayPool<byte> Buffers = ArrayPool<byte>.Create(256 << 20, 16);

    private byte[] _array = [];
    private int _written;

    public ReadOnlyMemory<byte> Written => _array.AsMemory(0, _written);

    /// <summary>Inserts rows written by <paramref name="write"/> (columns in <paramref name="columns"/> order) as one
    /// RowBinary body; nothing is sent when there are none.</summary>
    /// <exception cref="HttpRequestException">The server refused the insert.</exception>
    public static async Task InsertAsync<T>(ClickHouseClient client, string table, string[] columns, IEnumerable<T> rows,
        Action<RowBinaryWriter, T> write, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(write);
        var writer = new RowBinaryWriter();
        try
        {
            foreach (var row in rows) write(writer, row);
            if (writer._written > 0) await SendAsync(client, table, columns, writer.Written, ct);
        }
        finally
        {
            writer.Release();
        }
    }

    /// <summary>Inserts a RowBinary body (columns in <paramref name="columns"/> order); the body is only read.</summary>
    /// <exception cref="HttpRequestException">The server refused the insert.</exception>
    public static async Task SendAsync(ClickHouseClient client, string table, string[] columns, ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (!MemoryMarshal.TryGetArray(body, out var segment)) throw new InvalidOperationException("RowBinary buffer is not an array");
        using var stream = new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false);
        using var response = await client.InsertRawStreamAsync(table, stream, "RowBinary", columns, false, null, ct);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{table} insert: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
    }

    /// <summary>Gives the body's array back to the pool; the writer is empty afterwards (and may be written again).</summary>
    public void Release()
    {
        var array = _array;
        _array = [];
        _written = 0;
        if (array.Length > 0) Buffers.Return(array);
    }

    private Span<byte> GetSpan(int size)
    {
        if (_array.Length - _written < size)
        {
            var grown = Buffers.Rent(Math.Max(checked(_written + size), Math.Max(1 << 16, _array.Length * 2)));
            _array.AsSpan(0, _written).CopyTo(grown);
            if (_array.Length > 0) Buffers.Return(_array);
            _array = grown;
        }
        return _array.AsSpan(_written);
    }

    private void Advance(int count) => _written += count;

    public void String(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var length = Encoding.UTF8.GetByteCount(value);
        var span = GetSpan(length + 5);
        var n = WriteLength(span, length);
        n += Encoding.UTF8.GetBytes(value, span[n..]);
        Advance(n);
    }

    /// <summary>A String column holding <paramref name="bytes"/> as lowercase hex, written straight from the bytes
    /// (no hex string in between).</summary>
    public void HexString(ReadOnlySpan<byte> bytes)
    {
        var length = bytes.Length * 2;
        var span = GetSpan(length + 5);
        var n = WriteLength(span, length);
        if (Convert.TryToHexStringLower(bytes, span.Slice(n, length), out var written)) n += written;
        else throw new InvalidOperationException("hex does not fit");
        Advance(n);
    }

    /// <summary>A String column from text already in UTF-8 (the decoder answers' JSON), copied as it is.</summary>
    public void String(ReadOnlySpan<byte> utf8)
    {
        var span = GetSpan(utf8.Length + 5);
        var n = WriteLength(span, utf8.Length);
        utf8.CopyTo(span[n..]);
        Advance(n + utf8.Length);
    }

    // RowBinary's String length: unsigned LEB128.
    private static int WriteLength(Span<byte> span, int length)
    {
        var n = 0;
        var rest = (uint)length;
        while (rest >= 0x80)
        {
            span[n++] = (byte)(rest | 0x80);
            rest >>= 7;
        }
        span[n++] = (byte)rest;
        return n;
    }

    public void UInt8(byte value)
    {
        GetSpan(1)[0] = value;
        Advance(1);
    }

    public void Int8(sbyte value) => UInt8(unchecked((byte)value));

    public void UInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(GetSpan(2), value);
        Advance(2);
    }

    public void Int16(short value) => UInt16(unchecked((ushort)value));

    public void Int32(int value) => UInt32(unchecked((uint)value));

    public void Int64(long value) => UInt64(unchecked((ulong)value));

    /// <summary>DateTime: "UInt32, seconds since the Unix epoch" (the column's time zone applies when shown).</summary>
    public void DateTime(DateTime value) => UInt32(checked((uint)new DateTimeOffset(System.DateTime.SpecifyKind(value, DateTimeKind.Utc)).ToUnixTimeSeconds()));

    public void UInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(GetSpan(4), value);
        Advance(4);
    }

    public void UInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(GetSpan(8), value);
        Advance(8);
    }
}
