namespace Explorer.Protocols.OpenAssets;

/// <summary>Offset and length of one field inside a byte string.</summary>
public readonly record struct FieldSpan(int Offset, int Length)
{
    public int End => Offset + Length;

    public FieldSpan Shift(int by) => new(Offset + by, Length);
}
