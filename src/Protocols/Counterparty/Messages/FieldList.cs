using System.Buffers.Binary;
using System.Collections.Immutable;

namespace Explorer.Protocols.Counterparty;

/// <summary>Collects decoded fields; offsets are relative to the message body and shifted by the type ID length.</summary>
internal sealed class FieldList(int baseOffset)
{
    private readonly ImmutableArray<XcpField>.Builder _fields = ImmutableArray.CreateBuilder<XcpField>();

    public void Add(string name, object? value, int offset, int length) =>
        _fields.Add(new XcpField(name, value, baseOffset + offset, length));

    /// <summary>A byte range for the raw view only (not a field of the unpacked message).</summary>
    public void Annotate(string name, object? value, int offset, int length) =>
        _fields.Add(new XcpField(name, value, baseOffset + offset, length, AnnotationOnly: true));

    public ImmutableArray<XcpField> ToImmutable() => _fields.ToImmutable();

    public bool Has(string name) => _fields.Any(x => x.Name == name);

    /// <summary>Adds a field that the layout does not carry, with the value counterparty-core's unpack gives it.</summary>
    public void Default(string name, object? value)
    {
        if (!Has(name)) _fields.Add(new XcpField(name, value, baseOffset, 0));
    }

    public static ulong U64(ReadOnlySpan<byte> b, int at) => BinaryPrimitives.ReadUInt64BigEndian(b[at..]);
    public static long I64(ReadOnlySpan<byte> b, int at) => BinaryPrimitives.ReadInt64BigEndian(b[at..]);
    public static uint U32(ReadOnlySpan<byte> b, int at) => BinaryPrimitives.ReadUInt32BigEndian(b[at..]);
    public static ushort U16(ReadOnlySpan<byte> b, int at) => BinaryPrimitives.ReadUInt16BigEndian(b[at..]);
    public static double F64(ReadOnlySpan<byte> b, int at) => BinaryPrimitives.ReadDoubleBigEndian(b[at..]);
    public static float F32(ReadOnlySpan<byte> b, int at) => BinaryPrimitives.ReadSingleBigEndian(b[at..]);

    /// <summary>Asset field: the name of the ID, or the number itself when the ID names no asset.</summary>
    public void Asset(string name, ulong id, bool numericNames, int offset) =>
        Add(name, AssetNames.TryGetName(id, numericNames, out var n) ? n : null, offset, 8);

    public static string Hex(ReadOnlySpan<byte> b) => Convert.ToHexStringLower(b);

    /// <summary>Bytes as UTF-8 text when valid (Python's <c>.decode("utf-8")</c>), otherwise null.</summary>
    public static string? Utf8(ReadOnlySpan<byte> b)
    {
        try { return new System.Text.UTF8Encoding(false, true).GetString(b); }
        catch (System.Text.DecoderFallbackException) { return null; }
    }
}
