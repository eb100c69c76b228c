using System.Globalization;
using System.Text.Json;
using Xunit.Abstractions;

namespace Explorer.Indexer.Tests.Support;

/// <summary>Compares the store with a forge truth's Colu final unspent outputs and Counterparty events (one message per
/// event: type, carrier, source, destination, asset, quantity and the counterparty-core field names the truth records).
/// Moved here from TruthColuCounterpartyTests so that the live-node tests compare the same way.</summary>
public static class ProtocolTruth
{
    public static async Task AssertColuAndCounterpartyEqualAsync(IndexerHarness harness, JsonElement truth, ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(harness);
        ArgumentNullException.ThrowIfNull(output);

        var expectedColu = truth.GetProperty("final").GetProperty("colu").GetProperty("coloredOutputs").EnumerateObject()
            .Select(p => $"{p.Name} {p.Value[0].GetString()} {p.Value[1].GetUInt64()}").Order(StringComparer.Ordinal).ToList();
        var actualColu = (await harness.QueryAsync<string>(
            "SELECT concat(txid, '-', toString(n), ' ', asset_id, ' ', toString(quantity)) AS r FROM colored_outputs FINAL " +
            "WHERE protocol = 'colu' AND is_orphaned = 0 AND spent_height = 0")).Order(StringComparer.Ordinal).ToList();
        output.WriteLine($"colu: {expectedColu.Count} expected unspent outputs, {actualColu.Count} stored");
        Assert.True(expectedColu.Count > 0, "the demo scenario has Colu outputs");
        Assert.Equal(expectedColu, actualColu);

        var events = truth.GetProperty("blocks").EnumerateArray()
            .SelectMany(b => b.GetProperty("protocolEvents").EnumerateArray())
            .Where(e => e.GetProperty("protocol").GetString() == "counterparty").ToList();
        Assert.NotEmpty(events);
        var stored = (await harness.QueryAsync<(string Txid, string Type, string Carrier, string Source, string Destination, string Asset, long Quantity, string Fields)>(
            "SELECT txid, message_type, carrier, source, destination, asset, quantity, fields_json FROM counterparty_messages FINAL " +
            "WHERE is_orphaned = 0")).ToDictionary(m => m.Txid);
        output.WriteLine($"counterparty: {events.Count} truth events, {stored.Count} stored messages");
        Assert.Equal(events.Count, stored.Count);

        var mismatches = new List<string>();
        var fieldsCompared = 0;
        foreach (var e in events)
        {
            var txid = e.GetProperty("txid").GetString()!;
            if (!stored.TryGetValue(txid, out var m))
            {
                mismatches.Add($"{txid}: not stored");
                continue;
            }

            void Check(string what, string? expected, string? actual)
            {
                if (!string.Equals(expected ?? "", actual ?? "", StringComparison.Ordinal))
                    mismatches.Add($"{txid} {what}: expected '{expected}', stored '{actual}'");
            }

            Check("type", e.GetProperty("kind").GetString(), m.Type);
            Check("carrier", e.GetProperty("carrier").GetString(), m.Carrier);
            Check("source", e.GetProperty("source").GetString(), m.Source);
            if (e.TryGetProperty("destination", out var destination))
                Check("destination", destination.GetString(), m.Destination);
            var fields = e.GetProperty("fields");
            if (fields.TryGetProperty("asset", out var asset)) Check("asset", asset.GetString(), m.Asset);
            if (fields.TryGetProperty("quantity", out var quantity))
                Check("quantity", quantity.GetInt64().ToString(CultureInfo.InvariantCulture), m.Quantity.ToString(CultureInfo.InvariantCulture));
            using var json = JsonDocument.Parse(m.Fields);
            foreach (var f in fields.EnumerateObject())
            {
                fieldsCompared++;
                if (!json.RootElement.TryGetProperty(f.Name, out var actual))
                    mismatches.Add($"{txid} fields_json.{f.Name}: missing (expected {f.Value.GetRawText()})");
                else
                    Check("fields_json." + f.Name, Normal(f.Value), Normal(actual));
            }
        }

        output.WriteLine($"counterparty: {fieldsCompared} fields_json values compared");
        Assert.True(fieldsCompared > events.Count, "the truth events record fields");
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches.Take(40)));
    }

    private static string Normal(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDecimal().ToString(CultureInfo.InvariantCulture),
        JsonValueKind.String => value.GetString()!,
        _ => value.GetRawText(),
    };
}
