using System.Collections.Immutable;

namespace Explorer.Protocols.Colu;

/// <summary>
/// The coloring of a transaction's outputs: for each output (index = position) the asset entries it receives, in order.
/// <see cref="Overflow"/> is cc-get-assets-outputs' flag: an invalid payment sent every input asset to the last output.
/// </summary>
public sealed record ColuTransferResult(
    ImmutableArray<ImmutableArray<ColuAsset>> Outputs,
    bool Overflow,
    string? OverflowReason,
    ImmutableArray<ColuAsset> Burned);
