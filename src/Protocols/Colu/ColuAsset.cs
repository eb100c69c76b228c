namespace Explorer.Protocols.Colu;

/// <summary>
/// Units of one asset sitting on an input or an output, with the asset's properties as cc-get-assets-outputs carries them.
/// Properties are null where the caller does not know them (the reference copies them through unchanged).
/// </summary>
public sealed record ColuAsset(
    string? AssetId,
    ulong Amount,
    string? IssueTxid = null,
    int? Divisibility = null,
    bool? LockStatus = null,
    ColuAggregationPolicy? AggregationPolicy = null)
{
    /// <summary>Only "aggregatable" assets merge; an unknown policy compares unequal to 'aggregatable' in the reference.</summary>
    public bool IsAggregatable => AggregationPolicy == ColuAggregationPolicy.Aggregatable;
}
