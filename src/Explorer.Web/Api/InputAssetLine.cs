namespace Explorer.Web.Api;

/// <summary>One asset amount on an input.</summary>
public sealed record InputAssetLine(
    string Protocol,
    string AssetId,
    ulong Quantity,
    string? IssueTxid,
    int? Divisibility,
    bool? LockStatus,
    string? AggregationPolicy);
