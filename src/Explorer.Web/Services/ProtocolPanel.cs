using System.Collections.Immutable;
using System.Text.Json;
using Explorer.Protocols.Common;

namespace Explorer.Web.Services;

/// <summary>
/// One protocol's part of a decode answer, read from its JSON so that the page shows whatever fields the decoder
/// writes: <see cref="Fields"/> are every key but <c>raw</c>; <see cref="Raw"/> is the <c>raw</c> key as a
/// <see cref="RawView"/> when present and readable.
/// </summary>
public sealed record ProtocolPanel(
    string Key,
    string Title,
    ImmutableArray<KeyValuePair<string, JsonElement>> Fields,
    RawView? Raw,
    bool? Valid,
    string? Error,
    string? RawProblem)
{
    // Counterparty message fields that name an asset or an address (counterparty-core's unpacking names).
    private static readonly string[] AssetFields = ["asset", "give_asset", "get_asset", "dividend_asset"];
    private static readonly string[] AddressFields = ["destination", "source", "address"];

    /// <summary>What the decoded fields name that the explorer has a page for, in field order, each once: the
    /// message's source and destination, the assets and addresses of a Counterparty message's fields, a Colu asset
    /// ID. (Label, protocol of an asset or null for an address, value.)</summary>
    public ImmutableArray<(string Label, string? Protocol, string Value)> Related
    {
        get
        {
            var found = ImmutableArray.CreateBuilder<(string, string?, string)>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            void Add(string label, string? protocol, JsonElement value)
            {
                if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 and <= 250 } text && seen.Add(protocol + "|" + text))
                    found.Add((label, protocol, text));
            }
            foreach (var (key, value) in Fields)
            {
                if (Key == "counterparty" && key is "source" or "destination") Add(key, null, value);
                else if (Key == "counterparty" && key == "fields" && value.ValueKind == JsonValueKind.Object)
                {
                    foreach (var name in AssetFields)
                        if (value.TryGetProperty(name, out var asset)) Add(name.Replace('_', ' '), "counterparty", asset);
                    foreach (var name in AddressFields)
                        if (value.TryGetProperty(name, out var address)) Add(name, null, address);
                }
                else if (Key == "colu" && key == "assetId") Add("asset", "colu", value);
            }
            return found.ToImmutable();
        }
    }
}
