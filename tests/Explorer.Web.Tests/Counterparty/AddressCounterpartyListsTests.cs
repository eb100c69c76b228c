using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;

namespace Explorer.Web.Tests.Counterparty;

/// <summary>
/// An address's Counterparty ledger lines are cursor-paged (route and page) with a CSV export walked through the Link
/// header: Alice of <see cref="CounterpartyLedgerWebFactory"/> (burn, issuance, send, two subasset issuances) written by
/// the indexer's ledger stage (which writes no counterparty_messages rows: messages are tested in ExportListsTests).
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class AddressCounterpartyListsTests(CounterpartyLedgerWebFactory factory) : IClassFixture<CounterpartyLedgerWebFactory>
{
    private const string Alice = CounterpartyLedgerWebFactory.Alice;

    private async Task<(HttpStatusCode Status, string Body, string? Link)> Get(string url)
    {
        using var client = factory.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(60);
        using var response = await client.GetAsync(url);
        var link = response.Headers.TryGetValues("Link", out var links) ? NextLink().Match(links.Single()).Groups[1].Value : null;
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), link);
    }

    [GeneratedRegex("^<([^>]+)>; rel=\"next\"$")]
    private static partial Regex NextLink();

    private async Task<List<JsonElement>> WalkJson(string route, int limit, int expectedAtMost)
    {
        var items = new List<JsonElement>();
        for (var url = $"{route}?limit={limit}"; ;)
        {
            Assert.True(items.Count <= expectedAtMost, "the cursor moves forward");
            var (status, body, _) = await Get(url);
            Assert.Equal(HttpStatusCode.OK, status);
            var root = JsonDocument.Parse(body).RootElement.Clone();
            items.AddRange(root.GetProperty("items").EnumerateArray());
            if (root.GetProperty("next").ValueKind == JsonValueKind.Null) return items;
            url = $"{route}?limit={limit}&cursor={Uri.EscapeDataString(root.GetProperty("next").GetString()!)}";
        }
    }

    private async Task<List<string>> WalkCsv(string url)
    {
        var rows = new List<string>();
        for (string? next = url; next is not null && rows.Count < 1000;)
        {
            var (status, body, link) = await Get(next);
            Assert.Equal(HttpStatusCode.OK, status);
            rows.AddRange(body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1));
            next = link;
        }
        return rows;
    }

    [Fact]
    public async Task Ledger_lines_walked_one_a_page_equal_one_page_and_the_csv()
    {
        var route = $"/api/v1/addresses/{Alice}/counterparty-ledger";
        var all = await WalkJson(route, 100, 100);
        Assert.True(all.Count >= 6, $"Alice has {all.Count} ledger lines");
        Assert.Contains(all, l => l.GetProperty("direction").GetString() == "debit" && l.GetProperty("asset").GetString() == "BASSET"
            && l.GetProperty("quantity").GetInt64() == 400);
        static string Key(JsonElement l) => string.Join(',', new[] { "height", "txIndex", "txid", "direction", "seq" }
            .Select(k => l.GetProperty(k).ValueKind == JsonValueKind.String ? l.GetProperty(k).GetString() : l.GetProperty(k).GetRawText()));
        var keys = all.Select(Key).ToList();
        Assert.Equal(keys, (await WalkJson(route, 1, all.Count)).Select(Key));
        Assert.Equal(keys, (await WalkCsv(route + "?format=csv&limit=3")).Select(r => string.Join(',', r.Split(',').Take(5))));
    }

    [Fact]
    public async Task The_address_page_pages_ledger_lines_with_their_own_cursor()
    {
        var (_, lines, _) = await Get($"/api/v1/addresses/{Alice}/counterparty-ledger?limit=2");
        var ledger = JsonDocument.Parse(lines).RootElement.GetProperty("next").GetString()!;

        var (status, html, _) = await Get($"/address/{Alice}?ledger={Uri.EscapeDataString(ledger)}");
        Assert.Equal(HttpStatusCode.OK, status);
        var doc = new HtmlParser().ParseDocument(html);
        Assert.Equal(
            (await WalkJson($"/api/v1/addresses/{Alice}/counterparty-ledger", 100, 100)).Count - 2,
            doc.QuerySelectorAll("tr.xcp-ledger-row").Length);
        Assert.Equal($"/api/v1/addresses/{Alice}/counterparty-ledger?format=csv&limit=100&cursor={Uri.EscapeDataString(ledger)}",
            doc.QuerySelector(".xcp-address-ledger .export-csv")?.GetAttribute("href"));

        foreach (var bad in new[] { "?messages=1", "?messages=1.2.3", "?ledger=1.2.sideways.3", "?ledger=x" })
            Assert.Contains("unreadable cursor", (await Get($"/address/{Alice}{bad}")).Body, StringComparison.Ordinal);
        foreach (var bad in new[] { "/counterparty-messages?cursor=1", "/counterparty-ledger?cursor=1.2.credit", "/counterparty-ledger?format=x" })
            Assert.Equal(HttpStatusCode.BadRequest, (await Get($"/api/v1/addresses/{Alice}{bad}")).Status);
    }
}
