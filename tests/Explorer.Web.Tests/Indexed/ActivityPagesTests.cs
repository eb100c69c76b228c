using System.Globalization;
using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;

namespace Explorer.Web.Tests.Indexed;

/// <summary>The activity charts of the asset and home pages over the Core regtest chain indexed by the indexer's pipeline.</summary>
[Trait("Category", "Integration")]
public sealed class ActivityPagesTests(IndexedWebFactory factory) : IClassFixture<IndexedWebFactory>
{
    private async Task<string> Get(string url)
    {
        using var client = factory.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(60);
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static List<(uint From, uint To, ulong Count)> Bars(string html) =>
        [.. new HtmlParser().ParseDocument(html).QuerySelectorAll("rect.activity-bar").Select(r => (
            uint.Parse(r.GetAttribute("data-from")!, CultureInfo.InvariantCulture),
            uint.Parse(r.GetAttribute("data-to")!, CultureInfo.InvariantCulture),
            ulong.Parse(r.GetAttribute("data-count")!, CultureInfo.InvariantCulture)))];

    [Theory]
    [InlineData("openassets", "AREKSBMzm6dEMGTYVjM5AuxZCQQdyDWnmZ")]
    [InlineData("colu", "La8qH1ERtiMyusgX2Ten3RrcjdqgMpUFidAGky")]
    public async Task Asset_chart_counts_every_event_of_the_asset_from_its_first_to_its_last_height(string protocol, string assetId)
    {
        using var api = JsonDocument.Parse(await Get($"/api/v1/assets/{protocol}/{assetId}/transfers?limit=100"));
        var events = api.RootElement.GetProperty("items").EnumerateArray().ToList();
        var bars = Bars(await Get($"/asset/{protocol}/{assetId}"));

        Assert.NotEmpty(bars);
        Assert.Equal((ulong)events.Count, bars.Aggregate(0UL, (sum, b) => sum + b.Count));
        Assert.Equal(events.Min(e => e.GetProperty("height").GetUInt32()), bars[0].From);
        Assert.Equal(events.Max(e => e.GetProperty("height").GetUInt32()), bars[^1].To);
        foreach (var e in events)
        {
            var h = e.GetProperty("height").GetUInt32();
            Assert.Single(bars, b => b.From <= h && h <= b.To && b.Count > 0);
        }
    }

    [Fact]
    public async Task Home_lists_the_newest_colored_transactions_of_each_protocol()
    {
        var doc = new HtmlParser().ParseDocument(await Get("/"));
        var rows = doc.QuerySelectorAll("tr.latest-colored-row")
            .Select(r => (Protocol: r.GetAttribute("data-protocol")!, Txid: r.GetAttribute("data-txid")!,
                Height: uint.Parse(r.QuerySelectorAll("td")[2].TextContent.Trim(), CultureInfo.InvariantCulture)))
            .ToList();

        foreach (var protocol in new[] { "openassets", "colu", "counterparty" })
        {
            var expected = factory.Truth.Confirmed.Where(t => t.GetProperty("protocol").GetString() == protocol)
                .Select(t => t.GetProperty("txid").GetString()!).ToHashSet(StringComparer.Ordinal);
            var listed = rows.Where(r => r.Protocol == protocol).ToList();
            Assert.Equal(Math.Min(5, expected.Count), listed.Count);
            Assert.Subset(expected, listed.Select(r => r.Txid).ToHashSet(StringComparer.Ordinal));
            Assert.Equal(listed.Select(r => r.Height).OrderDescending(), listed.Select(r => r.Height));
        }
    }

    [Fact]
    public async Task Home_chart_shows_the_colored_transactions_of_the_last_100_blocks_one_bar_each()
    {
        using var api = JsonDocument.Parse(await Get("/api/v1/blocks?limit=100"));
        var blocks = api.RootElement.GetProperty("blocks").EnumerateArray()
            .ToDictionary(b => b.GetProperty("height").GetUInt32(), b => b.GetProperty("coloredTxCount").GetUInt64());
        var bars = Bars(await Get("/"));

        Assert.Equal(100, bars.Count);
        Assert.All(bars, b => Assert.Equal(b.From, b.To));
        Assert.Equal(blocks.Keys.Order(), bars.Select(b => b.From));
        Assert.All(bars, b => Assert.Equal(blocks[b.From], b.Count));
        Assert.True(bars.Sum(b => (long)b.Count) > 0, "the fixture's colored blocks are in the last 100");
    }
}
