using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Explorer.Web.E2E;

/// <summary>
/// Search → asset → transfer → decoded transaction in chromium, over the Bitcoin Core regtest chain indexed by the
/// indexer's pipeline (fixture ../shared/fixtures/core-regtest, expected.json written from the node's RPC answers).
/// The transaction page's decoded fields and highlighted raw bytes must agree with the stored answer that
/// <c>GET /api/v1/tx/{txid}</c> returns.
/// </summary>
[Collection(IndexedBrowserCollection.Name)]
[Trait("Category", "E2E")]
public sealed partial class IndexedFlowTests(IndexedBrowserApp app)
{
    [Fact]
    public async Task A_transaction_page_does_not_go_blank_when_it_becomes_interactive()
    {
        // Watches the page from its first parse: had the circuit's first render no data (the store read again), the
        // prerendered summary would leave the DOM for a moment.
        var page = await app.NewPageAsync();
        await page.AddInitScriptAsync("""
            window.__txBlank = false;
            document.addEventListener('DOMContentLoaded', () => {
              new MutationObserver(() => { if (!document.querySelector('.tx-where')) window.__txBlank = true; })
                .observe(document.body, { childList: true, subtree: true });
            });
            """);
        var txid = app.Truth.Tx("transfer").GetProperty("txid").GetString()!;
        await page.GotoAsync("/tx/" + txid);
        await Interactive.WaitAsync(page);
        await Assertions.Expect(page.Locator(".tx-where")).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(1000); // room for a late re-render, which the flag would catch
        Assert.False(await page.EvaluateAsync<bool>("() => window.__txBlank"), "the transaction summary left the page while it became interactive");
        await Assertions.Expect(page.Locator(".tx-block")).ToHaveTextAsync(app.Truth.Tx("transfer").GetProperty("blockhash").GetString()!);
    }

    [Theory]
    [InlineData("block", ".block-txs")]
    [InlineData("asset", ".asset-facts")]
    [InlineData("address", ".balances-table")]
    [InlineData("home", ".home-activity")]
    [InlineData("blocks", ".block-row")]
    public async Task A_block_asset_address_home_or_blocks_page_does_not_go_blank_when_it_becomes_interactive(string kind, string selector)
    {
        // As the transaction page above: the prerendered answers are handed to the circuit, so the page's data never
        // leaves the DOM (a second read would first clear it, or show "No asset" for a moment on an address).
        var issuance = app.Truth.Tx("issuance");
        var assetId = issuance.GetProperty("outputs").GetProperty("0")[0].GetString()!;
        string url;
        if (kind == "block") url = "/block/" + issuance.GetProperty("height").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
        else if (kind == "asset") url = "/asset/openassets/" + assetId;
        else if (kind == "home") url = "/";
        else if (kind == "blocks") url = "/blocks";
        else
        {
            using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
            // A holder of the Colu asset (the Open Assets units were all spent or destroyed by the tip).
            var colu = app.Truth.Tx("locked issuance").GetProperty("outputs").GetProperty("0")[0][0].GetString()!;
            using var holders = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/assets/colu/{colu}/holders"));
            url = "/address/" + FirstAddress(holders.RootElement);
        }
        var page = await app.NewPageAsync();
        await page.AddInitScriptAsync($$"""
            window.__blank = false;
            document.addEventListener('DOMContentLoaded', () => {
              new MutationObserver(() => { if (!document.querySelector('{{selector}}')) window.__blank = true; })
                .observe(document.body, { childList: true, subtree: true });
            });
            """);
        await page.GotoAsync(url);
        await Interactive.WaitAsync(page);
        await Assertions.Expect(page.Locator(selector).First).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(1000); // room for a late re-render, which the flag would catch
        Assert.False(await page.EvaluateAsync<bool>("() => window.__blank"), $"the {kind} page's {selector} left the page while it became interactive");
    }

    [Fact]
    public async Task The_colored_inputs_and_outputs_tables_fit_a_1280_pixel_window()
    {
        // Asset IDs (34-38 characters), addresses (up to 62) and txids are cut with an ellipsis (the full text in the
        // link's title), so the six columns fit: the "From" column of the colored inputs used to be off the right edge.
        var page = await app.NewPageAsync(1280, 900);
        await page.GotoAsync("/tx/" + app.Truth.Tx("transfer").GetProperty("txid").GetString());
        await Assertions.Expect(page.Locator(".colored-lines").First).ToBeVisibleAsync();
        // How far each table reaches past the card that holds it (its scroll box hides the rest).
        var overflows = await page.EvaluateAsync<int[]>("""
            () => [...document.querySelectorAll('.colored-lines')].map(box => {
              const table = box.querySelector('table'), card = box.closest('.mud-paper');
              return Math.round(table.getBoundingClientRect().right - card.getBoundingClientRect().right);
            })
            """);
        Assert.Equal(2, overflows.Length);
        Assert.All(overflows, o => Assert.True(o <= 0, $"a colored lines table reaches {o} px past its card"));
        var asset = page.Locator(".colored-lines .colored-line a[href^='/asset/']").First;
        Assert.Equal(await asset.InnerTextAsync(), await asset.GetAttributeAsync("title"));
    }

    // The first non-empty "address" member anywhere in an API answer (the holders list).
    private static string FirstAddress(JsonElement root) =>
        Find(root) ?? throw new InvalidOperationException("no holder address in " + root);

    private static string? Find(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
            foreach (var p in element.EnumerateObject())
            {
                if (p.Name == "address" && p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() is { Length: > 0 } a) return a;
                if (Find(p.Value) is { } found) return found;
            }
        else if (element.ValueKind == JsonValueKind.Array)
            foreach (var item in element.EnumerateArray())
                if (Find(item) is { } found) return found;
        return null;
    }

    [Fact]
    public async Task Search_an_asset_open_a_transfer_and_its_fields_and_bytes_agree()
    {
        var issuance = app.Truth.Tx("issuance");
        var transfer = app.Truth.Tx("transfer");
        var assetId = issuance.GetProperty("outputs").GetProperty("0")[0].GetString()!; // AREKSBMz..., the regtest OA asset
        var transferTxid = transfer.GetProperty("txid").GetString()!;
        var page = await app.NewPageAsync();

        await page.GotoAsync("/");
        await Interactive.WaitAsync(page);
        var box = page.Locator(".search-field input:visible").First;
        await box.FillAsync(assetId);
        await box.PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/asset/openassets/" + assetId + "$"));
        await Assertions.Expect(page.Locator(".asset-first")).ToHaveTextAsync(issuance.GetProperty("txid").GetString()!);
        await Assertions.Expect(page.Locator(".asset-metadata")).ToHaveTextAsync(issuance.GetProperty("metadataUtf8").GetString()!);
        await BrowserApp.ScreenshotAsync(page, "indexed-asset");

        var transferRow = page.Locator(".asset-transfers .event-row", new PageLocatorOptions { HasText = transferTxid }).First;
        await Interactive.WaitAsync(page);
        await transferRow.Locator(".event-tx").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/tx/" + transferTxid + "$"));
        await Interactive.WaitAsync(page);
        await Assertions.Expect(page.Locator(".tx-block")).ToHaveTextAsync(transfer.GetProperty("blockhash").GetString()!);
        await Assertions.Expect(page.Locator(".tx-height")).ToHaveTextAsync(transfer.GetProperty("height").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Colored outputs as expected.json states them: output 1 = 300, output 2 = 701 of the asset.
        var quantities = await page.Locator(".colored-lines").Nth(1).Locator(".quantity").AllTextContentsAsync();
        Assert.Equal(["300", "701"], quantities.Select(q => q.Trim()));

        // The stored answer, read independently of the page.
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        using var doc = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/tx/{transferTxid}"));
        var oa = doc.RootElement.GetProperty("openAssets");
        var panel = page.Locator(".protocol-panel[data-protocol='openAssets']");
        await Assertions.Expect(panel).ToBeVisibleAsync();
        var panelText = await panel.InnerTextAsync();
        foreach (var output in oa.GetProperty("outputs").EnumerateArray())
        {
            if (output.TryGetProperty("assetId", out var id) && id.ValueKind == JsonValueKind.String)
                Assert.Contains(id.GetString()!, panelText, StringComparison.Ordinal);
            Assert.Contains(output.GetProperty("quantity").GetRawText(), panelText, StringComparison.Ordinal);
        }

        var raw = oa.GetProperty("raw");
        var expected = new ExpectedRaw(
            raw.GetProperty("layers").EnumerateArray().ToDictionary(l => l.GetProperty("name").GetString()!, l => l.GetProperty("hex").GetString()!.ToLowerInvariant()),
            raw.GetProperty("annotations").EnumerateArray().Select(a => new ExpectedAnnotation(
                a.GetProperty("layer").GetString()!, a.GetProperty("offset").GetInt32(), a.GetProperty("length").GetInt32(),
                a.GetProperty("field").GetString()!)).ToList());
        Assert.NotEmpty(expected.Annotations);
        await DecodePageTests.HoverEveryAnnotationAsync(panel, expected);
        await BrowserApp.ScreenshotAsync(page, "indexed-transfer");
    }
}
