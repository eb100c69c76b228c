using System.Net;
using System.Text.Json;
using Dapper;

namespace Explorer.Web.Tests.Store;

/// <summary><c>/api/v1/status</c>, <c>/api/v1/blocks</c> and the home page over a real store (embedded ClickHouse).</summary>
[Trait("Category", "Integration")]
public sealed class StoreApiTests(StoreWebFactory factory) : IClassFixture<StoreWebFactory>
{
    private HttpClient Client()
    {
        var client = factory.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(60);
        return client;
    }

    private static async Task<JsonElement> ReadJson(HttpResponseMessage response)
    {
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }

    [Fact]
    public async Task A_stale_block_is_named_stale_with_the_best_chains_block_at_its_height()
    {
        var stale = StoreDatabase.HashOf(10, 'b');
        using var api = await Client().GetAsync($"/api/v1/blocks/{stale}");
        var json = await ReadJson(api);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal($"block {stale} is stale: indexed at height 10, then replaced in a reorg by {StoreDatabase.HashOf(10)}", json.GetProperty("error").GetString());

        using var page = await Client().GetAsync($"/block/{stale}");
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.StartsWith("Stale block", doc.QuerySelector(".page-problem")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal($"/block/{StoreDatabase.HashOf(10)}", doc.QuerySelector(".stale-replaced-by a")!.GetAttribute("href"));

        // Above the best chain's tip: stale, replaced by nothing.
        using var fork = await Client().GetAsync($"/block/{StoreDatabase.HashOf(StoreWebFactory.Tip + 1, 'b')}");
        var forkDoc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await fork.Content.ReadAsStringAsync());
        Assert.Contains("no indexed block", forkDoc.QuerySelector(".stale-replaced-by")!.TextContent, StringComparison.Ordinal);
        // A hash never indexed keeps the plain message.
        using var unknown = await Client().GetAsync($"/block/{StoreDatabase.HashOf(3, 'c')}");
        var unknownDoc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await unknown.Content.ReadAsStringAsync());
        Assert.StartsWith("Not found", unknownDoc.QuerySelector(".page-problem")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Null(unknownDoc.QuerySelector(".block-stale"));
    }

    [Fact]
    public async Task Status_is_ready_with_the_tip()
    {
        using var response = await Client().GetAsync("/api/v1/status");
        var json = await ReadJson(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ready", json.GetProperty("state").GetString());
        Assert.Equal($"indexed up to block {StoreWebFactory.Tip}", json.GetProperty("message").GetString());
        Assert.Equal(StoreWebFactory.Tip, json.GetProperty("tip").GetProperty("height").GetUInt32());
        Assert.Equal(StoreDatabase.HashOf(StoreWebFactory.Tip), json.GetProperty("tip").GetProperty("hash").GetString());
        Assert.Equal(StoreWebFactory.Tip + 1, json.GetProperty("blockCount").GetUInt64());
    }

    [Fact]
    public async Task Blocks_are_cursor_paged_to_the_genesis()
    {
        var heights = new List<uint>();
        var url = "/api/v1/blocks?limit=7";
        var pages = 0;
        while (true)
        {
            using var response = await Client().GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var json = await ReadJson(response);
            heights.AddRange(json.GetProperty("blocks").EnumerateArray().Select(b => b.GetProperty("height").GetUInt32()));
            pages++;
            if (json.GetProperty("next").ValueKind == JsonValueKind.Null)
                break;
            url = $"/api/v1/blocks?limit=7&before={json.GetProperty("next").GetUInt32()}";
        }

        Assert.Equal(4, pages);
        Assert.Equal(Enumerable.Range(0, (int)StoreWebFactory.Tip + 1).Reverse().Select(h => (uint)h), heights);
    }

    [Fact]
    public async Task Blocks_csv_pages_walk_to_the_genesis_with_the_next_page_in_the_link_header()
    {
        var rows = new List<string[]>();
        string? url = "/api/v1/blocks?limit=7&format=csv";
        var pages = 0;
        while (url is not null)
        {
            using var response = await Client().GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
            var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("height,hash,time,tx_count,colored_tx_count", lines[0]);
            rows.AddRange(lines.Skip(1).Select(l => l.Split(',')));
            pages++;
            url = response.Headers.TryGetValues("Link", out var link)
                ? System.Text.RegularExpressions.Regex.Match(link.Single(), "^<([^>]+)>; rel=\"next\"$").Groups[1].Value : null;
            if (url is not null)
            {
                Assert.Contains("before=" + rows[^1][0], url, StringComparison.Ordinal);
                Assert.Equal(rows[^1][0], response.Headers.GetValues("X-Next-Cursor").Single());
            }
        }

        Assert.Equal(4, pages);
        Assert.Equal(Enumerable.Range(0, (int)StoreWebFactory.Tip + 1).Reverse().Select(h => h.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            rows.Select(r => r[0]));
        Assert.Equal(StoreDatabase.HashOf(StoreWebFactory.Tip), rows[0][1]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", rows[0][2]);
    }

    [Fact]
    public async Task Blocks_default_page_is_the_newest_twenty()
    {
        using var response = await Client().GetAsync("/api/v1/blocks");
        var json = await ReadJson(response);

        var blocks = json.GetProperty("blocks").EnumerateArray().ToList();
        Assert.Equal(20, blocks.Count);
        Assert.Equal(StoreWebFactory.Tip, blocks[0].GetProperty("height").GetUInt32());
        Assert.Equal(StoreWebFactory.Tip - 19, json.GetProperty("next").GetUInt32());
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=101")]
    [InlineData("limit=-1")]
    [InlineData("limit=10;DROP TABLE blocks")]
    [InlineData("before=1 OR 1=1")]
    [InlineData("before=1); DROP TABLE blocks; --")]
    [InlineData("before=-1")]
    [InlineData("before=4294967296")]
    [InlineData("before=0x10")]
    [InlineData("before={before:String}")]
    [InlineData("format=xml")]
    public async Task Hostile_or_out_of_range_parameters_are_refused_and_change_nothing(string query)
    {
        using var response = await Client().GetAsync("/api/v1/blocks?" + Uri.EscapeDataString(query).Replace("%3D", "=", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var connection = factory.Store.Connect();
        Assert.Equal(StoreWebFactory.Tip + 3, await connection.ExecuteScalarAsync<uint>("SELECT count() FROM blocks"));
    }

    [Fact]
    public async Task Home_page_shows_the_tip_and_the_latest_blocks()
    {
        var html = await Client().GetStringAsync("/");

        Assert.Contains($"indexed up to block {StoreWebFactory.Tip}", html, StringComparison.Ordinal);
        Assert.Contains(StoreDatabase.HashOf(StoreWebFactory.Tip), html, StringComparison.Ordinal);
        Assert.Contains("Latest indexed blocks", html, StringComparison.Ordinal);
        Assert.DoesNotContain(StoreDatabase.HashOf(StoreWebFactory.Tip + 1, 'b'), html, StringComparison.Ordinal);
    }
}
