using System.Collections.Immutable;
using Explorer.Protocols.Common;
using Explorer.Protocols.Decoding;
using NBitcoin;

namespace Explorer.Protocols.Colu;

/// <summary>
/// Builds the "colu" answer of the decode contract for one transaction: finds the CC OP_RETURN, decodes it, reads the
/// multisig hashes, computes the issued asset ID and colors the outputs with <see cref="ColuTransferEngine"/>.
/// Pure: inputs' colors and previous outputs come from the <see cref="DecodeRequest"/>.
/// Spec: https://github.com/Colored-Coins/Colored-Coins-Protocol-Specification/wiki/Coloring-Scheme
/// </summary>
public static class ColuAnswerBuilder
{
    public const string Protocol = "colu";

    private static readonly ColuTransferResult NoColoring = new([], false, null, []);

    /// <summary>The answer, or null when no output carries a "CC"-tagged OP_RETURN.</summary>
    public static ColuAnswer? Build(DecodeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tx = request.Tx;
        if (!ColuOpReturn.TryFind(tx, out var first)) return null;
        // Colored-Coins/Full-Node src/block_parser.js getColoredData: "transaction.vout.some(...)" tries every output
        // whose data starts with '4343' and stops at the first where "CCTransaction.fromHex(hex).toJson()" does not
        // throw; Colored-Coins/Parser scanner.js parse_vout pushes every decodable payload to ccdata and its
        // get_assets_outputs, like cc-get-assets-outputs, reads "ccdata[0]". So the first CC payload that decodes wins.
        var opReturn = first;
        var decoded = ColuPayloadDecoder.Decode(first.Payload);
        for (var next = first; !decoded.IsSuccess && ColuOpReturn.TryFind(tx, next.OutputIndex + 1, out next);)
        {
            var attempt = ColuPayloadDecoder.Decode(next.Payload);
            if (attempt.IsSuccess) (opReturn, decoded) = (next, attempt);
        }
        var raw = request.IncludeRaw;
        var scriptLayer = $"output[{opReturn.OutputIndex}].script";
        var layers = ImmutableArray.CreateBuilder<ByteLayer>();
        var notes = ImmutableArray.CreateBuilder<Annotation>();
        if (raw)
        {
            layers.Add(new ByteLayer(scriptLayer, Convert.ToHexStringLower(opReturn.Script), tx.Outputs[opReturn.OutputIndex].ScriptPubKey.ToString()));
            layers.Add(new ByteLayer(ColuPayloadDecoder.Layer, Convert.ToHexStringLower(opReturn.Payload)));
            notes.Add(new Annotation("colu.payload", $"{opReturn.Payload.Length} bytes", scriptLayer, opReturn.PayloadOffset, opReturn.Payload.Length));
        }

        var inputs = InputAssets(request);
        if (!decoded.IsSuccess)
        {
            // No CC payload decodes: Colu's indexers treat the transaction as one without CC data (Full-Node
            // parseTransaction: "if (!coloredData) return cb()" after marking every colored input used; Parser
            // parse_cc_tx colors outputs only "if (... transaction_data.ccdata && transaction_data.ccdata.length)").
            // The inputs' units are lost: no output receives them (docs/colu.md).
            var header = opReturn.Payload.Length >= 4 ? opReturn.Payload : null;
            return new ColuAnswer(header?[2], header?[3], header is null ? null : ColuOpcodes.KindOf(header[3])?.ToString().ToLowerInvariant(),
                null, null, null, null, [], null, null, null, null, false, decoded.ErrorMessage, Outputs(NoColoring, tx.Outputs.Count))
            {
                OpReturnOutput = opReturn.OutputIndex,
                Destroyed = [.. inputs.SelectMany(assets => assets).Select(ColuAnswerAsset.From)],
                Raw = raw ? new RawView(layers.ToImmutable(), notes.ToImmutable()) : RawView.Omitted,
            };
        }

        var payload = decoded.Value;
        if (raw) notes.AddRange(payload.Fields);
        var torrentHash = payload.TorrentHash;
        var sha2 = payload.Sha2;
        int? multisigOutput = null;
        if (!payload.MultiSig.IsEmpty)
        {
            // "1-of-2" when only sha2 spills out, "1-of-3" when both do; the key position is the multiSig index.
            Span<int> keyOffsets = stackalloc int[3];
            var index = ColuMultisigHashes.FindOutput(tx, payload.MultiSig.Length + 1, keyOffsets);
            if (index >= 0)
            {
                multisigOutput = index;
                var script = tx.Outputs[index].ScriptPubKey.ToBytes(true);
                if (raw) layers.Add(new ByteLayer($"output[{index}].script", Convert.ToHexStringLower(script), tx.Outputs[index].ScriptPubKey.ToString()));
                foreach (var hash in payload.MultiSig)
                {
                    var keyOffset = keyOffsets[hash.Index];
                    if (hash.HashType == ColuHashType.Sha2)
                    {
                        sha2 = script.AsSpan(keyOffset + ColuMultisigHashes.Sha2OffsetInKey, ColuPayloadDecoder.Sha2Length).ToArray();
                        if (raw) notes.Add(ColuMultisigHashes.Annotate("sha2", sha2, index, keyOffset + ColuMultisigHashes.Sha2OffsetInKey));
                    }
                    else
                    {
                        torrentHash = script.AsSpan(keyOffset + ColuMultisigHashes.TorrentHashOffsetInKey, ColuPayloadDecoder.TorrentHashLength).ToArray();
                        if (raw) notes.Add(ColuMultisigHashes.Annotate("torrentHash", torrentHash, index, keyOffset + ColuMultisigHashes.TorrentHashOffsetInKey));
                    }
                }
            }
        }

        string? assetId = null;
        var engineInputs = inputs;
        if (payload.Kind == ColuKind.Issuance)
        {
            var policy = payload.AggregationPolicy!.Value;
            var divisibility = payload.Divisibility!.Value;
            assetId = ColuAssetId.ForIssuance(tx, request.PrevoutOf(0), payload.LockStatus!.Value, policy, divisibility);
            var issued = new ColuAsset(assetId, payload.Amount!.Value, request.Txid().ToString(), divisibility, payload.LockStatus, policy);
            engineInputs = ColuTransferEngine.WithIssuance(inputs, issued);
        }
        var result = ColuTransferEngine.Transfer(engineInputs, payload.Payments, tx.Outputs.Count);

        return new ColuAnswer(payload.Version, payload.Opcode, payload.Kind.ToString().ToLowerInvariant(), payload.Amount,
            payload.Divisibility, payload.LockStatus, payload.AggregationPolicy?.ToName(),
            [.. payload.Payments.Select(ColuAnswerPayment.From)],
            torrentHash is null ? null : Convert.ToHexStringLower(torrentHash),
            sha2 is null ? null : Convert.ToHexStringLower(sha2),
            payload.MetadataCarrier switch { ColuMetadataCarrier.OpReturn => "opreturn", ColuMetadataCarrier.Multisig => "multisig", _ => null },
            assetId,
            !result.Overflow,
            result.OverflowReason is null ? null : "overflow: " + result.OverflowReason,
            Outputs(result, tx.Outputs.Count))
        {
            NoRules = payload.NoRules,
            Overflow = result.Overflow,
            OpReturnOutput = opReturn.OutputIndex,
            MultisigOutput = multisigOutput,
            Burned = [.. result.Burned.Select(ColuAnswerAsset.From)],
            Raw = raw ? new RawView(layers.ToImmutable(), notes.ToImmutable()) : RawView.Omitted,
        };
    }

    /// <summary>The Colu assets of each input (entries of other protocols are ignored), aligned with the inputs.</summary>
    public static ImmutableArray<ImmutableArray<ColuAsset>> InputAssets(DecodeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var builder = ImmutableArray.CreateBuilder<ImmutableArray<ColuAsset>>(request.Tx.Inputs.Count);
        for (var i = 0; i < request.Tx.Inputs.Count; i++)
        {
            var assets = request.AssetsOf(i)
                .Where(a => string.Equals(a.Protocol, Protocol, StringComparison.OrdinalIgnoreCase))
                .Select(a => new ColuAsset(a.AssetId, a.Quantity, a.IssueTxid, a.Divisibility, a.LockStatus,
                    ColuAggregationPolicyNames.TryParse(a.AggregationPolicy, out var p) ? p : null));
            builder.Add([.. assets]);
        }
        return builder.MoveToImmutable();
    }

    private static ImmutableArray<ColuAnswerOutput> Outputs(ColuTransferResult result, int outputCount)
    {
        var builder = ImmutableArray.CreateBuilder<ColuAnswerOutput>(outputCount);
        for (var i = 0; i < outputCount; i++)
        {
            var assets = i < result.Outputs.Length ? result.Outputs[i] : [];
            builder.Add(new ColuAnswerOutput(i, [.. assets.Select(ColuAnswerAsset.From)]));
        }
        return builder.MoveToImmutable();
    }
}
