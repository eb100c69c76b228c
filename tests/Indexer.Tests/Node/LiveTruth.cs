using System.Text.Json;
using System.Text.Json.Nodes;
using Explorer.ChainForge.Live;

namespace Explorer.Indexer.Tests.Node;

/// <summary>A live replay's truth (events keyed by txid with the height and block the node mined them in, and the
/// activities' final state) in the shape of the forge's truth.json, so that Support/Truth and ProtocolTruth read it.</summary>
public static class LiveTruth
{
    /// <param name="positions">(height, index in block) of each event's transaction on the node's chain: the node orders
    /// a block's transactions by its own policy, not in the order the forge sent them, so an asset issued twice in one
    /// block was first issued by the transaction the node placed first (and its metadata is that one's).</param>
    public static JsonDocument Build(LiveReplay.Result replay, int tipHeight, string tipHash,
        IReadOnlyDictionary<string, (int Height, string Hash)>? moved = null, IReadOnlyDictionary<string, (int Height, int Index)>? positions = null)
    {
        ArgumentNullException.ThrowIfNull(replay);
        var blocks = new JsonArray();
        foreach (var group in replay.Events.Select(e => Place(e, moved)).GroupBy(e => e["height"]!.GetValue<int>()).OrderBy(g => g.Key))
        {
            blocks.Add(new JsonObject
            {
                ["height"] = group.Key,
                ["hash"] = group.First()["blockhash"]!.GetValue<string>(),
                ["events"] = new JsonArray([.. group.Where(e => e["protocol"]!.GetValue<string>() == "openassets")]),
                ["protocolEvents"] = new JsonArray([.. group.Where(e => e["protocol"]!.GetValue<string>() != "openassets")]),
            });
        }
        var final = (JsonObject)replay.FinalState.DeepClone();
        if (positions is not null) FirstIssuanceInChainOrder(final, replay.Events, positions);
        var truth = new JsonObject
        {
            ["network"] = "regtest",
            ["tip"] = new JsonObject { ["height"] = tipHeight, ["hash"] = tipHash },
            ["blocks"] = blocks,
            ["final"] = final,
        };
        return JsonDocument.Parse(truth.ToJsonString());
    }

    private static void FirstIssuanceInChainOrder(JsonObject final, IReadOnlyList<JsonObject> events, IReadOnlyDictionary<string, (int Height, int Index)> positions)
    {
        if (final["openassets"]?["assets"] is not JsonObject assets) return;
        foreach (var (assetId, info) in assets)
        {
            var first = events
                .Where(e => e["protocol"]!.GetValue<string>() == "openassets" && e["kind"]!.GetValue<string>() == "issuance"
                            && e["outputs"] is JsonObject o && o.Any(p => p.Value![0]!.GetValue<string>() == assetId))
                .OrderBy(e => positions[e["txid"]!.GetValue<string>()])
                .FirstOrDefault();
            if (first is null) continue;
            info!["firstIssuanceTxid"] = first["txid"]!.GetValue<string>();
            info["metadataUtf8"] = first["metadataUtf8"]?.GetValue<string>() ?? string.Empty;
        }
    }

    private static JsonObject Place(JsonObject e, IReadOnlyDictionary<string, (int Height, string Hash)>? moved)
    {
        var copy = (JsonObject)e.DeepClone();
        if (moved is not null && moved.TryGetValue(copy["txid"]!.GetValue<string>(), out var at))
        {
            copy["height"] = at.Height;
            copy["blockhash"] = at.Hash;
        }
        return copy;
    }
}
