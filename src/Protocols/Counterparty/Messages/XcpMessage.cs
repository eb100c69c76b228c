using System.Collections.Immutable;

namespace Explorer.Protocols.Counterparty;

/// <summary>One decoded message field, named as counterparty-core's unpack names it, with the bytes of the message
/// data ("xcp.data", type ID included) it was read from. Values are long/ulong/double/decimal/bool/string, a list of
/// sends (MPMA) or null. <paramref name="AnnotationOnly"/> marks a byte range shown in the raw view but not a field of
/// the unpacked message (e.g. one MPMA send inside the bit stream).</summary>
public sealed record XcpField(string Name, object? Value, int Offset, int Length, bool AnnotationOnly = false);

/// <summary>A decoded Counterparty message: type ID, type name, how many bytes the type ID took, the fields.</summary>
public sealed record XcpMessage(int TypeId, string Type, int TypeIdLength, ImmutableArray<XcpField> Fields)
{
    public object? this[string name] => Fields.FirstOrDefault(f => f.Name == name && !f.AnnotationOnly)?.Value;
}
