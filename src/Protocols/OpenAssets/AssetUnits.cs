namespace Explorer.Protocols.OpenAssets;

/// <summary>A number of units of one asset. <see cref="UInt128"/> because sums over several inputs of up to
/// 2^63 - 1 units each do not fit in 64 bits.</summary>
public readonly record struct AssetUnits(OaAssetId AssetId, UInt128 Quantity);
