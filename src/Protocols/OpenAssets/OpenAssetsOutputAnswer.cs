namespace Explorer.Protocols.OpenAssets;

/// <summary>One output in the decode contract: role is "issuance", "marker", "transfer" or "uncolored".</summary>
public sealed record OpenAssetsOutputAnswer(int Index, string Role, string? AssetId, ulong Quantity);
