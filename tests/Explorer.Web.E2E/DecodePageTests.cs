using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Explorer.Web.Services;
using Microsoft.Playwright;

namespace Explorer.Web.E2E;

/// <summary>
/// The decode page in chromium: protocol panels for a real Open Assets transfer (the page's example, from NBitcoin's
/// test data), a real Colu issuance and a real Counterparty multisig send (both written by Bitcoin Core regtest,
/// tests/Protocols.Tests/data/colu and data/counterparty), and the
/// byte highlighting both ways checked against the decode API's annotations applied to the layer hex.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "E2E")]
public sealed class DecodePageTests(BrowserApp app)
{
    private static readonly JsonElement ColuIssuance = LoadColuIssuance();

    private static readonly JsonElement CounterpartyMultisig = LoadCounterpartyMultisig();

    private static JsonElement LoadCounterpartyMultisig()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "core-regtest-counterparty.json")));
        // 96e3ae8c…: "classic send over 1-of-3 bare multisig" (PEPECASH 777001), Bitcoin Core regtest block 115.
        return doc.RootElement.GetProperty("transactions").EnumerateArray()
            .Single(t => t.GetProperty("txid").GetString() == "96e3ae8c3505ab7a709e8d9bde7bd3c4f2faf1b584bcf8a6b84ba8311fa240f3")
            .Clone();
    }

    private static JsonElement LoadColuIssuance()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "regtest-colu.json")));
        return doc.RootElement.GetProperty("transactions")[0].Clone(); // 476c83ee…, "locked issuance"
    }

    private static object OpenAssetsRequest()
    {
        var example = ExampleTransactions.OpenAssetsTransfer;
        var prevouts = example.Prevouts.Split('\n').Select(line =>
        {
            var (script, sats) = (line[(line.IndexOf('=') + 1)..line.IndexOf(':')], line[(line.IndexOf(':') + 1)..]);
            return new { script, value = long.Parse(sats, CultureInfo.InvariantCulture) };
        }).ToArray();
        return new { tx = example.Tx, prevouts, network = "main" };
    }

    private static object ColuRequest() => new
    {
        tx = ColuIssuance.GetProperty("hex").GetString(),
        prevouts = ColuIssuance.GetProperty("prevouts").EnumerateArray()
            .Select(p => new { script = p.GetProperty("script").GetString(), value = p.GetProperty("value").GetInt64() }).ToArray(),
        height = ColuIssuance.GetProperty("height").GetInt32(),
        network = "regtest",
    };

    private static string ColuUrl()
    {
        var prevouts = ColuIssuance.GetProperty("prevouts").EnumerateArray()
            .Select((p, i) => "&prevout=" + Uri.EscapeDataString($"{i}={p.GetProperty("script").GetString()}:{p.GetProperty("value").GetInt64()}"));
        return $"/decode?tx={ColuIssuance.GetProperty("hex").GetString()}{string.Concat(prevouts)}" +
               $"&height={ColuIssuance.GetProperty("height").GetInt32()}&network=regtest";
    }

    [Fact]
    public async Task Open_Assets_example_shows_its_panel_and_highlights_exactly_each_fields_bytes()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/decode");
        await Interactive.WaitAsync(page);
        await page.Locator(".decode-example").ClickAsync();
        await Assertions.Expect(page.Locator(".rb-layer[data-layer='tx']")).ToBeVisibleAsync();

        // The page shows one panel per protocol the API answers for the same request: Open Assets only.
        var protocols = await ProtocolKeysAsync(app.BaseUrl, OpenAssetsRequest());
        Assert.Equal(["openAssets"], protocols);
        await Assertions.Expect(page.Locator(".protocol-panel[data-protocol='openAssets']")).ToBeVisibleAsync();
        var shown = await page.Locator(".protocol-panel").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.protocol)");
        Assert.Equal(protocols, shown);
        foreach (var protocol in protocols)
        {
            var expected = await ExpectedRaw.FetchAsync(app.BaseUrl, OpenAssetsRequest(), protocol);
            await HoverEveryAnnotationAsync(page.Locator($".protocol-panel[data-protocol='{protocol}']"), expected);
        }

        // The transaction's own raw view: every serialization field of layer "tx" against the example's hex.
        var txLayer = page.Locator(".rb-layer[data-layer='tx']");
        var items = await txLayer.Locator(".rb-ann").EvaluateAllAsync<string[][]>(
            "els => els.map(e => [e.dataset.ann, e.querySelector('.rb-ann-field').textContent, e.querySelector('.rb-ann-range').textContent])");
        Assert.True(items.Length >= 20, $"only {items.Length} fields in the tx layer");
        var txHex = ExampleTransactions.OpenAssetsTransfer.Tx;
        var tx = new ExpectedRaw(new Dictionary<string, string> { ["tx"] = txHex }, []);
        var covered = 0;
        foreach (var item in items)
        {
            var annotation = ParseRange(item[1], item[2]);
            covered += annotation.Length;
            await HoverAsync(txLayer, int.Parse(item[0], CultureInfo.InvariantCulture), annotation, tx.BytesOf(annotation), txLayer);
        }
        Assert.Equal(txHex.Length / 2, covered); // the fields tile the transaction
        await BrowserApp.ScreenshotAsync(page, "decode-open-assets-example");
    }

    [Fact]
    public async Task Colu_issuance_from_the_url_shows_its_panel_and_highlights_exactly_each_fields_bytes()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync(ColuUrl());
        await Interactive.WaitAsync(page);

        var panel = page.Locator(".protocol-panel[data-protocol='colu']");
        await Assertions.Expect(panel).ToBeVisibleAsync();
        await Assertions.Expect(panel).ToContainTextAsync("valid");
        var expected = await ExpectedRaw.FetchAsync(app.BaseUrl, ColuRequest(), "colu");
        Assert.NotEmpty(expected.Annotations);
        await HoverEveryAnnotationAsync(panel, expected);
        await BrowserApp.ScreenshotAsync(page, "decode-colu");
    }

    [Fact]
    public async Task Counterparty_multisig_send_shows_its_layers_and_highlights_exactly_each_fields_bytes()
    {
        var tx = CounterpartyMultisig.GetProperty("hex").GetString()!;
        var height = CounterpartyMultisig.GetProperty("height").GetInt32();
        var page = await app.NewPageAsync();
        await page.GotoAsync($"/decode?tx={tx}&height={height}&network=regtest");
        await Interactive.WaitAsync(page);

        var panel = page.Locator(".protocol-panel[data-protocol='counterparty']");
        await Assertions.Expect(panel).ToBeVisibleAsync();
        await Assertions.Expect(panel).ToContainTextAsync("PEPECASH");
        var expected = await ExpectedRaw.FetchAsync(app.BaseUrl, new { tx, height, network = "regtest" }, "counterparty");
        // Carrier scripts, obfuscated chunks, decrypted data, message fields: more than one layer, all shown.
        Assert.True(expected.LayerHex.Count >= 2, $"only {expected.LayerHex.Count} layer(s)");
        var layers = await panel.Locator(".rb-layer[data-layer]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.layer)");
        Assert.Equal(expected.LayerHex.Keys.Order(), layers.Order());
        await HoverEveryAnnotationAsync(panel, expected);
        await BrowserApp.ScreenshotAsync(page, "decode-counterparty-multisig");
    }

    [Fact]
    public async Task Clicking_a_byte_activates_exactly_the_annotations_covering_it()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync(ColuUrl());
        await Interactive.WaitAsync(page);
        var panel = page.Locator(".protocol-panel[data-protocol='colu']");
        var expected = await ExpectedRaw.FetchAsync(app.BaseUrl, ColuRequest(), "colu");

        // Every byte of the first layer that has annotations: click it, compare the active annotations.
        var layerName = expected.Annotations[0].Layer;
        var layer = panel.Locator($".rb-layer[data-layer='{layerName}']");
        var byteCount = expected.LayerHex[layerName].Length / 2;
        for (var offset = 0; offset < byteCount; offset++)
        {
            var covering = expected.Annotations.Select((a, i) => (a, i))
                .Where(x => x.a.Layer == layerName && x.a.Offset <= offset && offset < x.a.Offset + x.a.Length)
                .Select(x => x.i.ToString(CultureInfo.InvariantCulture))
                .ToArray();
            var cell = layer.Locator($".rb-byte[data-offset='{offset}']");
            await cell.ClickAsync();
            await Assertions.Expect(cell).ToHaveClassAsync(new Regex(@"\brb-focus\b"));
            var active = await layer.Locator(".rb-ann.rb-ann-active").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.ann)");
            Assert.Equal(covering, active);
            // Their bytes are the union of the covering ranges.
            var highlighted = await layer.Locator(".rb-byte.rb-hl").EvaluateAllAsync<int[]>("els => els.map(e => +e.dataset.offset)");
            var union = covering.Select(c => expected.Annotations[int.Parse(c, CultureInfo.InvariantCulture)])
                .SelectMany(a => Enumerable.Range(a.Offset, a.Length)).Distinct().Order().ToArray();
            Assert.Equal(union, highlighted);
        }
        await BrowserApp.ScreenshotAsync(page, "decode-colu-byte-clicked");
    }

    /// <summary>Hover each annotation of the panel; the highlighted cells' text must be its bytes, nothing else.</summary>
    internal static async Task HoverEveryAnnotationAsync(ILocator panel, ExpectedRaw expected)
    {
        Assert.Equal(expected.Annotations.Count, await panel.Locator(".rb-ann").CountAsync());
        for (var i = 0; i < expected.Annotations.Count; i++)
        {
            var annotation = expected.Annotations[i];
            await HoverAsync(panel, i, annotation, expected.BytesOf(annotation), panel.Locator($".rb-layer[data-layer='{annotation.Layer}']"));
        }
    }

    /// <summary>
    /// Hovers annotation <paramref name="index"/> of <paramref name="scope"/>: exactly the cells of
    /// <paramref name="annotation"/>'s range light up in <paramref name="layer"/>, their text is
    /// <paramref name="bytesHex"/>, and nothing else in <paramref name="scope"/> is lit.
    /// </summary>
    internal static async Task HoverAsync(ILocator scope, int index, ExpectedAnnotation annotation, string bytesHex, ILocator layer)
    {
        var item = scope.Locator($".rb-ann[data-ann='{index}']");
        await Assertions.Expect(item.Locator(".rb-ann-field")).ToHaveTextAsync(annotation.Field);
        await item.HoverAsync();
        await Assertions.Expect(item).ToHaveClassAsync(new Regex(@"\brb-ann-active\b"));
        await Assertions.Expect(scope.Locator(".rb-byte.rb-hl")).ToHaveCountAsync(annotation.Length);
        var cells = await layer.Locator(".rb-byte.rb-hl").EvaluateAllAsync<string[]>("els => els.map(e => e.textContent)");
        Assert.Equal(bytesHex, string.Concat(cells));
        var offsets = await layer.Locator(".rb-byte.rb-hl").EvaluateAllAsync<int[]>("els => els.map(e => +e.dataset.offset)");
        Assert.Equal(Enumerable.Range(annotation.Offset, annotation.Length), offsets);
    }

    /// <summary>The protocol keys (non-null object values) of the API's answer, in order.</summary>
    private static async Task<string[]> ProtocolKeysAsync(string baseUrl, object request)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.PostAsJsonAsync("/api/v1/decode", request);
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object).Select(p => p.Name).ToArray();
    }

    /// <summary>An annotation from the page's range text: "@5" or "@5–36" (inclusive).</summary>
    private static ExpectedAnnotation ParseRange(string field, string range)
    {
        var m = Regex.Match(range, @"^@(\d+)(?:–(\d+))?$");
        Assert.True(m.Success, $"unexpected range text '{range}' for {field}");
        var start = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var end = m.Groups[2].Success ? int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) : start;
        return new ExpectedAnnotation("tx", start, end - start + 1, field);
    }
}
