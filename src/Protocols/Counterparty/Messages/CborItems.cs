using System.Formats.Cbor;

namespace Explorer.Protocols.Counterparty;

/// <summary>The top-level CBOR array of a taproot-era message (counterparty-core <c>cbor2.loads(message)</c>):
/// each item's encoded bytes and offset, read without throwing.</summary>
internal sealed class CborItems
{
    private readonly byte[] _body;
    private readonly List<(int Offset, int Length)> _items;

    private CborItems(byte[] body, List<(int, int)> items) { _body = body; _items = items; }

    public int Count => _items.Count;

    /// <summary>Bytes after the array, ignored as cbor2.loads ignores them.</summary>
    public int TrailingBytes { get; private set; }
    public int OffsetOf(int i) => _items[i].Offset;
    public int LengthOf(int i) => _items[i].Length;

    /// <summary>Reads a CBOR array that fills the whole body exactly; false for anything else.</summary>
    public static bool TryRead(ReadOnlySpan<byte> body, out CborItems items)
    {
        items = null!;
        var bytes = body.ToArray();
        try
        {
            var reader = new CborReader(bytes, CborConformanceMode.Lax);
            if (reader.PeekState() != CborReaderState.StartArray) return false;
            var count = reader.ReadStartArray();
            var list = new List<(int, int)>();
            while (count is null ? reader.PeekState() != CborReaderState.EndArray : list.Count < count)
            {
                var start = bytes.Length - reader.BytesRemaining;
                var encoded = reader.ReadEncodedValue();
                list.Add((start, encoded.Length));
            }
            reader.ReadEndArray();
            // cbor2.loads decodes the first value and ignores any bytes after it (counterparty-core's unpack API
            // decodes the long STAMP issuance of test_unpack_old through CBOR this way), so trailing bytes are kept
            // outside the items rather than rejected.
            items = new CborItems(bytes, list) { TrailingBytes = reader.BytesRemaining };
            return true;
        }
        catch (Exception ex) when (ex is CborContentException or InvalidOperationException or FormatException or OverflowException)
        {
            return false;
        }
    }

    private CborReader Reader(int i) => new(_body.AsMemory(_items[i].Offset, _items[i].Length), CborConformanceMode.Lax);

    public bool TryUInt(int i, out ulong value)
    {
        value = 0;
        try
        {
            var r = Reader(i);
            if (r.PeekState() != CborReaderState.UnsignedInteger) return false;
            value = r.ReadUInt64();
            return true;
        }
        catch (Exception ex) when (ex is CborContentException or InvalidOperationException or OverflowException) { return false; }
    }

    public bool TryInt(int i, out long value)
    {
        value = 0;
        try
        {
            var r = Reader(i);
            if (r.PeekState() is not (CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger)) return false;
            value = r.ReadInt64();
            return true;
        }
        catch (Exception ex) when (ex is CborContentException or InvalidOperationException or OverflowException) { return false; }
    }

    /// <summary>A bool, or an integer read as a bool (Python truthiness of 0/1 in subasset issuances).</summary>
    public bool TryBool(int i, out bool value)
    {
        value = false;
        try
        {
            var r = Reader(i);
            if (r.PeekState() == CborReaderState.Boolean) { value = r.ReadBoolean(); return true; }
            if (r.PeekState() == CborReaderState.UnsignedInteger) { value = r.ReadUInt64() != 0; return true; }
            return false;
        }
        catch (Exception ex) when (ex is CborContentException or InvalidOperationException or OverflowException) { return false; }
    }

    public bool TryDouble(int i, out double value)
    {
        value = 0;
        try
        {
            var r = Reader(i);
            switch (r.PeekState())
            {
                case CborReaderState.HalfPrecisionFloat or CborReaderState.SinglePrecisionFloat or CborReaderState.DoublePrecisionFloat:
                    value = r.ReadDouble(); return true;
                case CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger:
                    value = r.ReadInt64(); return true;
                default: return false;
            }
        }
        catch (Exception ex) when (ex is CborContentException or InvalidOperationException or OverflowException) { return false; }
    }

    public bool IsNull(int i) => _body[_items[i].Offset] == 0xf6;

    /// <summary>Byte string or text string content (as UTF-8 bytes); null CBOR gives false.</summary>
    public bool TryBytes(int i, out byte[] value)
    {
        value = [];
        try
        {
            var r = Reader(i);
            switch (r.PeekState())
            {
                case CborReaderState.ByteString: value = r.ReadByteString(); return true;
                case CborReaderState.TextString: value = System.Text.Encoding.UTF8.GetBytes(r.ReadTextString()); return true;
                default: return false;
            }
        }
        catch (Exception ex) when (ex is CborContentException or InvalidOperationException or OverflowException) { return false; }
    }

    public bool TryText(int i, out string value)
    {
        value = string.Empty;
        try
        {
            var r = Reader(i);
            if (r.PeekState() == CborReaderState.TextString) { value = r.ReadTextString(); return true; }
            if (r.PeekState() == CborReaderState.ByteString) { value = FieldList.Utf8(r.ReadByteString()) ?? string.Empty; return true; }
            return false;
        }
        catch (Exception ex) when (ex is CborContentException or InvalidOperationException or OverflowException) { return false; }
    }
}
