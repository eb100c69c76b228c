namespace Explorer.Protocols.OpenAssets;

/// <summary>A decoded marker payload together with the byte range of each of its fields.</summary>
public sealed record MarkerPayload(OpenAssetsMarker Marker, MarkerFieldRanges Ranges);
