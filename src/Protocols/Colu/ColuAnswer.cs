using System.Collections.Immutable;
using Explorer.Protocols.Common;

namespace Explorer.Protocols.Colu;

/// <summary>
/// The "colu" key of the decode contract (../shared/docs/decode-cli.md), plus extra keys: noRules, overflow,
/// opReturnOutput, multisigOutput, burned, destroyed and raw (the bytes behind every decoded field).
/// </summary>
public sealed record ColuAnswer(
    int? Version,
    int? Opcode,
    string? Kind,
    ulong? Amount,
    int? Divisibility,
    bool? LockStatus,
    string? AggregationPolicy,
    ImmutableArray<ColuAnswerPayment> Payments,
    string? TorrentHash,
    string? Sha2,
    string? MetadataCarrier,
    string? AssetId,
    bool Valid,
    string? Error,
    ImmutableArray<ColuAnswerOutput> Outputs)
{
    public bool? NoRules { get; init; }

    /// <summary>cc-get-assets-outputs' overflow flag: an invalid payment sent everything to the last output. False when
    /// the payload could not be decoded: then no output is colored (see <see cref="Destroyed"/>).</summary>
    public bool Overflow { get; init; }

    public int OpReturnOutput { get; init; }

    /// <summary>The output holding the metadata hashes (1-of-2 or 1-of-3 bare multisig), or null.</summary>
    public int? MultisigOutput { get; init; }

    /// <summary>Units destroyed by burn payments.</summary>
    public ImmutableArray<ColuAnswerAsset> Burned { get; init; } = [];

    /// <summary>Input units that no output receives because no CC payload decodes, as Colu's indexers lose them
    /// (docs/colu.md); the inputs' entries in input order. Empty when the payload decodes.</summary>
    public ImmutableArray<ColuAnswerAsset> Destroyed { get; init; } = [];

    public RawView Raw { get; init; } = RawView.Empty;
}
