using System.Diagnostics.CodeAnalysis;
using Explorer.Protocols.Common;

namespace Explorer.Protocols.OpenAssets;

/// <summary>
/// Finds the Open Assets marker inside one output script.
/// Spec: https://github.com/OpenAssets/open-assets-protocol/blob/master/specification.mediawiki#marker-output
/// Rule chosen (docs/openassets.md, "Which push counts"): the script must start with OP_RETURN; after it, any
/// opcodes may follow, and the first PUSHDATA whose bytes decode as a marker payload is the marker. Pushes that do
/// not decode are skipped; a push that runs past the end of the script ends the search. This is what NBitcoin
/// (<c>ColorMarker.ReadScript</c>) does; the Python reference accepts only "OP_RETURN &lt;one push&gt;".
/// </summary>
public static class MarkerScriptParser
{
    /// <summary>"The marker output uses the OP_RETURN opcode."</summary>
    public const byte OpReturn = 0x6A;

    /// <summary>Cheapest possible test, before any parsing: OP_RETURN followed by room for a payload.</summary>
    public static bool CouldBeMarker(ReadOnlySpan<byte> script) =>
        script.Length >= 2 + MarkerPayloadDecoder.MinPayloadLength && script[0] == OpReturn;

    public static bool TryParse(ReadOnlySpan<byte> script, [MaybeNullWhen(false)] out MarkerScript marker)
    {
        var result = Parse(script);
        marker = result.Value;
        return result.IsSuccess;
    }

    /// <summary>
    /// The marker of this script, or why there is none: <see cref="DecodeError.NotThisProtocol"/> when no push
    /// carries the OA tag, otherwise the error of the first OA-tagged push (offset in script bytes).
    /// </summary>
    public static DecodeResult<MarkerScript> Parse(ReadOnlySpan<byte> script)
    {
        // "OP_RETURN opcode: The OP_RETURN opcode (0x6a)." comes first.
        if (script.Length == 0 || script[0] != OpReturn)
            return DecodeResult<MarkerScript>.Fail(DecodeError.NotThisProtocol, 0, "script does not start with OP_RETURN");

        DecodeResult<MarkerScript>? firstTaggedError = null;
        var ops = new ScriptOpReader(script);
        ops.TryRead(out _, out _, out _); // OP_RETURN itself
        while (ops.TryRead(out var op, out var isPush, out var data))
        {
            if (!isPush) continue;
            var payload = script.Slice(data.Offset, data.Length);
            // Reject cheaply: only a push that starts with the OA tag is decoded.
            if (!MarkerPayloadDecoder.HasTag(payload)) continue;
            var decoded = MarkerPayloadDecoder.Decode(payload, data.Offset);
            if (decoded.IsSuccess)
            {
                var p = decoded.Value;
                return DecodeResult<MarkerScript>.Ok(new MarkerScript(p.Marker, op, data, p.Ranges));
            }
            firstTaggedError ??= DecodeResult<MarkerScript>.Fail(decoded.Error, data.Offset + decoded.ErrorOffset, decoded.Detail);
        }
        return firstTaggedError
            ?? DecodeResult<MarkerScript>.Fail(DecodeError.NotThisProtocol, 0,
                ops.HitInvalidPush ? "no OA payload before a push that runs past the end of the script" : "no push carries an OA payload");
    }
}
