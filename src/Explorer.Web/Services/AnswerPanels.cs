using System.Collections.Immutable;
using System.Text.Json;
using Explorer.Protocols.Common;
using Explorer.Protocols.Decoding;

namespace Explorer.Web.Services;

/// <summary>
/// Splits a decode answer (as the JSON of the decode contract, ../shared/docs/decode-cli.md) into one panel per
/// protocol key that is not null. Generic over the per-protocol fields: any object-valued top-level key is a panel.
/// </summary>
public static class AnswerPanels
{
    private static readonly Dictionary<string, string> Titles = new(StringComparer.Ordinal)
    {
        ["openAssets"] = "Open Assets",
        ["colu"] = "Colu Colored Coins",
        ["counterparty"] = "Counterparty",
    };

    public static ImmutableArray<ProtocolPanel> From(DecodeAnswer answer) => FromJson(DecodeJson.Serialize(answer));

    public static ImmutableArray<ProtocolPanel> FromJson(string answerJson)
    {
        using var doc = JsonDocument.Parse(answerJson);
        var panels = ImmutableArray.CreateBuilder<ProtocolPanel>();
        foreach (var property in doc.RootElement.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Object) continue;
            panels.Add(ToPanel(property.Name, property.Value));
        }
        return panels.ToImmutable();
    }

    private static ProtocolPanel ToPanel(string key, JsonElement body)
    {
        var fields = ImmutableArray.CreateBuilder<KeyValuePair<string, JsonElement>>();
        RawView? raw = null;
        string? rawProblem = null;
        bool? valid = null;
        string? error = null;
        foreach (var field in body.EnumerateObject())
        {
            switch (field.Name)
            {
                case "raw" when field.Value.ValueKind == JsonValueKind.Object:
                    raw = ReadRaw(field.Value, out rawProblem);
                    continue;
                case "raw":
                    continue;
                case "valid" when field.Value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                    valid = field.Value.GetBoolean();
                    break;
                case "error" when field.Value.ValueKind == JsonValueKind.String:
                    error = field.Value.GetString();
                    break;
            }
            fields.Add(new(field.Name, field.Value.Clone()));
        }
        var title = Titles.TryGetValue(key, out var t) ? t : key;
        return new ProtocolPanel(key, title, fields.ToImmutable(), raw, valid, error, rawProblem);
    }

    private static RawView? ReadRaw(JsonElement element, out string? problem)
    {
        try
        {
            var view = element.Deserialize<RawView>(DecodeJson.Options);
            problem = null;
            if (view is null) return null;
            // Missing arrays deserialize as default ImmutableArrays: treat them as empty.
            return new RawView(view.Layers.IsDefault ? [] : view.Layers, view.Annotations.IsDefault ? [] : view.Annotations);
        }
        catch (JsonException ex)
        {
            problem = "raw view unreadable: " + ex.Message;
            return null;
        }
    }
}
