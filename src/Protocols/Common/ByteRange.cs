namespace Explorer.Protocols.Common;

/// <summary>
/// Where a decoded field came from: <see cref="Length"/> bytes at <see cref="Offset"/> inside a named byte
/// layer (a script, an OP_RETURN payload, a decrypted Counterparty message...). The web UI highlights these bytes.
/// </summary>
/// <param name="Layer">Which bytes the offset counts in, for example "output[1].script" or "xcp.data".</param>
public readonly record struct ByteRange(string Layer, int Offset, int Length)
{
    public int End => Offset + Length;
}

/// <summary>One decoded field with the raw bytes it was read from.</summary>
public sealed record DecodedField(string Name, string Value, ByteRange Range);
