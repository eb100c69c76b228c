namespace Explorer.Web.Services.Indexed;

/// <summary>
/// An asset as indexed: its <c>assets</c> row (null for Counterparty, whose assets the indexer does not list), units issued,
/// units burned or destroyed, units on unspent outputs and their holders, and the issuances.
/// </summary>
public sealed record IndexedAsset(
    string Protocol,
    string AssetId,
    AssetRecord? Record,
    ulong Issued,
    ulong IssuanceCount,
    ulong Removed,
    ulong EventCount,
    ulong Circulating,
    ulong HolderCount,
    IReadOnlyList<AssetEventLine> Issuances);
