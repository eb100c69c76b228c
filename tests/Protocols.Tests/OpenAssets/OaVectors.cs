using System.Text.Json;

namespace Explorer.Protocols.Tests.OpenAssets;

/// <summary>
/// The Open Assets vectors in data/openassets/openassets.json (a copy of shared/vectors/openassets.json; each
/// vector names its own source repository, path and test).
/// </summary>
public static class OaVectors
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "openassets", "openassets.json"))));

    public static IEnumerable<JsonElement> All => Document.Value.RootElement.GetProperty("vectors").EnumerateArray();

    public static JsonElement Get(string id) =>
        All.Single(v => v.GetProperty("id").GetString() == id);

    public static JsonElement Input(string id) => Get(id).GetProperty("input");

    public static JsonElement Expected(string id) => Get(id).GetProperty("expected");

    public static string Str(this JsonElement e, string name) => e.GetProperty(name).GetString()!;

    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));
}
