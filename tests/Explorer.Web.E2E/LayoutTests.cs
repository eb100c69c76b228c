using System.Text.RegularExpressions;
using Explorer.Web.Tests.Store;
using Microsoft.Playwright;

namespace Explorer.Web.E2E;

/// <summary>Home over the real store, the theme choice across reloads, and phone width, in chromium.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "E2E")]
public sealed class LayoutTests(BrowserApp app)
{
    [Fact]
    public async Task Home_shows_the_indexed_tip_and_latest_blocks_without_orphans()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        await Interactive.WaitAsync(page);

        await Assertions.Expect(page.GetByText($"indexed up to block {BrowserApp.Tip}")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Latest indexed blocks")).ToBeVisibleAsync();
        var rows = page.Locator("table:has(th:text('Height')) tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(10);
        await Assertions.Expect(rows.First.Locator("td").First).ToHaveTextAsync(BrowserApp.Tip.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(rows.First).ToContainTextAsync(StoreDatabase.HashOf(BrowserApp.Tip));
        Assert.DoesNotContain(StoreDatabase.HashOf(BrowserApp.Tip + 1, 'b'), await page.ContentAsync(), StringComparison.Ordinal);
        await BrowserApp.ScreenshotAsync(page, "home");
    }

    [Fact]
    public async Task Dark_theme_choice_survives_a_reload()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        await Interactive.WaitAsync(page);
        var toggle = page.Locator(".theme-toggle");
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-label", "Switch to dark theme");
        var light = await BackgroundAsync(page);

        await toggle.ClickAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-label", "Switch to light theme");
        await page.WaitForFunctionAsync("() => document.cookie.includes('explorer-theme=dark')");
        await page.ReloadAsync();

        // Right from the prerendered HTML, before the circuit, and after it.
        await Assertions.Expect(page.Locator(".theme-toggle")).ToHaveAttributeAsync("aria-label", "Switch to light theme");
        await Interactive.WaitAsync(page);
        await Assertions.Expect(page.Locator(".theme-toggle")).ToHaveAttributeAsync("aria-label", "Switch to light theme");
        var dark = await BackgroundAsync(page);
        Assert.True(Luminance(dark) < 0.3, $"dark background expected, got {dark}");
        Assert.True(Luminance(light) > 0.8, $"light background expected, got {light}");
        await BrowserApp.ScreenshotAsync(page, "home-dark");

        // And back: light persists too.
        await page.Locator(".theme-toggle").ClickAsync();
        await page.WaitForFunctionAsync("() => document.cookie.includes('explorer-theme=light')");
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator(".theme-toggle")).ToHaveAttributeAsync("aria-label", "Switch to dark theme");
    }

    [Theory]
    [InlineData("/", "phone-home")]
    [InlineData("/decode", "phone-decode")]
    [InlineData("/no/such/page", "phone-not-found")]
    public async Task Phone_width_has_no_horizontal_overflow(string path, string screenshot)
    {
        var page = await app.NewPageAsync(width: 390, height: 844);
        await page.GotoAsync(path);
        await Interactive.WaitAsync(page);
        if (path == "/decode")
        {
            await page.Locator(".decode-example").ClickAsync();
            await Assertions.Expect(page.Locator(".rb-layer[data-layer='tx']")).ToBeVisibleAsync();
        }

        var widths = await page.EvaluateAsync<int[]>(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth, document.body.scrollWidth]");
        var (scroll, client) = (Math.Max(widths[0], widths[2]), widths[1]);
        Assert.Equal(390, client);
        Assert.True(scroll <= client, $"{path}: page is {scroll}px wide in a {client}px viewport");
        await BrowserApp.ScreenshotAsync(page, screenshot);
    }

    private static Task<string> BackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

    /// <summary>Relative luminance-ish (0..1) of an <c>rgb(r, g, b)</c> string.</summary>
    private static double Luminance(string rgb)
    {
        var m = Regex.Match(rgb, @"rgba?\((\d+),\s*(\d+),\s*(\d+)");
        Assert.True(m.Success, $"not an rgb colour: {rgb}");
        double C(int g) => int.Parse(m.Groups[g].Value, System.Globalization.CultureInfo.InvariantCulture) / 255.0;
        return (0.2126 * C(1)) + (0.7152 * C(2)) + (0.0722 * C(3));
    }
}
