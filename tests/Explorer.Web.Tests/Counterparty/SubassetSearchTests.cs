using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;

namespace Explorer.Web.Tests.Counterparty;

/// <summary>
/// Subasset longnames in the search (issue: PARENT.child searchable), over subassets issued through the indexer's own
/// ledger stage: counterparty-core's resolve_subasset_longname matches <c>asset_longname = ?</c> exactly, so the child
/// is case-sensitive; asset names are upper case, so the parent may be typed in any case.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SubassetSearchTests(CounterpartyLedgerWebFactory factory) : IClassFixture<CounterpartyLedgerWebFactory>
{
    private static string Numeric(ulong id) => "A" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<(HttpStatusCode Status, string Body)> Get(string url, bool redirects = true)
    {
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = redirects });
        client.Timeout = TimeSpan.FromSeconds(60);
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        var location = response.Headers.Location;
        return (response.StatusCode, response.StatusCode != HttpStatusCode.Redirect ? body
            : location!.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString);
    }

    [Theory]
    [InlineData(CounterpartyLedgerWebFactory.LowerLongname, CounterpartyLedgerWebFactory.LowerSubasset)]
    [InlineData("basset.mixedCase.v1!", CounterpartyLedgerWebFactory.LowerSubasset)]
    [InlineData(CounterpartyLedgerWebFactory.UpperLongname, CounterpartyLedgerWebFactory.UpperSubasset)]
    [InlineData("  Basset.MIXEDCASE.v1!  ", CounterpartyLedgerWebFactory.UpperSubasset)]
    public async Task The_api_finds_a_subasset_by_its_exact_longname(string query, ulong subasset)
    {
        var (status, body) = await Get("/api/v1/search?q=" + Uri.EscapeDataString(query));
        Assert.Equal(HttpStatusCode.OK, status);
        using var doc = JsonDocument.Parse(body);
        var hit = Assert.Single(doc.RootElement.GetProperty("hits").EnumerateArray());
        Assert.Equal("asset", hit.GetProperty("kind").GetString());
        Assert.Equal("/asset/counterparty/" + Numeric(subasset), hit.GetProperty("url").GetString());
        Assert.Contains(query.Trim()[(query.Trim().IndexOf('.', StringComparison.Ordinal) + 1)..], hit.GetProperty("label").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("BASSET.mixedcase.v1!")]
    [InlineData("BASSET.MIXEDCASE.V1!")]
    [InlineData("BASSET.mixedCase")]
    [InlineData("OTHER.mixedCase.v1!")]
    public async Task Another_case_of_the_child_or_another_parent_is_not_found(string query)
    {
        var (status, body) = await Get("/api/v1/search?q=" + Uri.EscapeDataString(query));
        Assert.Equal(HttpStatusCode.NotFound, status);
        using var doc = JsonDocument.Parse(body);
        Assert.True(doc.RootElement.TryGetProperty("error", out _));
    }

    [Fact]
    public async Task The_search_page_leads_to_the_asset_page_which_shows_the_longname()
    {
        var (status, location) = await Get("/search?q=" + Uri.EscapeDataString("basset.mixedCase.v1!"), redirects: false);
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal("/asset/counterparty/" + Numeric(CounterpartyLedgerWebFactory.LowerSubasset), location);

        var (pageStatus, html) = await Get(location);
        Assert.Equal(HttpStatusCode.OK, pageStatus);
        var doc = new HtmlParser().ParseDocument(html);
        Assert.Equal(CounterpartyLedgerWebFactory.LowerLongname, doc.QuerySelector(".xcp-longname")?.TextContent.Trim());
    }

    [Theory]
    [InlineData("BASSET.mixedCase.v1!' OR '1'='1")]
    [InlineData("BASSET.{longname:String}")]
    [InlineData("BASSET.@longname")]
    [InlineData("BASSET.<script>alert(1)</script>")]
    [InlineData("BASSET..mixedCase")]
    [InlineData("XCP.child")]
    public async Task Hostile_longnames_get_a_4xx_with_an_error_and_no_asset(string query)
    {
        var (status, body) = await Get("/api/v1/search?q=" + Uri.EscapeDataString(query));
        Assert.True(status is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{query}: {status}");
        using var doc = JsonDocument.Parse(body);
        Assert.True(doc.RootElement.TryGetProperty("error", out _));
        var (pageStatus, html) = await Get("/search?q=" + Uri.EscapeDataString(query));
        Assert.Equal(HttpStatusCode.OK, pageStatus);
        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
    }
}
