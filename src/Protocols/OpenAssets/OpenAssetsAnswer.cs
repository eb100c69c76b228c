using System.Collections.Immutable;
using Explorer.Protocols.Common;

namespace Explorer.Protocols.OpenAssets;

/// <summary>
/// The "openAssets" key of the decode contract (../shared/docs/decode-cli.md), plus <see cref="Raw"/> (the bytes
/// behind every field) and a few extra keys. <see cref="Outputs"/> lists every output of the transaction.
/// When <see cref="Valid"/> is false, <see cref="Error"/> gives the reason and every output is "uncolored".
/// </summary>
public sealed record OpenAssetsAnswer(
    int MarkerOutput,
    int Version,
    ImmutableArray<ulong> Quantities,
    string MetadataHex,
    string? MetadataUtf8,
    string? DefinitionUrl,
    bool Valid,
    string? Error,
    ImmutableArray<OpenAssetsOutputAnswer> Outputs,
    RawView Raw)
{
    /// <summary>Extra key: "metadata" or "p2sh" (the issuing P2SH redeem script), null when there is no URL.</summary>
    public string? DefinitionSource { get; init; }

    /// <summary>Extra key: the SHA-256 from "u=...&amp;sha256=..." as hex, or null.</summary>
    public string? DefinitionSha256 { get; init; }

    /// <summary>Extra key: input units that no output receives, per asset (all input units when invalid).</summary>
    public ImmutableArray<OpenAssetsUnitsAnswer> Destroyed { get; init; } = [];

    /// <summary>Extra key: the machine-readable reason (<see cref="ColoringError"/> name, or "BadRequest").</summary>
    public string? ErrorCode { get; init; }
}
