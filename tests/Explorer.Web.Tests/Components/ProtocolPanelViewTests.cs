using Bunit;
using Explorer.Web.Components.Pages.Decode;
using Explorer.Web.Services;

namespace Explorer.Web.Tests.Components;

/// <summary>A protocol panel built from answer JSON: fields, validity, raw view, and encoding of chain text.</summary>
[Trait("Category", "Unit")]
public sealed class ProtocolPanelViewTests : MudTestContext
{
    // Shaped like the decode contract's counterparty answer (../shared/docs/decode-cli.md) with a "raw" RawView.
    private const string Answer = """
        {"txid": "00", "openAssets": null, "colu": null,
         "counterparty": {"carrier": "opreturn", "messageType": "broadcast", "valid": false, "error": "bad fee fraction",
           "fields": {"text": "<script>alert(1)</script>", "value": 1.5},
           "outputs": [{"index": 0, "assetId": "<b>A1</b>"}, {"index": 1, "quantity": 7}],
           "raw": {"layers": [{"name": "xcp.data", "hex": "1e00", "asm": null}],
                   "annotations": [{"field": "text", "value": "<img src=x onerror=alert(2)>", "layer": "xcp.data", "offset": 1, "length": 1}]}},
         "error": null}
        """;

    private IRenderedComponent<ProtocolPanelView> RenderPanel()
    {
        var panel = Assert.Single(AnswerPanels.FromJson(Answer));
        return Render<ProtocolPanelView>(p => p.Add(c => c.Panel, panel));
    }

    [Fact]
    public void Shows_title_invalid_reason_fields_and_raw_bytes()
    {
        var cut = RenderPanel();

        Assert.Equal("Counterparty", cut.Find("h3").TextContent);
        Assert.Contains("bad fee fraction", cut.Find(".mud-alert").TextContent, StringComparison.Ordinal);
        Assert.Contains(cut.FindAll("th"), th => th.TextContent == "messageType");
        Assert.DoesNotContain(cut.FindAll("th"), th => th.TextContent == "raw");
        Assert.Equal("1e00", string.Concat(cut.FindAll(".rb-byte").Select(b => b.TextContent)));
        cut.Find("li[data-ann='0']").MouseEnter();
        Assert.Equal(["00"], cut.FindAll(".rb-byte.rb-hl").Select(b => b.TextContent));
    }

    [Fact]
    public void Chain_text_in_fields_and_annotations_is_encoded()
    {
        var cut = RenderPanel();

        Assert.Empty(cut.FindAll("script"));
        Assert.Empty(cut.FindAll("img"));
        Assert.Empty(cut.FindAll("td b"));
        Assert.Contains(cut.FindAll(".jf-string"), s => s.TextContent == "<script>alert(1)</script>");
        Assert.Contains(cut.FindAll(".jf-string"), s => s.TextContent == "<b>A1</b>");
        Assert.Equal("<img src=x onerror=alert(2)>", cut.Find(".rb-ann-value").TextContent);
    }

    [Fact]
    public void Arrays_of_objects_become_tables_with_every_key_as_a_column()
    {
        var cut = RenderPanel();

        var grid = cut.Find("table.jf-grid");
        Assert.Equal(["index", "assetId", "quantity"], grid.QuerySelector("thead > tr")!.Children.Select(th => th.TextContent));
        Assert.Equal(2, grid.QuerySelector("tbody")!.Children.Length);
    }
}
