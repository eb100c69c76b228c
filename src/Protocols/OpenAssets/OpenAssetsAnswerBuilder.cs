using System.Collections.Immutable;
using System.Text;
using System.Text.Unicode;
using Explorer.Protocols.Common;
using Explorer.Protocols.Decoding;
using NBitcoin;

namespace Explorer.Protocols.OpenAssets;

/// <summary>
/// Builds the "openAssets" answer of the decode contract (../shared/docs/decode-cli.md) from a decode request:
/// <c>prevouts[0]</c> gives the issuance asset ID, <c>inputAssets</c> entries with protocol "openassets" give the
/// colors of the spent outputs (inputs without one are uncolored). Pure: no I/O.
/// Spec: https://github.com/OpenAssets/open-assets-protocol/blob/master/specification.mediawiki
/// </summary>
public static class OpenAssetsAnswerBuilder
{
    public const string ProtocolName = "openassets";

    /// <summary>The answer, or null when the transaction has no marker output.</summary>
    public static OpenAssetsAnswer? Build(DecodeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tx = request.Tx;
        if (!MarkerLocator.TryFind(tx, out _, out _)) return null;

        var colorsOk = TryReadInputColors(request, out var colors, out var requestError);
        var issuanceScript = request.PrevoutOf(0)?.ScriptPubKey;
        InputColor?[] spent = colorsOk ? colors : [];
        var result = OpenAssetsColorizer.Colorize(tx, spent, issuanceScript);
        var marker = result.Marker!;
        var m = marker.Marker;
        var metadata = m.Metadata.Span;
        var network = request.Network;

        var layers = ImmutableArray.CreateBuilder<ByteLayer>();
        var notes = ImmutableArray.CreateBuilder<Annotation>();
        var raw = request.IncludeRaw;
        if (raw) AnnotateMarker(tx, result.MarkerIndex, marker, layers, notes);

        // The P2SH redeem script of an issuance comes first: "If the following conditions are true: ... Then the
        // PUSHDATA payload is the asset definition pointer, and the search stops here." Otherwise the marker metadata.
        string? url = null, source = null, sha = null;
        if (IssuesAssets(m, result.MarkerIndex) && TryRedeemPointer(tx, request.PrevoutOf(0), out var redeem))
        {
            (url, source, sha) = (redeem.Pointer.Url, "p2sh", redeem.Pointer.Sha256 is { } h ? Convert.ToHexStringLower(h.Span) : null);
            var sigLayer = "input[0].scriptSig";
            if (raw)
            {
            layers.Add(new ByteLayer(sigLayer, tx.Inputs[0].ScriptSig.ToHex(), tx.Inputs[0].ScriptSig.ToString()));
            notes.Add(new Annotation("redeemScript", Convert.ToHexStringLower(redeem.RedeemScript.Span), sigLayer, redeem.RedeemRange.Offset, redeem.RedeemRange.Length));
            notes.Add(new Annotation("definitionPointer", redeem.Pointer.Url, sigLayer, redeem.PointerRange.Offset, redeem.PointerRange.Length));
            }
        }
        else if (AssetDefinitionPointer.TryParse(metadata, out var pointer))
        {
            (url, source, sha) = (pointer.Url, "metadata", pointer.Sha256 is { } h ? Convert.ToHexStringLower(h.Span) : null);
        }
        if (raw && result.IssuanceAssetId is { } issued && issuanceScript is not null)
        {
            var layer = "prevout[0].script";
            layers.Add(new ByteLayer(layer, issuanceScript.ToHex(), issuanceScript.ToString()));
            notes.Add(new Annotation("issuanceAssetId", issued.ToBase58(network), layer, 0, issuanceScript.Length));
        }

        var valid = colorsOk && result.IsValid;
        var outputs = result.Outputs.Select(o => new OpenAssetsOutputAnswer(
            o.Index, valid ? RoleName(o.Role) : "uncolored", valid ? o.AssetId?.ToBase58(network) : null, valid ? o.Quantity : 0));
        return new OpenAssetsAnswer(
            result.MarkerIndex, m.Version, m.Quantities, Convert.ToHexStringLower(metadata),
            Utf8.IsValid(metadata) ? Encoding.UTF8.GetString(metadata) : null, url, valid,
            !colorsOk ? requestError : valid ? null : result.ErrorDetail,
            [.. outputs], raw ? new RawView(layers.ToImmutable(), notes.ToImmutable()) : RawView.Omitted)
        {
            DefinitionSource = source,
            DefinitionSha256 = sha,
            ErrorCode = !colorsOk ? "BadRequest" : valid ? null : result.Error.ToString(),
            Destroyed = [.. OpenAssetsColorizer.Destroyed(tx, spent, result).Select(d => new OpenAssetsUnitsAnswer(d.AssetId.ToBase58(network), d.Quantity))],
        };
    }

    public static string RoleName(OutputRole role) => role switch
    {
        OutputRole.Issuance => "issuance",
        OutputRole.Marker => "marker",
        OutputRole.Transfer => "transfer",
        _ => "uncolored",
    };

    /// <summary>The Open Assets color of each input from the request's "openassets" entries.</summary>
    public static bool TryReadInputColors(DecodeRequest request, out InputColor?[] colors, out string? error)
    {
        ArgumentNullException.ThrowIfNull(request);
        colors = new InputColor?[request.Tx.Inputs.Count];
        error = null;
        for (var i = 0; i < colors.Length; i++)
        {
            InputColor? color = null;
            foreach (var asset in request.AssetsOf(i))
            {
                if (!string.Equals(asset.Protocol, ProtocolName, StringComparison.OrdinalIgnoreCase)) continue;
                // An Open Assets output carries at most one asset.
                if (color is not null) { error = $"inputAssets[{i}] has more than one openassets entry"; return false; }
                if (!OaAssetId.TryParse(asset.AssetId, out var id, out _))
                { error = $"inputAssets[{i}]: '{asset.AssetId}' is not a base-58 Open Assets asset ID"; return false; }
                color = new InputColor(id, asset.Quantity);
            }
            colors[i] = color;
        }
        return true;
    }

    private static bool IssuesAssets(OpenAssetsMarker marker, int markerIndex)
    {
        for (var i = 0; i < markerIndex; i++)
            if (marker.QuantityOfOutput(i, markerIndex) != 0) return true;
        return false;
    }

    /// <summary>The pointer of a P2SH issuing script, checked against the spent output when it is known.</summary>
    private static bool TryRedeemPointer(Transaction tx, TxOut? prevout, out RedeemScriptPointer pointer)
    {
        pointer = null!;
        if (!RedeemScriptPointer.TryFromScriptSig(tx.Inputs[0].ScriptSig.ToBytes(true), out var found)) return false;
        // "The output script is a pay-to-script-hash script" whose hash is that of the redeem script.
        if (prevout is not null && prevout.ScriptPubKey != PayToScriptHashTemplate.Instance.GenerateScriptPubKey(new Script(found.RedeemScript.ToArray())))
            return false;
        pointer = found;
        return true;
    }

    private static void AnnotateMarker(Transaction tx, int index, MarkerScript marker, ImmutableArray<ByteLayer>.Builder layers, ImmutableArray<Annotation>.Builder notes)
    {
        var script = tx.Outputs[index].ScriptPubKey;
        var layer = $"output[{index}].script";
        layers.Add(new ByteLayer(layer, script.ToHex(), script.ToString()));
        var r = marker.Ranges;
        var m = marker.Marker;
        notes.Add(new Annotation("opReturn", "OP_RETURN", layer, 0, 1));
        notes.Add(new Annotation("push", $"{marker.Payload.Length} bytes", layer, marker.PushOpcode.Offset, marker.PushOpcode.Length));
        notes.Add(new Annotation("tag", "OA", layer, r.Tag.Offset, r.Tag.Length));
        notes.Add(new Annotation("version", m.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), layer, r.Version.Offset, r.Version.Length));
        notes.Add(new Annotation("quantityCount", m.Quantities.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), layer, r.QuantityCount.Offset, r.QuantityCount.Length));
        for (var i = 0; i < m.Quantities.Length; i++)
        {
            var output = i < index ? i : i + 1;
            notes.Add(new Annotation($"quantities[{i}]", $"{m.Quantities[i]} (output {output})", layer, r.Quantities[i].Offset, r.Quantities[i].Length));
        }
        notes.Add(new Annotation("metadataLength", m.Metadata.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), layer, r.MetadataLength.Offset, r.MetadataLength.Length));
        var metadata = m.Metadata.Span;
        notes.Add(new Annotation("metadata", Utf8.IsValid(metadata) ? Encoding.UTF8.GetString(metadata) : Convert.ToHexStringLower(metadata), layer, r.Metadata.Offset, r.Metadata.Length));
    }
}
