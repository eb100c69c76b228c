using System.Text.Json;

namespace Explorer.Protocols.Tests.Colu;

/// <summary>
/// Loads data/colu/colu.json, a copy of ../shared/vectors/colu.json. Each vector carries its own source
/// (repository at commit, path, test name) and is cited by its id in the tests.
/// </summary>
public static class ColuVectors
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "colu", "colu.json"))));

    public static JsonElement Get(string id)
    {
        foreach (var v in Document.Value.RootElement.GetProperty("vectors").EnumerateArray())
            if (v.GetProperty("id").GetString() == id) return v;
        throw new KeyNotFoundException(id);
    }

    public static JsonElement Expected(string id) => Get(id).GetProperty("expected");

    public static JsonElement Input(string id) => Get(id).GetProperty("input");

    public static IEnumerable<string> Ids()
    {
        foreach (var v in Document.Value.RootElement.GetProperty("vectors").EnumerateArray())
            yield return v.GetProperty("id").GetString()!;
    }

    public static byte[] Hex(string hex) => Convert.FromHexString(hex);
}
