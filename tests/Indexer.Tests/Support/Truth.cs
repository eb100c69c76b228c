using System.Text.Json;

namespace Explorer.Indexer.Tests.Support;

/// <summary>Compares the store with a forge's truth.json (Open Assets final state), with messages naming the difference.</summary>
public static class Truth
{
    public static async Task AssertOpenAssetsEqualAsync(IndexerHarness harness, JsonDocument truth)
    {
        var final = truth.RootElement.GetProperty("final").GetProperty("openassets");

        var expectedOutputs = final.GetProperty("coloredOutputs").EnumerateObject()
            .Select(p => $"{p.Name} {p.Value[0].GetString()} {p.Value[1].GetUInt64()}").Order(StringComparer.Ordinal).ToList();
        var actualOutputs = (await harness.QueryAsync<string>(
            "SELECT concat(txid, '-', toString(n), ' ', asset_id, ' ', toString(quantity)) AS r FROM colored_outputs FINAL " +
            "WHERE protocol = 'openassets' AND is_orphaned = 0 AND spent_txid = '' ORDER BY r")).Order(StringComparer.Ordinal).ToList();
        Assert.True(expectedOutputs.Count > 0, "the scenario has colored outputs");
        Assert.Equal(expectedOutputs, actualOutputs);

        var expectedBalances = final.GetProperty("balances").EnumerateObject()
            .SelectMany(a => a.Value.EnumerateObject().Where(b => b.Value.GetUInt64() > 0).Select(b => $"{a.Name} {b.Name} {b.Value.GetUInt64()}"))
            .Order(StringComparer.Ordinal).ToList();
        var actualBalances = (await harness.QueryAsync<string>(
            "SELECT concat(address, ' ', asset_id, ' ', toString(quantity)) AS r FROM balances WHERE protocol = 'openassets' AND quantity > 0"))
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expectedBalances, actualBalances);

        var expectedAssets = final.GetProperty("assets").EnumerateObject()
            .Select(a => $"{a.Name} {a.Value.GetProperty("firstIssuanceTxid").GetString()} {a.Value.GetProperty("metadataUtf8").GetString()}")
            .Order(StringComparer.Ordinal).ToList();
        var actualAssets = (await harness.QueryAsync<string>(
            "SELECT concat(asset_id, ' ', first_txid, ' ', metadata_utf8) AS r FROM assets FINAL WHERE protocol = 'openassets' AND is_orphaned = 0"))
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expectedAssets, actualAssets);

        // Issued totals per asset: the issuance events add up to what the scenario issued.
        var expectedIssued = final.GetProperty("assets").EnumerateObject()
            .Select(a => $"{a.Name} {a.Value.GetProperty("issued").GetUInt64()}").Order(StringComparer.Ordinal).ToList();
        var actualIssued = (await harness.QueryAsync<string>(
            "SELECT concat(asset_id, ' ', toString(sum(quantity))) AS r FROM asset_events FINAL " +
            "WHERE protocol = 'openassets' AND kind = 'issuance' AND is_orphaned = 0 GROUP BY asset_id")).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expectedIssued, actualIssued);
    }

    /// <summary>Every event of a truth block list is a visible colored transaction (by txid), and no event of a stale
    /// block is visible unless its txid was mined again on the winning branch.</summary>
    public static async Task AssertEventsAsync(IndexerHarness harness, JsonDocument truth)
    {
        var active = truth.RootElement.GetProperty("blocks").EnumerateArray()
            .SelectMany(b => b.GetProperty("events").EnumerateArray().Select(e => (Txid: e.GetProperty("txid").GetString()!, Height: b.GetProperty("height").GetUInt32())))
            .ToList();
        Assert.NotEmpty(active);
        var visible = (await harness.QueryAsync<(string Txid, uint Height)>(
            "SELECT txid, height FROM colored_transactions FINAL WHERE protocol = 'openassets' AND is_orphaned = 0")).ToHashSet();
        Assert.All(active, e => Assert.Contains(e, visible));

        if (truth.RootElement.TryGetProperty("stale", out var stale))
        {
            var staleHashes = stale.EnumerateArray().Select(s => s.GetProperty("hash").GetString()!).ToArray();
            foreach (var table in new[] { "colored_transactions", "colored_outputs", "asset_events" })
                Assert.Equal(0UL, (await harness.QueryAsync<ulong>(
                    $"SELECT count() FROM {table} FINAL WHERE is_orphaned = 0 AND has(@staleHashes, block_hash)", new { staleHashes })).Single());
            Assert.Equal(0UL, (await harness.QueryAsync<ulong>(
                "SELECT count() FROM blocks FINAL WHERE is_orphaned = 0 AND has(@staleHashes, hash)", new { staleHashes })).Single());
        }
    }
}
