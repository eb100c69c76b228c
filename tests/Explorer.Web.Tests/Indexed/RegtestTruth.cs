using System.Text.Json;

namespace Explorer.Web.Tests.Indexed;

/// <summary>
/// The fixture's expected.json (written from the Bitcoin Core node's RPC answers when the chain was made): confirmed
/// transactions with their protocol, block, height and colors.
/// </summary>
public sealed class RegtestTruth
{
    private RegtestTruth(JsonElement root) => Root = root;

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "data", "core-regtest");

    public JsonElement Root { get; }

    public int TipHeight => Root.GetProperty("height").GetInt32();

    public string TipHash => Root.GetProperty("best").GetString()!;

    public IEnumerable<JsonElement> Confirmed => Root.GetProperty("transactions").EnumerateArray()
        .Where(t => !(t.TryGetProperty("mempool", out var m) && m.GetBoolean()));

    public JsonElement Tx(string what) => Confirmed.First(t => t.GetProperty("what").GetString()!.StartsWith(what, StringComparison.Ordinal));

    public static RegtestTruth Load()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "expected.json")));
        return new RegtestTruth(doc.RootElement.Clone());
    }
}
