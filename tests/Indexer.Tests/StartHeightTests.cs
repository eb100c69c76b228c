using Explorer.BlockFiles;
using Explorer.Indexer.Configuration;
using Explorer.Indexer.Pipeline;
using Explorer.Indexer.Tests.Support;
using Xunit.Abstractions;

namespace Explorer.Indexer.Tests;

/// <summary>
/// <see cref="StartHeightsOptions"/> (docs/indexer.md, "Start height per protocol"): the demo chain (tools/ChainForge, seed
/// 1) indexed with a start height for one protocol has none of that protocol's rows below it, and every other protocol's
/// rows equal a run without start heights; with all three set, the blocks below still get their rows and nothing else.
/// </summary>
[Trait("Category", "Integration")]
public sealed class StartHeightTests(ForgedChains chains, ITestOutputHelper output) : IClassFixture<ForgedChains>
{
    private static readonly string[] ProtocolTables = ["colored_transactions", "colored_outputs", "asset_events"];

    [Fact(Timeout = 300_000)]
    public async Task Colu_start_height_drops_colu_below_it_and_leaves_the_other_protocols_unchanged()
    {
        await using var full = await IndexAsync("start_full", new StartHeightsOptions());
        var coluHeights = await full.QueryAsync<uint>(
            "SELECT height FROM colored_transactions FINAL WHERE is_orphaned = 0 AND protocol = 'colu' ORDER BY height");
        Assert.True(coluHeights.Count >= 4, $"the demo chain has {coluHeights.Count} Colu transactions");
        // Half the chain's Colu transactions lie below the start height: the cut is not vacuous on either side.
        var start = (int)coluHeights[coluHeights.Count / 2];
        Assert.Contains(coluHeights, h => h < start);

        await using var cut = await IndexAsync("start_colu", new StartHeightsOptions { Colu = start });

        foreach (var table in ProtocolTables)
        {
            Assert.Equal(0, await CountAsync(cut, table, "protocol = 'colu' AND height < @start", start));
            Assert.True(await CountAsync(cut, table, "protocol = 'colu' AND height >= @start", start) > 0, table);
        }
        Assert.Equal(0, await CountAsync(cut, "assets", "protocol = 'colu' AND first_height < @start", start));
        Assert.True(await CountAsync(full, "assets", "protocol = 'colu' AND first_height < @start", start) > 0);

        // Open Assets and Counterparty: row for row what the run without start heights wrote.
        foreach (var protocol in new[] { BlockColorer.OpenAssets, BlockColorer.Counterparty })
            foreach (var table in ProtocolTables.Append("assets"))
                Assert.Equal(await RowsAsync(full, table, protocol), await RowsAsync(cut, table, protocol));
        Assert.Equal(await RowsAsync(full, "counterparty_messages", null), await RowsAsync(cut, "counterparty_messages", null));
        Assert.Equal(await RowsAsync(full, "xcp_ledger", null), await RowsAsync(cut, "xcp_ledger", null));
        Assert.Equal(await BlocksAsync(full), await BlocksAsync(cut));
        output.WriteLine($"Colu from height {start}: {coluHeights.Count(h => h < start)} of {coluHeights.Count} Colu transactions dropped; " +
            "Open Assets and Counterparty rows unchanged");
    }

    [Fact(Timeout = 300_000)]
    public async Task Below_the_lowest_start_height_only_block_rows_are_written()
    {
        const int start = 120;
        await using var full = await IndexAsync("start_all_full", new StartHeightsOptions());
        await using var cut = await IndexAsync("start_all", new StartHeightsOptions { OpenAssets = start + 10, Colu = start, Counterparty = start + 20 });

        foreach (var table in ProtocolTables.Append("counterparty_messages").Append("xcp_ledger"))
        {
            Assert.True(await CountAsync(full, table, "height < @start", start) > 0, table);
            Assert.Equal(0, await CountAsync(cut, table, "height < @start", start));
        }
        // Each protocol from its own height on.
        Assert.Equal(0, await CountAsync(cut, "colored_transactions", "protocol = 'openassets' AND height < @start", start + 10));
        Assert.Equal(0, await CountAsync(cut, "colored_transactions", "protocol = 'counterparty' AND height < @start", start + 20));
        Assert.Equal(0, await CountAsync(cut, "blocks", "colored_tx_count > 0 AND height < @start", start));
        // Every block has its row (and the pass reached the tip).
        var blocks = await BlocksAsync(cut);
        Assert.Equal(await BlocksAsync(full), blocks);
        Assert.Equal(201, blocks.Count);
        Assert.Equal(200, (await cut.Store.ReadProgressAsync(CancellationToken.None))!.Value.Height);
    }

    private async Task<IndexerHarness> IndexAsync(string name, StartHeightsOptions starts)
    {
        var harness = await IndexerHarness.CreateAsync(name);
        var options = IndexerHarness.Options_();
        options.StartHeights = starts;
        using var source = BlocksFolderSource.Open(chains.Demo.BlocksDirectory, NetworkMagic.RegTest);
        var run = await harness.Indexer(options).RunOnceAsync(source, CancellationToken.None);
        Assert.Equal(chains.Demo.Truth.RootElement.GetProperty("tip").GetProperty("hash").GetString(), run.TipHash);
        return harness;
    }

    // Table names come from this class's constants only; values are parameters.
    private static async Task<long> CountAsync(IndexerHarness harness, string table, string where, int start) =>
        (await harness.QueryAsync<long>($"SELECT toInt64(count()) FROM {table} FINAL WHERE is_orphaned = 0 AND {where}", new { start = (uint)start }))[0];

    private static Task<List<string>> RowsAsync(IndexerHarness harness, string table, string? protocol) =>
        harness.QueryAsync<string>(
            $"SELECT formatRow('TSV', * EXCEPT (version)) AS r FROM {table} FINAL WHERE is_orphaned = 0 {(protocol is null ? "" : "AND protocol = @protocol")} ORDER BY r",
            new { protocol });

    private static Task<List<string>> BlocksAsync(IndexerHarness harness) =>
        harness.QueryAsync<string>("SELECT concat(toString(height), ' ', hash) AS r FROM blocks FINAL WHERE is_orphaned = 0 ORDER BY r");
}
