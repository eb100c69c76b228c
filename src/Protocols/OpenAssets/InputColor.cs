namespace Explorer.Protocols.OpenAssets;

/// <summary>The color of a spent output: <see cref="Quantity"/> units of asset <see cref="AssetId"/>.</summary>
public readonly record struct InputColor(OaAssetId AssetId, ulong Quantity);
