using System.Collections.Immutable;
using Bunit;
using Explorer.Web.Components.Pages.Home;
using Explorer.Web.Services;

namespace Explorer.Web.Tests.Components;

/// <summary>The home page's store status card and latest-blocks table.</summary>
[Trait("Category", "Unit")]
public sealed class HomeComponentsTests : MudTestContext
{
    private static readonly DateTimeOffset Checked = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static StoreStatus Unreachable() => new(
        StoreState.Unreachable, "store unreachable: Connection refused (127.0.0.1:1)", "explorer", null, [], null, 0, 0, [], Checked);

    private static StoreStatus Ready() => new(
        StoreState.Ready, "indexed up to block 101", "explorer", "26.7.2.1", ["blocks"],
        new IndexedBlock(101, "bb" + new string('1', 62), new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc), 7, 3),
        2, 5, [new IndexerProgress("regtest", 101, "bb", new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc))], Checked);

    [Fact]
    public void An_unreachable_store_is_shown_as_a_warning_with_its_reason()
    {
        var cut = Render<StoreStatusCard>(p => p.Add(c => c.Status, Unreachable()));

        Assert.Equal("unreachable", cut.Find(".store-status").GetAttribute("data-state"));
        Assert.Contains("store unreachable: Connection refused (127.0.0.1:1)", cut.Find(".store-message").TextContent, StringComparison.Ordinal);
        Assert.Contains("mud-alert-text-warning", cut.Find(".store-message").ClassName, StringComparison.Ordinal);
        Assert.DoesNotContain("Indexed tip", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ready_store_shows_tip_counts_and_progress()
    {
        var cut = Render<StoreStatusCard>(p => p.Add(c => c.Status, Ready()));

        var rows = cut.FindAll(".kv-table tr").ToDictionary(r => r.QuerySelector("th")!.TextContent, r => r.QuerySelector("td")!.TextContent);
        Assert.Equal("101", rows["Indexed tip"]);
        Assert.Equal("bb" + new string('1', 62), rows["Tip hash"]);
        Assert.Equal("2", rows["Blocks indexed"]);
        Assert.Equal("5", rows["Colored transactions"]);
        Assert.Equal("101 · bb", rows["Progress (regtest)"]);
        Assert.Equal("26.7.2.1", rows["ClickHouse"]);
    }

    [Fact]
    public void Refresh_button_raises_the_callback()
    {
        var refreshed = 0;
        var cut = Render<StoreStatusCard>(p => p.Add(c => c.Status, Ready()).Add(c => c.OnRefresh, () => refreshed++));

        cut.Find("button[aria-label='Refresh store status']").Click();

        Assert.Equal(1, refreshed);
    }

    [Fact]
    public void Latest_blocks_lists_rows_or_shows_the_error()
    {
        var blocks = ImmutableArray.Create(
            new IndexedBlock(101, "bb", new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc), 7, 3),
            new IndexedBlock(100, "aa", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), 5, 2));

        var table = Render<LatestBlocks>(p => p.Add(c => c.Blocks, blocks));
        Assert.Equal(["101", "100"], table.FindAll("tbody tr td:first-child").Select(td => td.TextContent));
        Assert.Equal(["/block/101", "/block/100"], table.FindAll("tbody tr td:first-child a").Select(a => a.GetAttribute("href")));
        Assert.Equal(blocks.Select(b => "/block/" + b.Hash), table.FindAll("tbody tr td:nth-child(2) a").Select(a => a.GetAttribute("href")));

        var failed = Render<LatestBlocks>(p => p.Add(c => c.Blocks, []).Add(c => c.Error, "could not read the latest blocks: boom"));
        Assert.Equal("could not read the latest blocks: boom", failed.Find(".mud-alert-message").TextContent.Trim());
    }
}
