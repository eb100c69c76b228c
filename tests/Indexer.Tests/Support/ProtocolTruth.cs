using Xunit.Abstractions;
using System.Globalization;
using System.Text.Json;

namespace Explorer.Indexer.Tests.Support;

/// <summary>
/// Compares the store with a forge's truth.json for Colu (final unspent colored outputs) and Counterparty (one message
/// per truth event of the active chain: type, carrier, source, destination, asset, quantity and every field the truth
/// records under counterparty-core's names; none from stale blocks). Messages name each difference.
/// </summary>
public static class ProtocolTruth
{
    /// <summary>Both comparisons, logged (the live-node tests' entry point).</summary>
    public static async Task AssertColuAndCounterpartyEqualAsync(IndexerHarness harness, JsonElement truth, ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var document = JsonDocument.Parse(truth.GetRawText());
        var colu = await AssertColuEqualAsync(harness, document);
        var (messages, fields) = await AssertCounterpartyEqualAsync(harness, document);
        output.WriteLine($"colu: {colu} unspent outputs; counterparty: {messages} messages, {fields} field values compared");
    }

    public static async Task<int> AssertColuEqualAsync(IndexerHarness harness, JsonDocument truth)
    {
        var expected = truth.RootElement.GetProperty("final").GetProperty("colu").GetProperty("coloredOutputs").EnumerateObject()
            .Select(p => $"{p.Name} {p.Value[0].GetString()} {p.Value[1].GetUInt64()}").Order(StringComparer.Ordinal).ToList();
        var actual = (await harness.QueryAsync<string>(
            "SELECT concat(txid, '-', toString(n), ' ', asset_id, ' ', toString(quantity)) AS r FROM colored_outputs FINAL " +
            "WHERE protocol = 'colu' AND is_orphaned = 0 AND spent_height = 0")).Order(StringComparer.Ordinal).ToList();
        Assert.True(expected.Count > 0, "the scenario has Colu outputs");
        Assert.Equal(expected, actual);
        return expected.Count;
    }

    /// <returns>The number of messages and of fields compared.</returns>
    public static async Task<(int Messages, int Fields)> AssertCounterpartyEqualAsync(IndexerHarness harness, JsonDocument truth)
    {
        var events = truth.RootElement.GetProperty("blocks").EnumerateArray()
            .SelectMany(b => b.GetProperty("protocolEvents").EnumerateArray())
            .Where(e => e.GetProperty("protocol").GetString() == "counterparty").ToList();
        Assert.NotEmpty(events);
        var stored = (await harness.QueryAsync<(string Txid, string Type, string Carrier, string Source, string Destination, string Asset, long Quantity, string Fields)>(
            "SELECT txid, message_type, carrier, source, destination, asset, quantity, fields_json FROM counterparty_messages FINAL " +
            "WHERE is_orphaned = 0")).ToDictionary(m => m.Txid);
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
                    mismatches.Add($"{txid} {e.GetProperty("kind").GetString()} {what}: expected '{expected}', stored '{actual}'");
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

        Assert.True(fieldsCompared > events.Count, "the truth events record fields");
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches.Take(40)));

        // Nothing of a stale block's messages is visible (its txids were not mined again on the winning branch).
        if (truth.RootElement.TryGetProperty("stale", out var stale))
        {
            var staleTxids = stale.EnumerateArray().SelectMany(s => s.GetProperty("protocolEvents").EnumerateArray())
                .Where(e => e.GetProperty("protocol").GetString() == "counterparty")
                .Select(e => e.GetProperty("txid").GetString()!).Where(t => !stored.ContainsKey(t)).ToArray();
            Assert.Equal(0UL, (await harness.QueryAsync<ulong>(
                "SELECT count() FROM counterparty_messages FINAL WHERE is_orphaned = 0 AND has(@staleTxids, txid)", new { staleTxids })).Single());
        }

        return (events.Count, fieldsCompared);
    }

    private static string Normal(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDecimal().ToString(CultureInfo.InvariantCulture),
        JsonValueKind.String => value.GetString()!,
        _ => JsonSerializer.Serialize(value), // compact: the truth file is indented
    };
}
