using System.Collections.Immutable;

namespace Explorer.Protocols.OpenAssets;

/// <summary>
/// The Open Assets reading of one transaction. <see cref="MarkerIndex"/> is -1 (and <see cref="Marker"/> null)
/// when the transaction has no marker output; then every output is uncolored and the transaction is not an Open
/// Assets transaction. With a marker, <see cref="Error"/> tells whether the spec deems the transaction invalid, in
/// which case every output is uncolored too.
/// </summary>
public sealed record ColoringResult(
    int MarkerIndex,
    MarkerScript? Marker,
    ColoringError Error,
    string? ErrorDetail,
    OaAssetId? IssuanceAssetId,
    ImmutableArray<OutputColor> Outputs)
{
    public bool HasMarker => MarkerIndex >= 0;

    public bool IsValid => HasMarker && Error == ColoringError.None;
}
