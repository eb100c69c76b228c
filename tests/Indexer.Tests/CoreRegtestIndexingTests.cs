using System.Text.Json;
using Explorer.BlockFiles;
using Explorer.Indexer.Tests.Support;

namespace Explorer.Indexer.Tests;

/// <summary>
/// Indexes the blocks folder written by a real Bitcoin Core 29 regtest node (../shared/fixtures/core-regtest, copied
/// under tests/BlockFiles.Tests/data): every confirmed transaction of its expected.json gets the protocol and colors
/// stated there, and nothing of its 2 stale blocks stays visible. The stale blocks are delivered before the winners
/// (<see cref="ReplaySource"/>), so the indexer really indexes them and rolls them back.
/// </summary>
[Trait("Category", "Integration")]
public sealed class CoreRegtestIndexingTests
{
    private static string Fixture => Path.Combine(AppContext.BaseDirectory, "data", "core-regtest");

    [Fact(Timeout = 180_000)]
    public async Task Every_expected_transaction_is_indexed_with_its_colors_and_stale_blocks_are_invisible()
    {
        await using var harness = await IndexerHarness.CreateAsync(nameof(CoreRegtestIndexingTests));
        using var expected = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Fixture, "expected.json")));
        using var source = new ReplaySource(BlocksFolderReader.Open(Path.Combine(Fixture, "blocks"), NetworkMagic.RegTest));

        var run = await harness.Indexer().RunOnceAsync(source, CancellationToken.None);

        var root = expected.RootElement;
        Assert.Equal(root.GetProperty("height").GetInt32(), run.TipHeight);
        Assert.Equal(root.GetProperty("best").GetString(), run.TipHash);
        Assert.True(run.Rollbacks >= 1, "the stale blocks were delivered first, so a rollback must have happened");

        var checkedTransactions = 0;
        foreach (var tx in root.GetProperty("transactions").EnumerateArray())
        {
            if (tx.TryGetProperty("mempool", out var m) && m.GetBoolean()) continue; // unconfirmed: not in the blocks folder
            var txid = tx.GetProperty("txid").GetString()!;
            var protocol = tx.GetProperty("protocol").GetString()!;
            var rows = await harness.QueryAsync<(uint Height, string BlockHash, byte Valid, string RawHex)>(
                "SELECT height, block_hash, valid, raw_hex FROM colored_transactions FINAL WHERE txid = @txid AND protocol = @protocol AND is_orphaned = 0",
                new { txid, protocol });
            var row = Assert.Single(rows);
            Assert.Equal(tx.GetProperty("height").GetUInt32(), row.Height);
            Assert.Equal(tx.GetProperty("blockhash").GetString(), row.BlockHash);
            Assert.Equal(tx.GetProperty("hex").GetString(), row.RawHex);
            if (tx.TryGetProperty("valid", out var valid)) Assert.Equal(valid.GetBoolean(), row.Valid == 1);

            if (protocol is "openassets" or "colu")
            {
                var expectedOutputs = new List<string>();
                foreach (var output in tx.GetProperty("outputs").EnumerateObject())
                {
                    // Open Assets: "n": [assetId, qty]; Colu: "n": [[assetId, qty], ...].
                    var entries = output.Value[0].ValueKind == JsonValueKind.Array ? output.Value.EnumerateArray().ToList() : [output.Value];
                    expectedOutputs.AddRange(entries.Select(e => $"{output.Name}:{e[0].GetString()}:{e[1].GetUInt64()}"));
                }
                var actual = await harness.QueryAsync<string>(
                    "SELECT concat(toString(n), ':', asset_id, ':', toString(quantity)) AS r FROM colored_outputs FINAL " +
                    "WHERE txid = @txid AND protocol = @protocol AND is_orphaned = 0 ORDER BY n, idx", new { txid, protocol });
                Assert.Equal(expectedOutputs.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
            }
            else
            {
                var message = Assert.Single(await harness.QueryAsync<(string Carrier, int TypeId, string Asset, long Quantity, string Destination)>(
                    "SELECT carrier, message_type_id, asset, quantity, destination FROM counterparty_messages FINAL WHERE txid = @txid AND is_orphaned = 0",
                    new { txid }));
                Assert.Equal(tx.GetProperty("carrier").GetString(), message.Carrier);
                Assert.Equal(tx.GetProperty("messageTypeId").GetInt32(), message.TypeId);
                Assert.Equal(tx.GetProperty("fields").GetProperty("asset").GetString(), message.Asset);
                Assert.Equal(tx.GetProperty("fields").GetProperty("quantity").GetInt64(), message.Quantity);
                if (tx.TryGetProperty("destination", out var destination)) Assert.Equal(destination.GetString(), message.Destination);
            }
            checkedTransactions++;
        }
        Assert.Equal(8, checkedTransactions);

        var stale = root.GetProperty("stale").EnumerateArray().Select(s => s.GetString()!).ToArray();
        Assert.Equal(2, stale.Length);
        foreach (var table in new[] { "colored_transactions", "colored_outputs", "asset_events", "counterparty_messages" })
            Assert.Equal(string.Empty, string.Join("\n", await harness.QueryAsync<string>(
                $"SELECT formatRow('TSV', *) FROM {table} FINAL WHERE is_orphaned = 0 AND has(@stale, block_hash)", new { stale })));
        Assert.Equal(0UL, (await harness.QueryAsync<ulong>(
            "SELECT count() FROM blocks FINAL WHERE is_orphaned = 0 AND has(@stale, hash)", new { stale })).Single());
        // ... while they were indexed before the reorg (orphaned rows exist).
        Assert.Equal(2UL, (await harness.QueryAsync<ulong>(
            "SELECT count() FROM blocks FINAL WHERE is_orphaned = 1 AND has(@stale, hash)", new { stale })).Single());
        Assert.Equal((ulong)(run.TipHeight + 1), (await harness.QueryAsync<ulong>("SELECT count() FROM blocks FINAL WHERE is_orphaned = 0")).Single());
    }
}
