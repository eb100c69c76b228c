using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Explorer.Indexer.OpenAssets;

/// <summary>
/// Validates an asset definition file (JSON) against the spec's schema:
/// https://github.com/OpenAssets/open-assets-protocol/blob/master/asset-definition-protocol.mediawiki#asset-definition-file
/// "If the file is not valid, no metadata is associated to the asset at the current time." Never throws on bad input.
/// </summary>
public static class AssetDefinitionParser
{
    /// <summary>"Clients may reject the asset definition if the value of this field is longer than 10 characters."</summary>
    public const int MaxNameShortLength = 10;

    public static bool TryParse(ReadOnlySpan<byte> json, [NotNullWhen(true)] out AssetDefinition? definition, [NotNullWhen(false)] out string? error)
    {
        definition = null;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 16, CommentHandling = JsonCommentHandling.Disallow });
            using var doc = JsonDocument.ParseValue(ref reader);
            return TryRead(doc.RootElement, out definition, out error);
        }
        catch (JsonException ex)
        {
            error = "not JSON: " + ex.Message;
            return false;
        }
    }

    private static bool TryRead(JsonElement root, [NotNullWhen(true)] out AssetDefinition? definition, [NotNullWhen(false)] out string? error)
    {
        definition = null;
        if (root.ValueKind != JsonValueKind.Object) { error = "the definition must be a JSON object"; return false; }

        // "asset_ids (required) An array containing the base 58 representation of all the asset IDs authorized to use this asset definition file."
        if (!root.TryGetProperty("asset_ids", out var idsEl) || idsEl.ValueKind != JsonValueKind.Array)
        { error = "asset_ids (required) must be an array"; return false; }
        var ids = ImmutableArray.CreateBuilder<string>();
        foreach (var id in idsEl.EnumerateArray())
        {
            if (id.ValueKind != JsonValueKind.String) { error = "asset_ids must hold strings"; return false; }
            ids.Add(id.GetString()!);
        }
        // "name_short (required)", "name (required)"
        if (!TryRequiredString(root, "name_short", out var nameShort, out error)) return false;
        if (nameShort.Length > MaxNameShortLength) { error = $"name_short is longer than {MaxNameShortLength} characters"; return false; }
        if (!TryRequiredString(root, "name", out var name, out error)) return false;

        string? contract = null, issuer = null, description = null, mime = null, type = null, icon = null, image = null, version = null;
        if (!TryOptionalString(root, "contract_url", ref contract, out error)
            || !TryOptionalString(root, "issuer", ref issuer, out error)
            || !TryOptionalString(root, "description", ref description, out error)
            || !TryOptionalString(root, "description_mime", ref mime, out error)
            || !TryOptionalString(root, "type", ref type, out error)
            || !TryOptionalString(root, "icon_url", ref icon, out error)
            || !TryOptionalString(root, "image_url", ref image, out error)
            || !TryOptionalString(root, "version", ref version, out error))
            return false;
        // "version: A string which must be 1.0 for this version of the asset definition format."
        if (version is not null && version != "1.0") { error = "version must be \"1.0\""; return false; }

        // "divisibility: A signed integer indicating how many decimal places amounts of this asset can have."
        var divisibility = 0;
        // (TryGetInt32 throws on a string: a definition file is anyone's text.)
        if (root.TryGetProperty("divisibility", out var d) && d.ValueKind != JsonValueKind.Null
            && (d.ValueKind != JsonValueKind.Number || !d.TryGetInt32(out divisibility)))
        { error = "divisibility must be an integer"; return false; }
        // "link_to_website: A boolean"
        bool? link = null;
        if (root.TryGetProperty("link_to_website", out var l) && l.ValueKind != JsonValueKind.Null)
        {
            if (l.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) { error = "link_to_website must be a boolean"; return false; }
            link = l.GetBoolean();
        }

        // "By default, text/plain is assumed."
        definition = new AssetDefinition(ids.ToImmutable(), nameShort, name, contract, issuer, description, mime ?? "text/plain",
            type, divisibility, link, icon, image, version);
        error = null;
        return true;
    }

    private static bool TryRequiredString(JsonElement root, string name, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        if (!root.TryGetProperty(name, out var el) || el.ValueKind != JsonValueKind.String) { error = $"{name} (required) must be a string"; return false; }
        value = el.GetString()!;
        error = null;
        return true;
    }

    private static bool TryOptionalString(JsonElement root, string name, ref string? value, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (!root.TryGetProperty(name, out var el) || el.ValueKind == JsonValueKind.Null) return true;
        if (el.ValueKind != JsonValueKind.String) { error = $"{name} must be a string"; return false; }
        value = el.GetString();
        return true;
    }
}
