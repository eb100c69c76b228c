using System.Collections.Immutable;

namespace Explorer.Protocols.Common;

/// <summary>
/// The raw bytes behind a decoding, for the explorer's "decoded field next to raw bytes" view and the
/// <c>raw</c> key of every protocol answer: named byte layers (scripts, payloads, decrypted data) and the byte
/// range in a layer that each decoded field came from.
/// </summary>
public sealed record RawView(ImmutableArray<ByteLayer> Layers, ImmutableArray<Annotation> Annotations)
{
    public static readonly RawView Empty = new([], []);

    /// <summary>Not built (a request with <c>IncludeRaw = false</c>): the answers' JSON then has no "raw" key at all
    /// (<see cref="Decoding.DecodeJson.Options"/>), so that a reader can tell it from an empty view.</summary>
    public static readonly RawView Omitted = new([], []);
}

/// <summary>A named byte string, e.g. "output[1].script", "colu.payload", "xcp.chunk[0]", "xcp.data".</summary>
public sealed record ByteLayer(string Name, string Hex, string? Asm = null);

/// <summary>Decoded field <see cref="Field"/> (value shown as text) read from <see cref="Length"/> bytes at
/// <see cref="Offset"/> of layer <see cref="Layer"/>.</summary>
public sealed record Annotation(string Field, string Value, string Layer, int Offset, int Length);
