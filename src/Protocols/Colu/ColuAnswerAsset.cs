namespace Explorer.Protocols.Colu;

/// <summary>An asset entry on an output, with the fields cc-get-assets-outputs reports.</summary>
public sealed record ColuAnswerAsset(string? AssetId, ulong Amount, string? IssueTxid, int? Divisibility, bool? LockStatus, string? AggregationPolicy)
{
    public static ColuAnswerAsset From(ColuAsset asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        return new(asset.AssetId, asset.Amount, asset.IssueTxid, asset.Divisibility, asset.LockStatus, asset.AggregationPolicy?.ToName());
    }
}
