using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;

namespace Explorer.Web.Tests.Indexed;

/// <summary>
/// Unconfirmed colored transactions (sql/003_mempool.sql) through <c>GET /api/v1/mempool</c>, <c>/api/v1/tx</c>,
/// search and the <c>/mempool</c> and <c>/tx</c> pages, over the Core regtest fixture indexed up to block 111 with the
/// mempool of <see cref="MempoolWebFactory"/>. Transactions and their colors come from the fixture's expected.json.
/// </summary>
[Trait("Category", "Integration")]
public sealed class MempoolTests(MempoolWebFactory factory) : IClassFixture<MempoolWebFactory>
{
    private const string OaAsset = "AREKSBMzm6dEMGTYVjM5AuxZCQQdyDWnmZ";

    private async Task<(HttpStatusCode Status, JsonElement Json)> GetJson(string url)
    {
        using var client = factory.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(60);
        using var response = await client.GetAsync(url);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, doc.RootElement.Clone());
    }

    private async Task<AngleSharp.Dom.IDocument> Page(string url)
    {
        using var client = factory.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(60);
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    private string XcpTxid => factory.XcpUnconfirmed.GetProperty("txid").GetString()!;

    [Fact]
    public async Task Mempool_route_lists_the_unconfirmed_rows_newest_first_without_the_removed_one()
    {
        var (status, json) = await GetJson("/api/v1/mempool");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(json.GetProperty("available").GetBoolean());
        Assert.Equal(2, json.GetProperty("count").GetInt32());
        var items = json.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([XcpTxid, factory.OaTransfer], items.Select(i => i.GetProperty("txid").GetString()));
        Assert.Equal(["counterparty", "openassets"], items.Select(i => i.GetProperty("protocol").GetString()));
        Assert.Equal("send", items[0].GetProperty("kind").GetString());
        Assert.Equal("transfer", items[1].GetProperty("kind").GetString());
        Assert.True(items.All(i => i.GetProperty("valid").GetBoolean()));
        // The Counterparty send's first sighting is Core's: its mempool entry's "time" (1795836724) in the fixture.
        Assert.Equal("2026-11-28T03:32:04.000Z", items[0].GetProperty("firstSeen").GetString());
        Assert.Equal(factory.XcpSeen, DateTime.Parse(items[0].GetProperty("firstSeen").GetString()!, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task Mempool_pages_of_one_walk_the_same_rows_as_one_page()
    {
        var (_, whole) = await GetJson("/api/v1/mempool?limit=100");
        var walked = new List<string>();
        string? cursor = null;
        for (var i = 0; i < 5; i++)
        {
            var (status, page) = await GetJson("/api/v1/mempool?limit=1" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor)));
            Assert.Equal(HttpStatusCode.OK, status);
            walked.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("txid").GetString()!));
            cursor = page.GetProperty("next").GetString();
            if (cursor is null) break;
        }
        Assert.Null(cursor);
        Assert.Equal(whole.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("txid").GetString()!), walked);
        Assert.Equal(2, walked.Count);
    }

    [Fact]
    public async Task Mempool_csv_pages_walk_the_same_rows_as_the_json_with_the_next_page_in_the_link_header()
    {
        var (_, whole) = await GetJson("/api/v1/mempool?limit=100");
        using var client = factory.CreateClient();
        var lines = new List<string>();
        var url = "/api/v1/mempool?format=csv&limit=1";
        for (var pages = 0; url is not null; pages++)
        {
            Assert.True(pages < 5, "the CSV pages do not end");
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
            var text = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("txid,protocol,kind,valid,error,first_seen", text[0]);
            lines.AddRange(text.Skip(1));
            url = response.Headers.TryGetValues("Link", out var link)
                ? System.Text.RegularExpressions.Regex.Match(link.Single(), "^<([^>]+)>; rel=\"next\"$").Groups[1].Value : null;
        }
        var expected = whole.GetProperty("items").EnumerateArray().Select(i => string.Join(',',
            i.GetProperty("txid").GetString(), i.GetProperty("protocol").GetString(), i.GetProperty("kind").GetString(),
            i.GetProperty("valid").GetBoolean() ? "true" : "false", i.GetProperty("error").GetString() ?? "", i.GetProperty("firstSeen").GetString()));
        Assert.Equal(expected, lines);
    }

    [Theory]
    [InlineData("/api/v1/mempool?format=xml")]
    [InlineData("/api/v1/mempool?limit=0")]
    [InlineData("/api/v1/mempool?limit=-3")]
    [InlineData("/api/v1/mempool?limit=abc")]
    [InlineData("/api/v1/mempool?cursor=1.2.3")]
    [InlineData("/api/v1/mempool?cursor=1' OR 1=1 --")]
    [InlineData("/api/v1/mempool?cursor=99999999999999999999.0000000000000000000000000000000000000000000000000000000000000000.colu")]
    [InlineData("/api/v1/mempool?cursor=1.0000000000000000000000000000000000000000000000000000000000000000.bitcoin")]
    public async Task Mempool_route_rejects_bad_limits_and_cursors(string url)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Unconfirmed_open_assets_transfer_answers_unconfirmed_with_the_colored_output_it_spends()
    {
        var (status, json) = await GetJson($"/api/v1/tx/{factory.OaTransfer}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(factory.OaTransfer, json.GetProperty("txid").GetString());
        Assert.Equal("unconfirmed", json.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("blockHash").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("height").ValueKind);
        Assert.Equal(0, json.GetProperty("confirmations").GetInt32());
        Assert.Equal("2026-11-28T03:31:34.000Z", json.GetProperty("firstSeen").GetString());
        Assert.Equal(JsonValueKind.Object, json.GetProperty("openAssets").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("colu").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("counterparty").ValueKind);
        // The marker's quantities as the fixture's node mined them (outputs 1 and 2: 300 and 701).
        Assert.Equal([300, 701], json.GetProperty("openAssets").GetProperty("quantities").EnumerateArray().Select(q => q.GetInt32()));
        var input = Assert.Single(json.GetProperty("coloredInputs").EnumerateArray());
        Assert.Equal(factory.OaIssuance, input.GetProperty("prevTxid").GetString());
        Assert.Equal(0, input.GetProperty("prevN").GetInt32());
        Assert.Equal(OaAsset, input.GetProperty("assetId").GetString());
        Assert.Equal(1001, input.GetProperty("quantity").GetInt32());
        Assert.Empty(json.GetProperty("coloredOutputs").EnumerateArray());
    }

    [Fact]
    public async Task Unconfirmed_counterparty_send_answers_its_message_and_search_finds_it()
    {
        var expected = factory.XcpUnconfirmed;
        var (status, json) = await GetJson($"/api/v1/tx/{XcpTxid}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("unconfirmed", json.GetProperty("status").GetString());
        var xcp = json.GetProperty("counterparty");
        Assert.Equal(expected.GetProperty("messageTypeId").GetInt32(), xcp.GetProperty("messageTypeId").GetInt32());
        Assert.Equal(expected.GetProperty("carrier").GetString(), xcp.GetProperty("carrier").GetString());
        Assert.Equal("XCP", xcp.GetProperty("fields").GetProperty("asset").GetString());
        Assert.Equal(999, xcp.GetProperty("fields").GetProperty("quantity").GetInt64());

        var (found, search) = await GetJson($"/api/v1/search?q={XcpTxid.ToUpperInvariant()}");
        Assert.Equal(HttpStatusCode.OK, found);
        var hit = Assert.Single(search.GetProperty("hits").EnumerateArray());
        Assert.Equal($"/tx/{XcpTxid}", hit.GetProperty("url").GetString());
        Assert.StartsWith("Unconfirmed transaction", hit.GetProperty("label").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unconfirmed_counterparty_send_answers_cores_entry_time_and_the_raw_views_of_a_confirmed_one()
    {
        var (status, json) = await GetJson($"/api/v1/tx/{XcpTxid}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(factory.XcpSeen.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            json.GetProperty("firstSeen").GetString());
        // Stored without raw views, as a block's row; the request context (sql/008) puts them back (RestoreRaw).
        var raw = json.GetProperty("counterparty").GetProperty("raw");
        Assert.Equal(JsonValueKind.Object, raw.ValueKind);
        Assert.NotEmpty(raw.EnumerateObject());
        await using var connection = factory.Store.Connect();
        var stored = await Dapper.SqlMapper.QueryAsync<string>(connection,
            "SELECT answer_json FROM mempool_transactions FINAL WHERE txid = @txid AND is_removed = 0", new { txid = XcpTxid });
        Assert.DoesNotContain("\"raw\"", Assert.Single(stored), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transaction_page_of_an_unconfirmed_send_shows_every_inputs_value_and_the_fee_core_reports()
    {
        // Core's getrawmempool true: "fees": {"base": 5.28e-05} (BTC) for the unconfirmed send.
        var fee = factory.CoreEntry.GetProperty("fees").GetProperty("base").GetDecimal();
        Assert.Equal(0.0000528m, fee);
        var doc = await Page($"/tx/{XcpTxid}");

        Assert.Equal("unconfirmed", doc.QuerySelector(".tx-status")!.GetAttribute("data-status"));
        Assert.Equal(fee.ToString("0.00000000", System.Globalization.CultureInfo.InvariantCulture) + " BTC", doc.QuerySelector(".tx-fee")!.TextContent.Trim());
        var inputs = doc.QuerySelectorAll(".tx-inputs tbody tr");
        Assert.NotEmpty(inputs);
        Assert.DoesNotContain(inputs, row => row.TextContent.Contains("unknown", StringComparison.OrdinalIgnoreCase));
        // The Counterparty panel's raw views (carrier, decrypted data) are there, as on a confirmed send's page.
        Assert.NotEmpty(doc.QuerySelector(".protocol-panel[data-protocol=counterparty]")!.QuerySelectorAll(".rb-layer"));
    }

    [Fact]
    public async Task Removed_transaction_not_mined_here_is_not_found()
    {
        var (status, _) = await GetJson($"/api/v1/tx/{factory.Removed}");
        Assert.Equal(HttpStatusCode.NotFound, status);
        var (searched, _) = await GetJson($"/api/v1/search?q={factory.Removed}");
        Assert.Equal(HttpStatusCode.NotFound, searched);
    }

    [Fact]
    public async Task Mempool_page_lists_the_rows_and_links_them()
    {
        var doc = await Page("/mempool");

        Assert.Equal("2", doc.QuerySelector(".mempool-count")!.TextContent.Trim());
        var rows = doc.QuerySelectorAll("tr.mempool-row");
        Assert.Equal([XcpTxid, factory.OaTransfer], rows.Select(r => r.GetAttribute("data-txid")));
        Assert.Equal($"/tx/{factory.OaTransfer}", rows[1].QuerySelector("a")!.GetAttribute("href"));
        Assert.DoesNotContain(factory.Removed, doc.Body!.TextContent, StringComparison.Ordinal);

        // Its JSON and CSV links are the API's list from the same cursor.
        Assert.Equal("/api/v1/mempool?format=json&limit=100", doc.QuerySelector("a.export-json")?.GetAttribute("href"));
        Assert.Equal("/api/v1/mempool?format=csv&limit=100", doc.QuerySelector("a.export-csv")?.GetAttribute("href"));
        var (status, json) = await GetJson("/api/v1/mempool?limit=100");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([XcpTxid, factory.OaTransfer], json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("txid").GetString()));
        var cursor = (await GetJson("/api/v1/mempool?limit=1")).Json.GetProperty("next").GetString()!;
        Assert.Equal($"/api/v1/mempool?format=json&limit=100&cursor={Uri.EscapeDataString(cursor)}",
            (await Page($"/mempool?cursor={Uri.EscapeDataString(cursor)}")).QuerySelector("a.export-json")?.GetAttribute("href"));

        var damaged = await Page("/mempool?cursor=nonsense");
        Assert.Contains("damaged", damaged.QuerySelector(".page-problem")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transaction_page_of_an_unconfirmed_transfer_says_so_and_shows_its_colored_input_and_decoded_view()
    {
        var doc = await Page($"/tx/{factory.OaTransfer}");

        Assert.Equal("unconfirmed", doc.QuerySelector(".tx-status")!.GetAttribute("data-status"));
        Assert.Equal("0", doc.QuerySelector(".tx-confirmations")!.TextContent.Trim());
        Assert.Null(doc.QuerySelector(".tx-block"));
        Assert.Equal("2026-11-28 03:31:34", doc.QuerySelector(".tx-first-seen")!.TextContent.Trim());
        var input = Assert.Single(doc.QuerySelectorAll(".colored-lines")[0].QuerySelectorAll("tr.colored-line"));
        Assert.Contains(OaAsset, input.TextContent, StringComparison.Ordinal);
        Assert.Equal("1001", input.QuerySelector(".quantity")!.TextContent.Trim());
        Assert.NotNull(doc.QuerySelector(".protocol-panel[data-protocol=openAssets]"));
        Assert.NotNull(doc.QuerySelector(".rb-layer[data-layer=tx]"));
    }
}
