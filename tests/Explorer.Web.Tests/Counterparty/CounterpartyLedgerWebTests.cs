using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;

namespace Explorer.Web.Tests.Counterparty;

/// <summary>
/// Counterparty balances through the explorer: the holders route and the address route (JSON), the asset page's ledger
/// panel and holders, and the address page's credits and debits, over rows the indexer's ledger stage wrote.
/// </summary>
[Trait("Category", "Integration")]
public sealed class CounterpartyLedgerWebTests(CounterpartyLedgerWebFactory factory) : IClassFixture<CounterpartyLedgerWebFactory>
{
    private const string Alice = CounterpartyLedgerWebFactory.Alice;
    private const string Bob = CounterpartyLedgerWebFactory.Bob;

    private async Task<(HttpStatusCode, string)> Get(string url)
    {
        using var client = factory.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(60);
        using var response = await client.GetAsync(url);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Holders_route_lists_counterparty_balances_largest_first_and_pages()
    {
        var (status, body) = await Get("/api/v1/assets/counterparty/BASSET/holders");
        Assert.Equal(HttpStatusCode.OK, status);
        using var doc = JsonDocument.Parse(body);
        var items = doc.RootElement.GetProperty("items");
        Assert.Equal(2, items.GetArrayLength());
        Assert.Equal(Alice, items[0].GetProperty("address").GetString());
        Assert.Equal(600UL, items[0].GetProperty("quantity").GetUInt64());
        Assert.Equal(Bob, items[1].GetProperty("address").GetString());
        Assert.Equal(400UL, items[1].GetProperty("quantity").GetUInt64());

        var (_, first) = await Get("/api/v1/assets/counterparty/BASSET/holders?limit=1");
        using var page = JsonDocument.Parse(first);
        var next = page.RootElement.GetProperty("next").GetString();
        var (_, second) = await Get($"/api/v1/assets/counterparty/BASSET/holders?limit=1&cursor={Uri.EscapeDataString(next!)}");
        using var page2 = JsonDocument.Parse(second);
        Assert.Equal(Bob, page2.RootElement.GetProperty("items")[0].GetProperty("address").GetString());
        var (bad, _) = await Get("/api/v1/assets/counterparty/BAS%27SET/holders");
        Assert.Equal(HttpStatusCode.BadRequest, bad);
    }

    [Fact]
    public async Task Address_route_includes_counterparty_balances()
    {
        var (status, body) = await Get($"/api/v1/addresses/{Alice}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("\"protocol\":\"counterparty\"", body, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(body);
        var balances = doc.RootElement.GetProperty("balances").EnumerateArray()
            .Where(b => b.GetProperty("protocol").GetString() == "counterparty")
            .ToDictionary(b => b.GetProperty("assetId").GetString()!, b => b.GetProperty("quantity").GetUInt64());
        Assert.Equal(600UL, balances["BASSET"]);
        Assert.Equal((ulong)factory.AliceXcp, balances["XCP"]);
    }

    [Fact]
    public async Task Asset_page_shows_the_ledger_state_and_holders_with_text_encoded()
    {
        var (status, html) = await Get("/asset/counterparty/BASSET");
        Assert.Equal(HttpStatusCode.OK, status);
        var doc = new HtmlParser().ParseDocument(html);
        Assert.Equal(Alice, doc.QuerySelector(".xcp-issuer")!.TextContent.Trim());
        Assert.Equal("1000", doc.QuerySelector(".xcp-supply")!.TextContent.Trim());
        Assert.Equal(CounterpartyLedgerWebFactory.Description, doc.QuerySelector(".xcp-description")!.TextContent.Trim());
        Assert.Null(doc.QuerySelector(".xcp-description b"));
        Assert.Equal(["600", "400"], doc.QuerySelectorAll(".holders-table .holder-row .quantity").Select(e => e.TextContent.Trim()));
        // Counterparty balances are the ledger's, on no output: no "0 outputs".
        Assert.Equal(["–", "–"], doc.QuerySelectorAll(".holders-table .holder-row .outputs").Select(e => e.TextContent.Trim()));
        Assert.NotNull(doc.QuerySelector(".xcp-ledger-notice"));
    }

    [Fact]
    public async Task Address_page_lists_credits_and_debits()
    {
        var (status, html) = await Get($"/address/{Alice}");
        Assert.Equal(HttpStatusCode.OK, status);
        var doc = new HtmlParser().ParseDocument(html);
        var rows = doc.QuerySelectorAll(".xcp-ledger-row").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("+1000", StringComparison.Ordinal) && r.Contains("issuance", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("-50000000", StringComparison.Ordinal) && r.Contains("issuance fee", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("-400", StringComparison.Ordinal) && r.Contains("send", StringComparison.Ordinal));
        Assert.Contains(doc.QuerySelectorAll(".balance-row"), r => r.TextContent.Contains("BASSET", StringComparison.Ordinal));
    }
}
