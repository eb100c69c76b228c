using System.Collections.Immutable;

namespace Explorer.Protocols.OpenAssets;

/// <summary>
/// Where each field of a marker payload sits, as (offset, length) pairs counted from the first byte of the
/// payload (the "O" of the OA tag). <see cref="Shift"/> moves them into the coordinates of the enclosing script.
/// </summary>
public sealed record MarkerFieldRanges(
    FieldSpan Tag,
    FieldSpan Version,
    FieldSpan QuantityCount,
    ImmutableArray<FieldSpan> Quantities,
    FieldSpan MetadataLength,
    FieldSpan Metadata)
{
    public MarkerFieldRanges Shift(int by) => new(
        Tag.Shift(by), Version.Shift(by), QuantityCount.Shift(by),
        [.. Quantities.Select(q => q.Shift(by))], MetadataLength.Shift(by), Metadata.Shift(by));
}
