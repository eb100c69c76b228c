using Explorer.Web.Tests.Store;
using Microsoft.Playwright;

namespace Explorer.Web.E2E;

/// <summary>
/// New blocks and mempool changes appear in an open page, without navigation or reload: the Core regtest chain is
/// indexed up to block 111, the home page opened in chromium, then the indexer's pipeline indexes blocks 112..117
/// (expected.json's tip) and the page must show the new tip. A JavaScript marker set before must survive (no reload).
/// </summary>
[Collection(LiveBrowserCollection.Name)]
[Trait("Category", "E2E")]
public sealed class LiveUpdateTests(LiveBrowserApp app)
{
    private static async Task MarkAsync(IPage page) => await page.EvaluateAsync("() => { window.__explorerMarker = 'still-here'; }");

    private static async Task<string?> MarkerAsync(IPage page) => await page.EvaluateAsync<string?>("() => window.__explorerMarker ?? null");

    [Fact]
    public async Task Home_page_shows_blocks_indexed_after_it_opened()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        await Interactive.WaitAsync(page);
        var top = page.Locator("tr.block-row").First;
        await Assertions.Expect(top).ToHaveAttributeAsync("data-height", LiveBrowserApp.FirstTip.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await MarkAsync(page);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await app.IndexTheRestAsync(timeout.Token);

        var tip = app.Truth.TipHeight.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Assertions.Expect(top).ToHaveAttributeAsync("data-height", tip);
        await Assertions.Expect(top).ToContainTextAsync(app.Truth.TipHash);
        await Assertions.Expect(page.Locator(".store-message")).ToContainTextAsync($"indexed up to block {tip}");
        Assert.Equal("still-here", await MarkerAsync(page));
        Assert.Equal(app.BaseUrl + "/", page.Url);
        await BrowserApp.ScreenshotAsync(page, "live-home");
    }

    [Fact]
    public async Task Mempool_page_shows_a_transaction_seen_after_it_opened_and_drops_it_when_removed()
    {
        var xcp = app.Truth.Root.GetProperty("transactions").EnumerateArray().Single(t => t.TryGetProperty("mempool", out var m) && m.GetBoolean());
        var txid = xcp.GetProperty("txid").GetString()!;
        var page = await app.NewPageAsync();
        await page.GotoAsync("/mempool");
        await Interactive.WaitAsync(page);
        await Assertions.Expect(page.Locator(".mempool-empty")).ToBeVisibleAsync();
        await MarkAsync(page);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await MempoolRows.InsertAsync(app.Store, xcp.GetProperty("hex").GetString()!, DateTime.UtcNow, ct: timeout.Token);
        var row = page.Locator($"tr.mempool-row[data-txid='{txid}']");
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".mempool-count")).ToHaveTextAsync("1");
        await BrowserApp.ScreenshotAsync(page, "live-mempool");

        await MempoolRows.InsertAsync(app.Store, xcp.GetProperty("hex").GetString()!, DateTime.UtcNow, version: 2, removed: true, ct: timeout.Token);
        await Assertions.Expect(row).ToHaveCountAsync(0);
        Assert.Equal("still-here", await MarkerAsync(page));

        // Its transaction page while unconfirmed was covered by the API/page tests; here it is gone: not found.
        await page.GotoAsync($"/tx/{txid}");
        await Assertions.Expect(page.Locator(".page-problem")).ToContainTextAsync("Not found");
    }
}
