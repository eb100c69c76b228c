using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;

namespace Explorer.Web.Tests.Counterparty;

/// <summary>
/// An address's balances are cursor-paged (route and page) and exported as CSV: Alice of
/// <see cref="CounterpartyLedgerWebFactory"/> holds XCP, BASSET and its two subassets (balances from the ledger rows the
/// indexer's ledger stage wrote).
/// </summary>
[Trait("Category", "Integration")]
public sealed class AddressBalancesPagingTests(CounterpartyLedgerWebFactory factory) : IClassFixture<CounterpartyLedgerWebFactory>
{
    private const string Alice = CounterpartyLedgerWebFactory.Alice;

    private async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> Get(string url)
    {
        var client = factory.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(60);
        var response = await client.GetAsync(url);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    private static string Id(ulong numeric) => "A" + numeric.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Balances_walked_one_a_page_equal_the_address_routes_list()
    {
        var (status, body, _) = await Get($"/api/v1/addresses/{Alice}");
        Assert.Equal(HttpStatusCode.OK, status);
        var all = JsonDocument.Parse(body).RootElement.GetProperty("balances").EnumerateArray()
            .Select(b => $"{b.GetProperty("protocol").GetString()}/{b.GetProperty("assetId").GetString()}/{b.GetProperty("quantity").GetRawText()}").ToList();
        Assert.Equal(["counterparty/" + Id(CounterpartyLedgerWebFactory.LowerSubasset) + "/10", "counterparty/" + Id(CounterpartyLedgerWebFactory.UpperSubasset) + "/20",
            "counterparty/BASSET/600"], all.Take(3));
        Assert.Contains(all, b => b.StartsWith("counterparty/XCP/", StringComparison.Ordinal));

        var paged = new List<string>();
        var csv = new List<string>();
        for (var (url, pages) = ($"/api/v1/addresses/{Alice}/balances?limit=1", 0); pages < 20; pages++)
        {
            var (s, page, _) = await Get(url);
            Assert.Equal(HttpStatusCode.OK, s);
            var root = JsonDocument.Parse(page).RootElement;
            paged.AddRange(root.GetProperty("items").EnumerateArray()
                .Select(b => $"{b.GetProperty("protocol").GetString()}/{b.GetProperty("assetId").GetString()}/{b.GetProperty("quantity").GetRawText()}"));
            var (_, text, response) = await Get(url + "&format=csv");
            csv.AddRange(text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1));
            var next = root.GetProperty("next");
            Assert.Equal(next.ValueKind == JsonValueKind.Null, !response.Headers.Contains("Link"));
            if (next.ValueKind == JsonValueKind.Null) break;
            url = $"/api/v1/addresses/{Alice}/balances?limit=1&cursor={Uri.EscapeDataString(next.GetString()!)}";
        }
        Assert.Equal(all, paged);
        Assert.Equal(all.Select(b => b.Replace('/', ',')), csv.Select(r => string.Join(',', r.Split(',').Take(3))));
    }

    [Fact]
    public async Task The_address_page_pages_its_balances_with_a_cursor()
    {
        // The cursor after the first subasset: the page lists the rest and no "More" link (fewer than a page left).
        var cursor = "counterparty." + Id(CounterpartyLedgerWebFactory.LowerSubasset);
        var (status, html, _) = await Get($"/address/{Alice}?balances={Uri.EscapeDataString(cursor)}");
        Assert.Equal(HttpStatusCode.OK, status);
        var doc = new HtmlParser().ParseDocument(html);
        var assets = doc.QuerySelectorAll(".balance-row").Select(r => r.QuerySelectorAll("td")[1].TextContent.Trim()).ToList();
        Assert.Equal([Id(CounterpartyLedgerWebFactory.UpperSubasset), "BASSET", "XCP"], assets);
        Assert.Null(doc.QuerySelector(".address-balances .next-page"));
        Assert.Equal($"/api/v1/addresses/{Alice}/balances?format=csv&limit=100&cursor={Uri.EscapeDataString(cursor)}",
            doc.QuerySelector(".address-balances .export-csv")?.GetAttribute("href"));

        var (badStatus, bad, _) = await Get($"/address/{Alice}?balances=nonsense");
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.Contains("unreadable cursor", bad, StringComparison.Ordinal);
    }
}
