using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;

namespace Explorer.Web.Tests.Indexed;

/// <summary>
/// Unbounded lists as an auditor exports them, over the Core regtest chain indexed by the indexer's pipeline: the CSV
/// form of each cursor-paged route, walked page by page through its <c>Link: rel="next"</c> header, holds exactly the
/// rows of the JSON form; the address history route pages like the address route; the pages' CSV/JSON links name the
/// same query from the page's own cursor.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ExportListsTests(IndexedWebFactory factory) : IClassFixture<IndexedWebFactory>
{
    private const string OaAsset = "AREKSBMzm6dEMGTYVjM5AuxZCQQdyDWnmZ";
    private const string ColuAsset = "La8qH1ERtiMyusgX2Ten3RrcjdqgMpUFidAGky";

    private async Task<HttpResponseMessage> Send(string url)
    {
        using var client = factory.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(60);
        return await client.GetAsync(url);
    }

    private async Task<JsonElement> Json(string url)
    {
        using var response = await Send(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Every CSV page from <paramref name="url"/> on, following Link rel="next": the header once, then the rows.</summary>
    private async Task<(string Header, List<string> Rows, int Pages)> WalkCsv(string url)
    {
        var rows = new List<string>();
        string? header = null;
        var pages = 0;
        for (string? next = url; next is not null && pages < 200; pages++)
        {
            using var response = await Send(next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
            var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.True(header is null || header == lines[0], "every page starts with the same header");
            header = lines[0];
            rows.AddRange(lines.Skip(1));
            next = response.Headers.TryGetValues("Link", out var links)
                ? links.Select(l => System.Text.RegularExpressions.Regex.Match(l, "^<([^>]+)>; rel=\"next\"$")).Single(m => m.Success).Groups[1].Value
                : null;
            Assert.Equal(next is null, !response.Headers.Contains("X-Next-Cursor"));
        }
        return (header!, rows, pages);
    }

    private async Task<string> BusiestAddress()
    {
        var oa = await Json($"/api/v1/assets/openassets/{OaAsset}/transfers?limit=100");
        var colu = await Json($"/api/v1/assets/colu/{ColuAsset}/transfers?limit=100");
        return oa.GetProperty("items").EnumerateArray().Concat(colu.GetProperty("items").EnumerateArray())
            .Where(e => e.GetProperty("address").ValueKind == JsonValueKind.String)
            .GroupBy(e => e.GetProperty("address").GetString()!).OrderByDescending(g => g.Count()).First().Key;
    }

    private static string Cell(JsonElement e, string name) => e.GetProperty(name) switch
    {
        { ValueKind: JsonValueKind.Null } => "", // no output: null in JSON, an empty cell in CSV
        { ValueKind: JsonValueKind.String } s => s.GetString()!,
        var v => v.GetRawText(),
    };

    [Fact]
    public async Task Address_history_csv_walked_one_row_a_page_equals_the_address_route_history()
    {
        var address = await BusiestAddress();
        var history = (await Json($"/api/v1/addresses/{address}?limit=100")).GetProperty("history").EnumerateArray().ToList();
        Assert.True(history.Count >= 2, $"{address} has {history.Count} events: too few to page");

        var (header, rows, pages) = await WalkCsv($"/api/v1/addresses/{address}/history?format=csv&limit=1");
        Assert.Equal("height,txid,protocol,asset_id,kind,seq,quantity,n,ledger_status", header);
        Assert.Equal(history.Count, pages);
        Assert.Equal(history.Select(e => string.Join(",", new[] { "height", "txid", "protocol", "assetId", "kind", "seq", "quantity", "n", "ledgerStatus" }
            .Select(k => Cell(e, k)))), rows);

        // The JSON form of the history route pages the same items.
        var paged = new List<string>();
        for (var url = $"/api/v1/addresses/{address}/history?limit=1"; ;)
        {
            Assert.True(paged.Count <= history.Count, "the cursor moves forward");
            var page = await Json(url);
            Assert.Equal(address, page.GetProperty("address").GetString());
            paged.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("txid").GetString()!));
            if (page.GetProperty("next").ValueKind == JsonValueKind.Null) break;
            url = $"/api/v1/addresses/{address}/history?limit=1&cursor={Uri.EscapeDataString(page.GetProperty("next").GetString()!)}";
        }
        Assert.Equal(history.Select(e => e.GetProperty("txid").GetString()!), paged);
    }

    [Theory]
    [InlineData("openassets", OaAsset, "transfers")]
    [InlineData("colu", ColuAsset, "transfers")]
    [InlineData("colu", ColuAsset, "holders")]
    public async Task Asset_csv_walked_through_link_headers_equals_the_json_list(string protocol, string assetId, string list)
    {
        var items = (await Json($"/api/v1/assets/{protocol}/{assetId}/{list}?limit=100")).GetProperty("items").EnumerateArray().ToList();
        Assert.True(items.Count >= 2);
        var (_, rows, pages) = await WalkCsv($"/api/v1/assets/{protocol}/{assetId}/{list}?format=csv&limit=1");
        Assert.Equal(items.Count, pages);
        var key = list == "holders" ? "address" : "txid";
        Assert.Equal(items.Select(i => i.GetProperty(key).GetString()), rows.Select(r => r.Split(',')[list == "holders" ? 0 : 1]));
    }

    [Theory]
    [InlineData("/history?cursor=1.2.3")]
    [InlineData("/history?limit=0")]
    [InlineData("/history?format=xml")]
    [InlineData("/balances?cursor=openassets")]
    [InlineData("/balances?cursor=bitcoin.ABC")]
    [InlineData("/balances?cursor=colu.La'%20OR%201=1")]
    [InlineData("/balances?limit=-1")]
    [InlineData("/balances?format=csv;")]
    public async Task Bad_cursors_limits_and_formats_of_the_address_lists_are_400(string tail)
    {
        using var response = await Send($"/api/v1/addresses/{await BusiestAddress()}{tail}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.TryGetProperty("error", out _));
    }

    [Fact]
    public async Task An_address_of_another_network_is_400_on_both_lists()
    {
        foreach (var list in new[] { "balances", "history" })
        {
            using var response = await Send($"/api/v1/addresses/1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2/{list}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    [Fact]
    public async Task Page_export_links_name_the_same_query_from_the_pages_cursor()
    {
        var address = await BusiestAddress();
        var first = await Json($"/api/v1/addresses/{address}?limit=25");
        var html = await (await Send($"/address/{address}")).Content.ReadAsStringAsync();
        var doc = new HtmlParser().ParseDocument(html);
        Assert.Equal($"/api/v1/addresses/{address}/history?format=csv&limit=100", doc.QuerySelector(".address-history .export-csv")?.GetAttribute("href"));
        Assert.Equal($"/api/v1/addresses/{address}/balances?format=json&limit=100", doc.QuerySelector(".address-balances .export-json")?.GetAttribute("href"));
        Assert.Equal(first.GetProperty("balances").GetArrayLength(), doc.QuerySelectorAll(".balance-row").Length);

        // From a later page of the history, the links start where the page does.
        var oneEvent = await Json($"/api/v1/addresses/{address}?limit=1");
        var cursor = oneEvent.GetProperty("next").GetString()!;
        doc = new HtmlParser().ParseDocument(await (await Send($"/address/{address}?cursor={Uri.EscapeDataString(cursor)}")).Content.ReadAsStringAsync());
        var href = doc.QuerySelector(".address-history .export-csv")!.GetAttribute("href")!;
        Assert.Equal($"/api/v1/addresses/{address}/history?format=csv&limit=100&cursor={Uri.EscapeDataString(cursor)}", href);
        var (_, rows, _) = await WalkCsv(href);
        var rest = (await Json($"/api/v1/addresses/{address}?limit=100&cursor={Uri.EscapeDataString(cursor)}")).GetProperty("history");
        Assert.Equal(rest.EnumerateArray().Select(e => e.GetProperty("txid").GetString()), rows.Select(r => r.Split(',')[1]));

        var holders = Uri.EscapeDataString((await Json($"/api/v1/assets/colu/{ColuAsset}/holders?limit=1")).GetProperty("next").GetString()!);
        var asset = new HtmlParser().ParseDocument(await (await Send($"/asset/colu/{ColuAsset}?holders={holders}")).Content.ReadAsStringAsync());
        Assert.Equal($"/api/v1/assets/colu/{ColuAsset}/holders?format=csv&limit=100&cursor={holders}", asset.QuerySelector(".asset-holders .export-csv")?.GetAttribute("href"));
        Assert.Equal($"/api/v1/assets/colu/{ColuAsset}/transfers?format=json&limit=100", asset.QuerySelector(".asset-transfers .export-json")?.GetAttribute("href"));
    }
    [Fact]
    public async Task A_blocks_colored_transactions_page_by_position_in_json_csv_and_on_its_page()
    {
        var blocks = (await Json("/api/v1/blocks?limit=100")).GetProperty("blocks").EnumerateArray().ToList();
        var busiest = blocks.OrderByDescending(b => b.GetProperty("coloredTxCount").GetInt32()).First();
        var hash = busiest.GetProperty("hash").GetString()!;
        var listed = (await Json($"/api/v1/blocks/{hash}")).GetProperty("coloredTransactions").EnumerateArray()
            .Select(t => $"{t.GetProperty("txIndex").GetRawText()},{t.GetProperty("txid").GetString()},{t.GetProperty("protocol").GetString()}").ToList();
        Assert.True(listed.Count >= 2, $"block {hash} has {listed.Count} colored transactions: too few to page");

        var paged = new List<string>();
        var height = busiest.GetProperty("height").GetRawText();
        for (var url = $"/api/v1/blocks/{height}/transactions?limit=1"; ;)
        {
            Assert.True(paged.Count <= listed.Count, "the cursor moves forward");
            var page = await Json(url);
            Assert.Equal(hash, page.GetProperty("hash").GetString());
            paged.AddRange(page.GetProperty("items").EnumerateArray()
                .Select(t => $"{t.GetProperty("txIndex").GetRawText()},{t.GetProperty("txid").GetString()},{t.GetProperty("protocol").GetString()}"));
            if (page.GetProperty("next").ValueKind == JsonValueKind.Null) break;
            url = $"/api/v1/blocks/{height}/transactions?limit=1&cursor={Uri.EscapeDataString(page.GetProperty("next").GetString()!)}";
        }
        Assert.Equal(listed, paged);
        var (header, rows, _) = await WalkCsv($"/api/v1/blocks/{hash}/transactions?format=csv&limit=1");
        Assert.Equal("tx_index,txid,protocol,kind,valid,error", header);
        Assert.Equal(listed, rows.Select(r => string.Join(',', r.Split(',').Take(3))));

        // The page from the first transaction's cursor lists the others, with links starting there.
        var first = (await Json($"/api/v1/blocks/{hash}/transactions?limit=1")).GetProperty("next").GetString()!;
        var doc = new HtmlParser().ParseDocument(await (await Send($"/block/{hash}?txs={Uri.EscapeDataString(first)}")).Content.ReadAsStringAsync());
        Assert.Equal(listed.Skip(1).Select(l => l.Split(',')[1]),
            doc.QuerySelectorAll("tr.block-tx").Select(r => r.QuerySelectorAll("td")[1].TextContent.Trim()));
        Assert.Equal($"/api/v1/blocks/{hash}/transactions?format=csv&limit=100&cursor={Uri.EscapeDataString(first)}",
            doc.QuerySelector(".block-colored .export-csv")?.GetAttribute("href"));
        Assert.Null(doc.QuerySelector(".block-colored .next-page"));

        foreach (var bad in new[] { "?cursor=1", "?cursor=x.colu", "?cursor=1.bitcoin", "?limit=0", "?format=tsv" })
        {
            using var response = await Send($"/api/v1/blocks/{hash}/transactions{bad}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
        using (var missing = await Send($"/api/v1/blocks/{new string('0', 64)}/transactions"))
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
    [Fact]
    public async Task An_event_on_no_output_has_an_empty_n_cell_not_minus_one()
    {
        (string Protocol, string AssetId) asset;
        await using (var connection = factory.Store.Connect())
        {
            await connection.OpenAsync();
            asset = (await Dapper.SqlMapper.QueryAsync<(string, string)>(connection,
                "SELECT protocol, asset_id FROM asset_events FINAL WHERE n < 0 AND is_orphaned = 0 ORDER BY protocol, asset_id LIMIT 1")).Single();
        }
        var (header, rows, _) = await WalkCsv($"/api/v1/assets/{asset.Protocol}/{asset.AssetId}/transfers?format=csv&limit=100");
        var n = header.Split(',').ToList().IndexOf("n");
        Assert.True(n >= 0, header);
        var cells = rows.Select(r => r.Split(',')[n]).ToList();
        Assert.Contains("", cells);
        Assert.DoesNotContain(cells, c => c.Contains("-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Counterparty_messages_of_an_address_page_in_json_csv_and_on_its_page()
    {
        string source;
        await using (var connection = factory.Store.Connect())
        {
            await connection.OpenAsync();
            source = await Dapper.SqlMapper.ExecuteScalarAsync<string>(connection,
                "SELECT source FROM counterparty_messages FINAL WHERE is_orphaned = 0 GROUP BY source ORDER BY count() DESC, source LIMIT 1") ?? "";
        }
        var listed = (await Json($"/api/v1/addresses/{source}")).GetProperty("counterpartyMessages").EnumerateArray()
            .Select(m => m.GetProperty("txid").GetString()!).ToList();
        Assert.True(listed.Count >= 2, $"{source} has {listed.Count} Counterparty messages: too few to page");

        var route = $"/api/v1/addresses/{source}/counterparty-messages";
        var walked = new List<string>();
        for (var url = route + "?limit=1"; ;)
        {
            Assert.True(walked.Count <= listed.Count, "the cursor moves forward");
            var page = await Json(url);
            walked.AddRange(page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("txid").GetString()!));
            if (page.GetProperty("next").ValueKind == JsonValueKind.Null) break;
            url = $"{route}?limit=1&cursor={Uri.EscapeDataString(page.GetProperty("next").GetString()!)}";
        }
        Assert.Equal(listed, walked);
        var (header, rows, _) = await WalkCsv(route + "?format=csv&limit=1");
        Assert.Equal("height,tx_index,txid,message_type,source,destination,asset,quantity,valid,ledger_status", header);
        Assert.Equal(listed, rows.Select(r => r.Split(',')[2]));

        var next = (await Json(route + "?limit=1")).GetProperty("next").GetString()!;
        var doc = new HtmlParser().ParseDocument(await (await Send($"/address/{source}?messages={Uri.EscapeDataString(next)}")).Content.ReadAsStringAsync());
        Assert.Equal(listed.Skip(1), doc.QuerySelectorAll("tr.xcp-message").Select(r => r.QuerySelectorAll("td")[1].TextContent.Trim()));
        Assert.Contains(doc.QuerySelectorAll("a.export-csv"), a => a.GetAttribute("href") ==
            $"{route}?format=csv&limit=100&cursor={Uri.EscapeDataString(next)}");
    }
    [Fact]
    public async Task The_blocks_page_links_the_json_and_csv_lists_below_the_same_height()
    {
        var doc = new HtmlParser().ParseDocument(await (await Send("/blocks?before=115")).Content.ReadAsStringAsync());
        var href = doc.QuerySelector("a.export-json")?.GetAttribute("href");
        Assert.Equal("/api/v1/blocks?format=json&limit=100&before=115", href);
        var csv = doc.QuerySelector("a.export-csv")?.GetAttribute("href");
        Assert.Equal("/api/v1/blocks?format=csv&limit=100&before=115", csv);
        var csvHeights = (await (await Send(csv!)).Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Skip(1).Select(l => uint.Parse(l.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var heights = (await Json(href!)).GetProperty("blocks").EnumerateArray().Select(b => b.GetProperty("height").GetUInt32()).ToList();
        Assert.Equal(114u, heights[0]);
        Assert.Equal(heights, csvHeights);
        Assert.Equal(doc.QuerySelectorAll("tr").Skip(1).Take(3).Select(r => r.QuerySelector("td")!.TextContent.Trim()),
            heights.Take(3).Select(h => h.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var first = new HtmlParser().ParseDocument(await (await Send("/blocks")).Content.ReadAsStringAsync());
        Assert.Equal("/api/v1/blocks?format=json&limit=100", first.QuerySelector("a.export-json")?.GetAttribute("href"));
    }
    [Theory]
    [InlineData("openassets", OaAsset)]
    [InlineData("colu", ColuAsset)]
    public async Task An_assets_issuances_are_the_transfers_of_kind_issuance_paged_and_linked_from_its_page(string protocol, string assetId)
    {
        var asset = await Json($"/api/v1/assets/{protocol}/{assetId}");
        var issuances = asset.GetProperty("issuances").EnumerateArray().Select(e => e.GetProperty("txid").GetString()!).Reverse().ToList();
        Assert.Equal(asset.GetProperty("issuanceCount").GetInt32(), issuances.Count);
        var all = (await Json($"/api/v1/assets/{protocol}/{assetId}/transfers?limit=100")).GetProperty("items").EnumerateArray().ToList();
        Assert.True(all.Count > issuances.Count, "the asset has events other than issuances");

        var only = (await Json($"/api/v1/assets/{protocol}/{assetId}/transfers?limit=100&kind=issuance")).GetProperty("items").EnumerateArray().ToList();
        Assert.All(only, e => Assert.Equal("issuance", e.GetProperty("kind").GetString()));
        Assert.Equal(issuances, only.Select(e => e.GetProperty("txid").GetString()!));
        var (_, rows, _) = await WalkCsv($"/api/v1/assets/{protocol}/{assetId}/transfers?format=csv&limit=1&kind=issuance");
        Assert.Equal(issuances, rows.Select(r => r.Split(',')[1]));

        var doc = new HtmlParser().ParseDocument(await (await Send($"/asset/{protocol}/{assetId}")).Content.ReadAsStringAsync());
        Assert.Equal($"/api/v1/assets/{protocol}/{assetId}/transfers?format=csv&limit=100&kind=issuance",
            doc.QuerySelector(".asset-issuances .export-csv")?.GetAttribute("href"));
        Assert.Null(doc.QuerySelector(".issuances-more"));
        foreach (var bad in new[] { "ISSUANCE", "issuance'", "issuance%20OR%201=1", "" })
        {
            using var response = await Send($"/api/v1/assets/{protocol}/{assetId}/transfers?kind={bad}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }
}
