using System.Net;
using Dapper;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Explorer.Web.Tests.Indexed;

/// <summary>
/// The indexed-data pages (tx, block, asset, address, search) as served (prerendered HTML) over the Bitcoin Core
/// regtest chain indexed by the indexer's pipeline; values compared with the fixture's expected.json.
/// </summary>
[Trait("Category", "Integration")]
public sealed class IndexedPagesTests(IndexedWebFactory factory) : IClassFixture<IndexedWebFactory>
{
    private const string OaAsset = "AREKSBMzm6dEMGTYVjM5AuxZCQQdyDWnmZ";
    private const string ColuAsset = "La8qH1ERtiMyusgX2Ten3RrcjdqgMpUFidAGky";

    private RegtestTruth Truth => factory.Truth;

    private async Task<IDocument> Page(string url)
    {
        using var client = factory.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(60);
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    private static string Text(IElement e) => e.TextContent.Trim();

    [Fact]
    public async Task Colu_transfer_page_shows_block_confirmations_colored_inputs_outputs_and_decoded_layers()
    {
        var expected = Truth.Tx("transfer 1234");
        var doc = await Page($"/tx/{expected.GetProperty("txid").GetString()}");

        Assert.Equal(expected.GetProperty("blockhash").GetString(), Text(doc.QuerySelector(".tx-block")!));
        Assert.Equal(expected.GetProperty("height").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), Text(doc.QuerySelector(".tx-height")!));
        Assert.Equal((Truth.TipHeight - expected.GetProperty("height").GetInt32() + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Text(doc.QuerySelector(".tx-confirmations")!));
        var tables = doc.QuerySelectorAll(".colored-lines");
        Assert.Equal(2, tables.Length);
        var input = Assert.Single(tables[0].QuerySelectorAll("tr.colored-line"));
        Assert.Contains(ColuAsset, input.TextContent, StringComparison.Ordinal);
        Assert.Contains("5001", input.TextContent, StringComparison.Ordinal);
        var outputs = tables[1].QuerySelectorAll("tr.colored-line").Select(r => r.QuerySelector(".quantity")!.TextContent.Trim()).ToList();
        Assert.Equal(["1234", "3767"], outputs);
        Assert.NotNull(doc.QuerySelector(".protocol-panel[data-protocol=colu]"));
        Assert.NotNull(doc.QuerySelector(".rb-layer[data-layer=tx]"));
        Assert.Contains("valid", Text(doc.QuerySelector(".tx-protocol[data-protocol=colu]")!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tx_pages_show_every_inputs_value_and_the_fee_bitcoin_core_reports()
    {
        // The fee of each transaction as Bitcoin Core wrote it (getblock verbosity 3, "fee" in BTC): the page gets it from
        // the prevouts the indexer read in the undo data and stored with the transaction.
        var fees = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Path.Combine(RegtestTruth.Folder, "rpc"), "getblock-*-3.json"))
        {
            using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(file));
            var block = doc.RootElement.TryGetProperty("result", out var r) ? r : doc.RootElement;
            foreach (var tx in block.GetProperty("tx").EnumerateArray())
                if (tx.TryGetProperty("fee", out var fee)) fees[tx.GetProperty("txid").GetString()!] = fee.GetDecimal();
        }
        var checkedTxs = 0;
        foreach (var expected in Truth.Confirmed)
        {
            var txid = expected.GetProperty("txid").GetString()!;
            if (!fees.TryGetValue(txid, out var fee)) continue;
            var doc = await Page($"/tx/{txid}");
            Assert.True(fee.ToString("0.00000000", System.Globalization.CultureInfo.InvariantCulture) + " BTC" == Text(doc.QuerySelector(".tx-fee")!), $"{txid} ({expected.GetProperty("what").GetString()}): {Text(doc.QuerySelector(".tx-fee")!)}, Core {fee}");
            Assert.DoesNotContain(doc.QuerySelectorAll(".tx-inputs tbody tr"), row => row.TextContent.Contains("unknown", StringComparison.OrdinalIgnoreCase));
            checkedTxs++;
        }
        Assert.True(checkedTxs >= 5, $"{checkedTxs} transactions compared with Core's fee");
    }

    [Fact]
    public async Task Counterparty_multisig_page_shows_its_layers_and_fields()
    {
        var expected = Truth.Tx("classic send over 1-of-3 bare multisig");
        var doc = await Page($"/tx/{expected.GetProperty("txid").GetString()}");

        var panel = doc.QuerySelector(".protocol-panel[data-protocol=counterparty]")!;
        Assert.Contains("PEPECASH", panel.TextContent, StringComparison.Ordinal);
        Assert.Contains("777001", panel.TextContent, StringComparison.Ordinal);
        // The carrier scripts, the obfuscated chunks and the decrypted data are layers of the panel's raw view.
        Assert.True(panel.QuerySelectorAll(".rb-layer").Length >= 3, "carrier, obfuscated and decrypted layers");
        // What the message names links to its page: the asset, and the source and destination addresses.
        var related = panel.QuerySelectorAll(".related-link").ToDictionary(l => l.GetAttribute("data-label")!, l => l.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("/asset/counterparty/PEPECASH", related["asset"]);
        Assert.StartsWith("/address/", related["source"], StringComparison.Ordinal);
        Assert.StartsWith("/address/", related["destination"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tx_pages_show_the_counterparty_ledgers_verdict_and_no_ledger_row_for_other_protocols()
    {
        // The verdicts as the indexer's ledger stage stored them (xcp_statuses), one Counterparty transaction of each.
        await using var connection = factory.Store.Connect();
        var statuses = (await connection.QueryAsync<(string Txid, string Status)>(
            "SELECT txid AS Txid, any(status) AS Status FROM xcp_statuses GROUP BY txid ORDER BY txid")).ToList();
        Assert.NotEmpty(statuses);
        foreach (var group in statuses.GroupBy(s => s.Status.Split(':')[0]))
        {
            var (txid, status) = group.First();
            var doc = await Page($"/tx/{txid}");
            var row = doc.QuerySelector(".xcp-ledger-status");
            Assert.True(row is not null, $"no ledger row on /tx/{txid}");
            Assert.Equal(group.Key, row.GetAttribute("data-verdict"));
            var colon = status.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0) Assert.Equal(status[(colon + 1)..].Trim(), Text(row.QuerySelector(".xcp-ledger-reason")!));
        }

        var openAssets = await Page($"/tx/{Truth.Tx("invalid transfer").GetProperty("txid").GetString()}");
        Assert.Null(openAssets.QuerySelector(".xcp-ledger-status"));
    }

    [Fact]
    public async Task Invalid_Open_Assets_transfer_shows_the_reason()
    {
        var expected = Truth.Tx("invalid transfer");
        var doc = await Page($"/tx/{expected.GetProperty("txid").GetString()}");

        var row = doc.QuerySelector(".tx-protocol[data-protocol=openassets]")!;
        Assert.Contains("invalid", row.TextContent, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(row.QuerySelector(".tx-reason")!.TextContent));
        // Said once: the kind of an invalid transaction is "invalid", which the chip already says.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(row.TextContent, @"\binvalid\b"));
    }

    [Fact]
    public async Task A_block_page_below_the_first_block_says_there_is_none()
    {
        var doc = await Page("/blocks?before=0");
        Assert.NotNull(doc.QuerySelector(".blocks-none"));
        Assert.Empty(doc.QuerySelectorAll(".block-row"));
    }

    [Fact]
    public async Task Block_page_lists_its_colored_transactions()
    {
        var doc = await Page("/block/115");
        var expected = Truth.Confirmed.Where(t => t.GetProperty("height").GetInt32() == 115).Select(t => t.GetProperty("txid").GetString()!).Order(StringComparer.Ordinal);

        Assert.Equal(expected, doc.QuerySelectorAll("tr.block-tx a").Select(a => a.TextContent.Trim()).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal("7f47ea09b3c5a584efc9fa7824c1e4498113318b6ad45fc2c1935695d0edbaa2", Text(doc.QuerySelector(".block-hash")!));
    }

    [Fact]
    public async Task Asset_page_shows_metadata_first_issuance_transfers_and_holders()
    {
        var issuance = Truth.Tx("issuance");
        var doc = await Page($"/asset/openassets/{OaAsset}");

        Assert.Equal(issuance.GetProperty("metadataUtf8").GetString(), Text(doc.QuerySelector(".asset-metadata")!));
        Assert.Equal(issuance.GetProperty("txid").GetString(), Text(doc.QuerySelector(".asset-first")!));
        Assert.StartsWith("1001", Text(doc.QuerySelector(".asset-issued")!), StringComparison.Ordinal);
        var kinds = doc.QuerySelectorAll(".asset-transfers .event-kind").Select(Text).ToList();
        Assert.Contains("issuance", kinds);
        Assert.Contains("transfer", kinds);

        var colu = await Page($"/asset/colu/{ColuAsset}");
        Assert.Equal("yes", Text(colu.QuerySelector(".asset-lock")!));
        var held = colu.QuerySelectorAll(".holders-table .quantity").Select(q => ulong.Parse(q.TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(5001UL, held.Aggregate(0UL, (a, b) => a + b));
    }

    [Fact]
    public async Task Address_page_shows_balances_and_accepts_the_colored_form()
    {
        var colu = await Page($"/asset/colu/{ColuAsset}");
        var address = colu.QuerySelector(".holders-table .holder-row a")!.TextContent.Trim();
        var colored = NBitcoin.DataEncoders.Encoders.Base58Check.EncodeData([0x13, .. NBitcoin.DataEncoders.Encoders.Base58Check.DecodeData(address)]);

        var doc = await Page($"/address/{colored}");

        Assert.Equal(address, Text(doc.QuerySelector(".address-text")!));
        Assert.Contains(colored, Text(doc.QuerySelector(".address-colored")!), StringComparison.Ordinal);
        Assert.Contains(doc.QuerySelectorAll(".balance-row"), r => r.TextContent.Contains(ColuAsset, StringComparison.Ordinal));
        Assert.NotEmpty(doc.QuerySelectorAll(".event-row"));
    }

    [Theory]
    [InlineData("AREKSBMzm6dEMGTYVjM5AuxZCQQdyDWnmZ", "/asset/openassets/AREKSBMzm6dEMGTYVjM5AuxZCQQdyDWnmZ")]
    [InlineData("PEPECASH", "/asset/counterparty/PEPECASH")]
    [InlineData("114", "/block/114")]
    public async Task Search_with_an_exact_hit_redirects_to_its_page(string q, string target)
    {
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await client.GetAsync($"/search?q={Uri.EscapeDataString(q)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(target, response.Headers.Location!.ToString().Replace("http://localhost", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_not_found_and_malformed_give_messages_with_the_query_encoded()
    {
        var missing = await Page("/search?q=NOSUCHASSET");
        Assert.Contains("No indexed asset", Text(missing.QuerySelector(".search-not-found")!), StringComparison.Ordinal);

        var hostile = await Page($"/search?q={Uri.EscapeDataString("<script>alert(1)</script>")}");
        Assert.NotNull(hostile.QuerySelector(".search-invalid"));
        Assert.Equal("<script>alert(1)</script>", Text(hostile.QuerySelector(".search-query")!));
        Assert.DoesNotContain(hostile.QuerySelectorAll("script"), s => s.TextContent.Contains("alert", StringComparison.Ordinal));
        // A very long query is cut where it is echoed, so the message under it stays in view.
        var longQuery = await Page("/search?q=" + new string('x', 5000));
        Assert.NotNull(longQuery.QuerySelector(".search-invalid"));
        var shown = Text(longQuery.QuerySelector(".search-query")!);
        Assert.True(shown.Length < 400, $"{shown.Length} characters shown");
        Assert.EndsWith("(5000 characters)", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Address_pages_list_the_colored_outputs_the_address_spent()
    {
        await using var connection = factory.Store.Connect();
        var spent = (await connection.QueryAsync<(string Address, string Txid, uint N, string SpentTxid)>(
            """
            SELECT address AS Address, txid AS Txid, n AS N, spent_txid AS SpentTxid FROM colored_outputs FINAL
            WHERE spent_txid != '' AND is_orphaned = 0 AND address != ''
            """)).ToList();
        Assert.NotEmpty(spent);
        var address = spent.GroupBy(s => s.Address).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First();

        var doc = await Page($"/address/{address.Key}");
        var rows = doc.QuerySelectorAll(".address-spent tr.colored-line");
        Assert.Equal(address.Count(), rows.Length);
        var shown = rows.Select(r => r.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList()).ToList();
        foreach (var s in address)
            Assert.Contains(shown, links => links.Contains($"/tx/{s.Txid}") && links.Contains($"/tx/{s.SpentTxid}"));
    }

    [Fact]
    public async Task Lists_show_the_ledgers_verdict_on_counterparty_messages_the_decoder_reads_as_valid()
    {
        await using var connection = factory.Store.Connect();
        var refused = (await connection.QueryAsync<(string Txid, uint Height, string Status)>(
            """
            SELECT s.txid AS Txid, s.height AS Height, s.status AS Status FROM xcp_statuses AS s
            INNER JOIN (SELECT txid FROM colored_transactions FINAL WHERE protocol = 'counterparty' AND valid = 1 AND is_orphaned = 0) AS c
              ON c.txid = s.txid
            WHERE startsWith(s.status, 'invalid') ORDER BY s.height, s.txid LIMIT 1
            """)).ToList();
        Assert.True(refused.Count == 1, "the fixture has a Counterparty message the ledger refuses");
        var (txid, height, status) = refused[0];

        var block = await Page($"/block/{height}");
        var row = block.QuerySelectorAll(".block-tx").Single(r => r.QuerySelector("a")!.TextContent == txid);
        var verdict = row.QuerySelector(".verdict")!;
        Assert.Equal("invalid", verdict.GetAttribute("data-verdict"));
        Assert.Contains(status, verdict.TextContent, StringComparison.Ordinal);
        Assert.Contains("(ledger)", verdict.TextContent, StringComparison.Ordinal);

        // The home page's latest list: newest first across protocols.
        var home = await Page("/");
        var heights = home.QuerySelectorAll(".latest-colored-row td:nth-child(3) a").Select(a => uint.Parse(a.TextContent, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(heights);
        Assert.Equal(heights.OrderByDescending(h => h), heights);
    }

    [Fact]
    public async Task A_later_transfers_page_does_not_repeat_the_issuances()
    {
        var colu = Truth.Tx("locked issuance").GetProperty("outputs").GetProperty("0")[0][0].GetString()!;
        using var client = factory.CreateClient();
        using var first = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync($"/api/v1/assets/colu/{colu}/transfers?limit=1"));
        var next = first.RootElement.GetProperty("next").GetString()!;

        var page1 = await Page($"/asset/colu/{colu}");
        Assert.NotEmpty(page1.QuerySelectorAll(".asset-issuances .event-row"));
        Assert.Null(page1.QuerySelector(".issuances-elsewhere"));

        var page2 = await Page($"/asset/colu/{colu}?transfers={Uri.EscapeDataString(next)}");
        Assert.Empty(page2.QuerySelectorAll(".asset-issuances .event-row"));
        var note = page2.QuerySelector(".issuances-elsewhere")!;
        Assert.Contains("1 issuance,", note.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/asset/colu/{colu}", note.QuerySelector("a")!.GetAttribute("href"));
        Assert.NotEmpty(page2.QuerySelectorAll(".asset-transfers .event-row"));
    }

    [Fact]
    public async Task Asset_events_and_their_exports_carry_the_ledgers_verdict_and_a_refused_quantity_is_struck_through()
    {
        await using var connection = factory.Store.Connect();
        var refused = (await connection.QueryAsync<(string Txid, string AssetId, string Status)>(
            """
            SELECT e.txid AS Txid, e.asset_id AS AssetId, s.status AS Status FROM asset_events AS e FINAL
            INNER JOIN xcp_statuses AS s ON s.txid = e.txid
            WHERE e.protocol = 'counterparty' AND e.is_orphaned = 0 AND startsWith(s.status, 'invalid')
            ORDER BY e.height, e.txid LIMIT 1
            """)).ToList();
        Assert.True(refused.Count == 1, "the fixture has a Counterparty event whose message the ledger refuses");
        var (txid, assetId, status) = refused[0];

        var page = await Page($"/asset/counterparty/{assetId}");
        var row = page.QuerySelectorAll(".event-row").First(r => r.QuerySelector(".event-tx")!.TextContent == txid);
        Assert.Contains(status, row.QuerySelector(".event-status .verdict")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("refused", row.QuerySelector(".quantity")!.ClassList);
        // The other rows of the page are not struck through unless the ledger refused them too.
        foreach (var other in page.QuerySelectorAll(".event-row").Where(r => r.QuerySelector(".event-status .verdict")?.GetAttribute("data-verdict") == "valid"))
            Assert.DoesNotContain("refused", other.QuerySelector(".quantity")!.ClassList);

        using var client = factory.CreateClient();
        using var json = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync($"/api/v1/assets/counterparty/{assetId}/transfers?limit=100"));
        var item = json.RootElement.GetProperty("items").EnumerateArray().First(i => i.GetProperty("txid").GetString() == txid);
        Assert.Equal(status, item.GetProperty("ledgerStatus").GetString());
        var csv = await client.GetStringAsync($"/api/v1/assets/counterparty/{assetId}/transfers?limit=100&format=csv");
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",ledger_status", lines[0].TrimEnd('\r'), StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains(txid, StringComparison.Ordinal) && l.TrimEnd('\r').EndsWith(status, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/tx/' OR 1=1 --", 400, "A txid is 64 hex characters.")]
    [InlineData("/tx/garbage", 400, "A txid is 64 hex characters.")]
    [InlineData("/tx/0000000000000000000000000000000000000000000000000000000000000001", 404, "Not found")]
    [InlineData("/block/abc", 400, "A block is given by its height")]
    [InlineData("/block/-1", 400, "A block is given by its height")]
    [InlineData("/block/99999", 404, "Not found")]
    [InlineData("/asset/bitcoin/XCP", 400, "An asset page is")]
    [InlineData("/asset/colu/bad%27id", 400, "An asset page is")]
    [InlineData("/asset/colu/NoSuchAsset", 404, "Not found")]
    [InlineData("/address/notanaddress", 400, "Not an address")]
    [InlineData("/address/mipcBbFg9gMiCh81Kj8tqqdgoZub1ZJRfn", 404, "Not found: nothing colored is indexed for this address")] // valid, unused
    [InlineData("/address/1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", 400, "An address of the main network")]
    public async Task Bad_or_unknown_keys_show_a_message_with_the_status_the_api_would_answer(string url, int status, string message)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(url);
        Assert.Equal(status, (int)response.StatusCode);
        var doc = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

        Assert.Contains(message, Text(doc.QuerySelector(".page-problem")!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Markup_in_stored_metadata_is_shown_as_text()
    {
        const string hostile = "<img src=x onerror=alert(1)><script>alert(2)</script>";
        const string assetId = "AHostileMetadataTestAsset1";
        await using (var connection = factory.Store.Connect())
        {
            await connection.OpenAsync();
            await Dapper.SqlMapper.ExecuteAsync(connection,
                """
                INSERT INTO assets (protocol, asset_id, metadata_utf8, first_txid, first_height, first_block_hash, version)
                VALUES ('openassets', @assetId, @hostile, @txid, 1, @hash, 1)
                """, new { assetId, hostile, txid = new string('a', 64), hash = new string('b', 64) });
        }

        var doc = await Page($"/asset/openassets/{assetId}");

        Assert.Equal(hostile, Text(doc.QuerySelector(".asset-metadata")!));
        Assert.Null(doc.QuerySelector(".asset-metadata img"));
        Assert.Null(doc.QuerySelector(".asset-metadata script"));
    }
}
