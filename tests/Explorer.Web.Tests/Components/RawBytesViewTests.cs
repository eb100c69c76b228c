using AngleSharp.Dom;
using Bunit;
using Explorer.Protocols.Common;
using Explorer.Web.Components.Shared;

namespace Explorer.Web.Tests.Components;

/// <summary>The raw-versus-decoded view: highlighting both ways, and chain text rendered encoded.</summary>
[Trait("Category", "Unit")]
public sealed class RawBytesViewTests : BunitContext
{
    // Layer "payload" = 4f 41 01 00 02 e8 07 98 a5 e2 04 00 (an Open Assets marker payload, as in the spec's example
    // https://github.com/OpenAssets/open-assets-protocol/blob/master/specification.mediawiki#example).
    private static readonly RawView Marker = new(
        [new ByteLayer("payload", "4f41010002e80798a5e20400", "OP_RETURN 4f41010002e80798a5e20400"),
         new ByteLayer("other", "aabb")],
        [
            new Annotation("tag", "OA", "payload", 0, 2),
            new Annotation("version", "1", "payload", 2, 2),
            new Annotation("count", "2", "payload", 4, 1),
            new Annotation("quantity[0]", "1000", "payload", 5, 2),
            new Annotation("quantity[1]", "9000000", "payload", 7, 4),
            new Annotation("metadata length", "0", "payload", 11, 1),
            new Annotation("quantities", "1000, 9000000", "payload", 4, 7),
            new Annotation("x", "y", "other", 1, 1),
        ]);

    private IRenderedComponent<RawBytesView> RenderMarker() =>
        Render<RawBytesView>(p => p.Add(c => c.View, Marker));

    private static IElement[] Bytes(IRenderedComponent<RawBytesView> cut, string layer) =>
        cut.FindAll($"section[data-layer='{layer}'] .rb-byte").ToArray();

    private static int[] HighlightedOffsets(IRenderedComponent<RawBytesView> cut, string layer) =>
        Bytes(cut, layer).Where(b => b.ClassList.Contains("rb-hl"))
            .Select(b => int.Parse(b.GetAttribute("data-offset")!)).ToArray();

    private static int[] ActiveAnnotations(IRenderedComponent<RawBytesView> cut) =>
        cut.FindAll("li.rb-ann.rb-ann-active").Select(li => int.Parse(li.GetAttribute("data-ann")!)).Order().ToArray();

    [Fact]
    public void Renders_every_byte_of_every_layer_as_hex_with_its_offset()
    {
        var cut = RenderMarker();

        var bytes = Bytes(cut, "payload");
        Assert.Equal(12, bytes.Length);
        Assert.Equal("4f41010002e80798a5e20400", string.Concat(bytes.Select(b => b.TextContent)));
        Assert.Equal(Enumerable.Range(0, 12), bytes.Select(b => int.Parse(b.GetAttribute("data-offset")!)));
        Assert.Equal("OP_RETURN 4f41010002e80798a5e20400", cut.Find("section[data-layer='payload'] .rb-asm").TextContent);
        Assert.Equal(2, Bytes(cut, "other").Length);
        Assert.Empty(HighlightedOffsets(cut, "payload"));
    }

    [Fact]
    public void Hovering_an_annotation_highlights_exactly_its_bytes_and_leaving_clears_them()
    {
        var cut = RenderMarker();

        cut.Find("li[data-ann='4']").MouseEnter();   // quantity[1]: offsets 7..10
        Assert.Equal([7, 8, 9, 10], HighlightedOffsets(cut, "payload"));
        Assert.Equal([4], ActiveAnnotations(cut));
        Assert.Empty(HighlightedOffsets(cut, "other"));

        cut.Find("li[data-ann='4']").MouseLeave();
        Assert.Empty(HighlightedOffsets(cut, "payload"));
    }

    [Fact]
    public void Selecting_an_annotation_keeps_its_bytes_highlighted_until_clicked_again()
    {
        var cut = RenderMarker();

        cut.Find("li[data-ann='0']").Click();
        cut.Find("li[data-ann='0']").MouseLeave();
        Assert.Equal([0, 1], HighlightedOffsets(cut, "payload"));
        Assert.Contains("rb-ann-selected", cut.Find("li[data-ann='0']").ClassName);

        cut.Find("li[data-ann='0']").Click();
        Assert.Empty(HighlightedOffsets(cut, "payload"));
    }

    [Fact]
    public void Clicking_a_byte_highlights_every_annotation_covering_it_and_their_bytes()
    {
        var cut = RenderMarker();

        Bytes(cut, "payload")[5].Click();   // inside quantity[0] (5..6) and quantities (4..10)

        Assert.Equal([3, 6], ActiveAnnotations(cut));
        Assert.Equal([4, 5, 6, 7, 8, 9, 10], HighlightedOffsets(cut, "payload"));
        Assert.Contains("rb-focus", Bytes(cut, "payload")[5].ClassName);
        Assert.DoesNotContain("rb-ann-active", cut.Find("li[data-ann='7']").ClassName);
    }

    [Fact]
    public void Hovering_a_byte_highlights_its_annotation_and_leaving_clears_it()
    {
        var cut = RenderMarker();

        Bytes(cut, "payload")[11].MouseEnter();
        Assert.Equal([5], ActiveAnnotations(cut));
        Assert.Equal([11], HighlightedOffsets(cut, "payload"));

        Bytes(cut, "payload")[11].MouseLeave();
        Assert.Empty(ActiveAnnotations(cut));
    }

    [Fact]
    public void Bytes_of_another_layer_with_the_same_offsets_are_not_highlighted()
    {
        var cut = RenderMarker();

        Bytes(cut, "other")[1].Click();

        Assert.Equal([7], ActiveAnnotations(cut));
        Assert.Equal([1], HighlightedOffsets(cut, "other"));
        Assert.Empty(HighlightedOffsets(cut, "payload"));
    }

    [Fact]
    public void Hostile_chain_text_is_rendered_encoded_never_as_markup()
    {
        const string Hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>";
        var view = new RawView(
            [new ByteLayer("<b>layer</b>", "00", "<i>asm</i>")],
            [new Annotation("<u>field</u>", Hostile, "<b>layer</b>", 0, 1),
             new Annotation("orphan", Hostile, "missing-layer", 0, 1)]);

        var cut = Render<RawBytesView>(p => p.Add(c => c.View, view));

        Assert.Empty(cut.FindAll("script"));
        Assert.Empty(cut.FindAll("img"));
        Assert.Empty(cut.FindAll("b, i, u"));
        Assert.Equal(Hostile, cut.Find("li[data-ann='0'] .rb-ann-value").TextContent);
        Assert.Equal(Hostile, cut.Find("li[data-ann='1'] .rb-ann-value").TextContent);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("&lt;i&gt;asm&lt;/i&gt;", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Annotations_outside_their_layer_are_clipped_and_flagged()
    {
        var view = new RawView([new ByteLayer("l", "0102")], [new Annotation("too long", "v", "l", 1, 5)]);
        var cut = Render<RawBytesView>(p => p.Add(c => c.View, view));

        cut.Find("li[data-ann='0']").MouseEnter();

        Assert.Equal([1], HighlightedOffsets(cut, "l"));
        Assert.Contains("out of range", cut.Find("li[data-ann='0'] .rb-ann-range").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Ranges_read_forwards_and_an_empty_field_is_shown_as_a_place()
    {
        var view = new RawView([new ByteLayer("l", "01020304")],
            [new Annotation("two", "v", "l", 1, 2), new Annotation("one", "v", "l", 3, 1), new Annotation("empty", "", "l", 2, 0)]);
        var cut = Render<RawBytesView>(p => p.Add(c => c.View, view));

        Assert.Equal("@1–2", cut.Find("li[data-ann='0'] .rb-ann-range").TextContent.Trim());
        Assert.Equal("@3", cut.Find("li[data-ann='1'] .rb-ann-range").TextContent.Trim());
        Assert.Equal("@2 (0 bytes)", cut.Find("li[data-ann='2'] .rb-ann-range").TextContent.Trim());
    }

    [Fact]
    public void Row_offsets_are_decimal_as_the_annotation_ranges_so_a_range_is_found_by_its_row()
    {
        var view = new RawView([new ByteLayer("tx", string.Concat(Enumerable.Repeat("ab", 250)))], [new Annotation("script", "v", "tx", 196, 44)]);
        var cut = Render<RawBytesView>(p => p.Add(c => c.View, view));

        var rows = cut.FindAll("section[data-layer='tx'] .rb-row").ToList();
        Assert.Equal(["0000", "0016", "0032"], rows.Take(3).Select(r => r.QuerySelector(".rb-off")!.TextContent));
        Assert.Equal("@196–239", cut.Find("li[data-ann='0'] .rb-ann-range").TextContent.Trim());
        // Byte 196 is in the row labelled 0192 (not "00c0", the hex label that sat next to a decimal range).
        var row = rows.Single(r => r.QuerySelectorAll(".rb-byte").Any(b => b.GetAttribute("data-offset") == "196"));
        Assert.Equal("0192", row.QuerySelector(".rb-off")!.TextContent);
    }

    [Fact]
    public void Malformed_layer_hex_shows_a_message_instead_of_failing()
    {
        var view = new RawView([new ByteLayer("bad", "zz1")], []);
        var cut = Render<RawBytesView>(p => p.Add(c => c.View, view));

        Assert.Equal("this layer's hex is malformed", cut.Find(".rb-problem").TextContent);
        Assert.Empty(Bytes(cut, "bad"));
    }

    [Fact]
    public void Long_layers_are_cut_and_can_be_shown_whole()
    {
        var view = new RawView([new ByteLayer("big", new string('a', 2 * 100))], [new Annotation("last", "v", "big", 99, 1)]);
        var cut = Render<RawBytesView>(p => p.Add(c => c.View, view).Add(c => c.MaxBytesShown, 32));

        Assert.Equal(32, Bytes(cut, "big").Length);
        cut.Find("button.rb-more").Click();
        Assert.Equal(100, Bytes(cut, "big").Length);
        cut.Find("li[data-ann='0']").MouseEnter();
        Assert.Equal([99], HighlightedOffsets(cut, "big"));
    }

    [Fact]
    public void An_empty_view_says_so()
    {
        var cut = Render<RawBytesView>(p => p.Add(c => c.View, RawView.Empty));
        Assert.Equal("No raw bytes to show.", cut.Find(".rb-empty").TextContent);
        Assert.Empty(cut.FindAll(".rb-layer"));
    }
}
