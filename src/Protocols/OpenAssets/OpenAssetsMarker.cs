using System.Collections.Immutable;

namespace Explorer.Protocols.OpenAssets;

/// <summary>
/// The decoded payload of an Open Assets marker output
/// (https://github.com/OpenAssets/open-assets-protocol/blob/master/specification.mediawiki#marker-output):
/// the protocol version, one asset quantity per output (in output order, skipping the marker) and the metadata.
/// </summary>
public sealed record OpenAssetsMarker(ushort Version, ImmutableArray<ulong> Quantities, ReadOnlyMemory<byte> Metadata)
{
    /// <summary>A version-1 marker with the given quantities and metadata.</summary>
    public static OpenAssetsMarker Create(IEnumerable<ulong> quantities, ReadOnlySpan<byte> metadata = default) =>
        new(MarkerPayloadDecoder.Version1, [.. quantities], metadata.ToArray());

    /// <summary>The asset quantity list assigns quantity <c>Quantities[i]</c> to output i before the marker and
    /// to output i+1 after it; outputs beyond the list get zero.</summary>
    public ulong QuantityOfOutput(int outputIndex, int markerIndex)
    {
        if (outputIndex == markerIndex) return 0;
        var listIndex = outputIndex < markerIndex ? outputIndex : outputIndex - 1;
        return listIndex < Quantities.Length ? Quantities[listIndex] : 0;
    }
}
