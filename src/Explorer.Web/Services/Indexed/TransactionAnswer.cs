using System.Text.Json;
using System.Text.Json.Nodes;
using Explorer.Protocols.Decoding;

namespace Explorer.Web.Services.Indexed;

/// <summary>
/// A stored colored transaction in the shape of the decode contract's answer (docs/decode-cli.md: txid, openAssets,
/// colu, counterparty, each the decoder's answer as indexed) plus where it is: status (confirmed, or unconfirmed for a
/// mempool transaction, with firstSeen), blockHash, height, confirmations,
/// and the colored outputs and spent colored inputs as indexed.
/// </summary>
public static class TransactionAnswer
{
    public static JsonObject Build(IndexedTransaction tx)
    {
        var first = tx.First;
        var answer = new JsonObject
        {
            ["txid"] = first.Txid,
            ["openAssets"] = null,
            ["colu"] = null,
            ["counterparty"] = null,
            // The decode contract's answer line carries "error" (null when the transaction was read), as the CLI and
            // POST /api/v1/decode write it: a stored transaction was read, or it would not be indexed.
            ["error"] = null,
        };
        foreach (var row in tx.Rows)
            answer[ProtocolNames.AnswerKey(row.Protocol)] = StoredAnswer(row);
        if (tx.FirstSeen is { } seen)
        {
            // In the mempool: no block yet.
            answer["status"] = "unconfirmed";
            answer["blockHash"] = null;
            answer["height"] = null;
            answer["txIndex"] = null;
            answer["confirmations"] = 0;
            answer["firstSeen"] = seen.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            answer["status"] = "confirmed";
            answer["blockHash"] = first.BlockHash;
            answer["height"] = first.Height;
            answer["txIndex"] = first.TxIndex;
            answer["confirmations"] = tx.Confirmations;
        }
        answer["coloredOutputs"] = Lines(tx.Outputs, spentSide: false);
        answer["coloredInputs"] = Lines(tx.Inputs, spentSide: true);
        return answer;
    }

    /// <summary>The decode-contract part only (txid and the protocol keys) of an answer <see cref="Build"/> made, as
    /// <see cref="DecodeJson"/> writes it (the stored answers' raw views are decoded once, by <see cref="Build"/>).</summary>
    public static string DecodeContractJson(JsonObject built)
    {
        ArgumentNullException.ThrowIfNull(built);
        var answer = new JsonObject();
        foreach (var key in new[] { "txid", "openAssets", "colu", "counterparty" })
            answer[key] = built[key]?.DeepClone();
        return answer.ToJsonString(DecodeJson.Options);
    }

    /// <summary>A row's stored answer, with its raw views: stored without them by the indexer, they are decoded again
    /// from the row's request context (<see cref="DecodeRequestContext.RestoreRaw"/>, sql/006).</summary>
    public static JsonNode? StoredAnswer(ColoredTxRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return ParseOrNull(row.AnswerJson) is JsonObject stored
            ? DecodeRequestContext.RestoreRaw(row.Protocol, stored, row.RequestJson, row.RawHex)
            : null;
    }

    private static JsonNode? ParseOrNull(string json)
    {
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonArray Lines(IReadOnlyList<ColoredOutputLine> lines, bool spentSide)
    {
        var array = new JsonArray();
        foreach (var o in lines)
        {
            var line = new JsonObject
            {
                ["protocol"] = o.Protocol,
                ["assetId"] = o.AssetId,
                ["quantity"] = o.Quantity,
            };
            if (spentSide)
            {
                line["input"] = o.SpentInput;
                line["prevTxid"] = o.Txid;
                line["prevN"] = o.N;
            }
            else
            {
                line["n"] = o.N;
                line["spentTxid"] = o.SpentTxid.Length == 0 ? null : o.SpentTxid;
                line["spentHeight"] = o.SpentTxid.Length == 0 ? null : o.SpentHeight;
            }
            line["address"] = o.Address.Length == 0 ? null : o.Address;
            line["value"] = o.Value;
            array.Add(line);
        }
        return array;
    }
}
