namespace Explorer.Protocols.OpenAssets;

/// <summary>Units of one asset in the decode answer (the extra "destroyed" key).</summary>
public sealed record OpenAssetsUnitsAnswer(string AssetId, UInt128 Quantity);
