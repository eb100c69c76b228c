using Bunit;
using Explorer.Web.Components.Pages.Indexed;
using Explorer.Web.Components.Shared;
using Explorer.Web.Services.Indexed;

namespace Explorer.Web.Tests.Components;

/// <summary>Base-unit amounts read in the asset's units (Colu divisibility, Counterparty's 8 for divisible assets).</summary>
[Trait("Category", "Unit")]
public sealed class UnitsHintTests : MudTestContext
{
    [Theory]
    [InlineData(9180062, 3, "9,180.062")]
    [InlineData(46450071, 8, "0.46450071")]
    [InlineData(100, 2, "1.00")]
    [InlineData(18446744073709551615, 8, "184,467,440,737.09551615")] // ulong.MaxValue: nothing rounded
    [InlineData(1, 18, "0.000000000000000001")]
    public void Every_decimal_place_is_shown(ulong value, int divisibility, string expected)
    {
        Assert.Equal(expected, UnitsHint.Format(value, divisibility));
        var cut = Render<UnitsHint>(p => p.Add(c => c.Value, value).Add(c => c.Divisibility, divisibility));
        Assert.Equal("= " + expected, cut.Find(".units").TextContent.Trim());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(19)]
    public void Nothing_is_added_for_whole_units_or_an_unknown_divisibility(int divisibility)
    {
        var cut = Render<UnitsHint>(p => p.Add(c => c.Value, 5m).Add(c => c.Divisibility, divisibility));
        Assert.Empty(cut.FindAll(".units"));
    }

    [Fact]
    public void Tables_keep_base_units_in_quantity_and_add_the_units_beside_them()
    {
        // A Colu output row carries its asset's divisibility; an Open Assets one states none (-1).
        ColoredOutputLine Line(string protocol, ulong quantity, short divisibility) =>
            new(protocol, "La1", new string('a', 64), 0, 0, quantity, "", 600, 1, "", 0, 0, divisibility);
        var lines = Render<ColoredLinesTable>(p => p.Add(c => c.Title, "Colored outputs").Add(c => c.Empty, "none")
            .Add(c => c.Lines, [Line("colu", 9180062, 3), Line("openassets", 20, -1)]));
        var rows = lines.FindAll("tr.colored-line");
        Assert.Equal("9180062", rows[0].QuerySelector(".quantity")!.TextContent);
        Assert.Equal("= 9,180.062", rows[0].QuerySelector(".units")!.TextContent.Trim());
        Assert.Null(rows[1].QuerySelector(".units"));

        // An asset page's events: one asset, its divisibility given to the table.
        var events = Render<EventsTable>(p => p.Add(c => c.Divisibility, 8)
            .Add(c => c.Items, [new AssetEventLine("counterparty", "A1", 5, new string('b', 64), "send", 0, 46450071, "", -1)]));
        Assert.Equal("46450071", events.Find(".event-row .quantity").TextContent);
        Assert.Equal("= 0.46450071", events.Find(".event-row .units").TextContent.Trim());
    }
}
