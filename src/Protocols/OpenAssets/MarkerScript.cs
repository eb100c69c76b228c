namespace Explorer.Protocols.OpenAssets;

/// <summary>
/// A marker found in an output script: the decoded marker, the PUSHDATA opcode (with its length bytes) that
/// carried it, the payload bytes, and every payload field's range, all counted in bytes of the script.
/// </summary>
public sealed record MarkerScript(OpenAssetsMarker Marker, FieldSpan PushOpcode, FieldSpan Payload, MarkerFieldRanges Ranges);
