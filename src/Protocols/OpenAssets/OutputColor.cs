namespace Explorer.Protocols.OpenAssets;

/// <summary>
/// The Open Assets color of output <see cref="Index"/>. <see cref="AssetId"/> is null for uncolored outputs and
/// the marker, and also for issuance outputs when the script of the first input's previous output was not given.
/// </summary>
public readonly record struct OutputColor(int Index, OutputRole Role, OaAssetId? AssetId, ulong Quantity);
