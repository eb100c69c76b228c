using Bunit;
using Explorer.Web.Components.Layout;
using Explorer.Web.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Explorer.Web.Tests.Components;

/// <summary>The app bar's search box: raw transactions go to the decode page; other input gets an honest message.</summary>
[Trait("Category", "Unit")]
public sealed class SearchBoxTests : MudTestContext
{
    private static void Search(IRenderedComponent<SearchBox> cut, string text)
    {
        cut.Find("input").Input(text);
        cut.Find("input").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });
    }

    [Fact]
    public void A_raw_transaction_opens_the_decode_page_with_it()
    {
        var hex = TestTransactions.WithOpReturn().ToHex();
        var cut = Render<SearchBox>();

        Search(cut, hex);

        var nav = Services.GetRequiredService<NavigationManager>();
        Assert.Equal("http://localhost/decode?tx=" + hex, nav.Uri);
    }

    [Fact]
    public void A_transaction_too_long_for_a_url_is_handed_over_in_the_draft()
    {
        var hex = new string('a', 5000);
        var cut = Render<SearchBox>();

        Search(cut, hex);

        Assert.Equal("http://localhost/decode", Services.GetRequiredService<NavigationManager>().Uri);
        Assert.Equal(hex, Services.GetRequiredService<DecodeDraft>().Take());
    }

    [Theory]
    [InlineData("La1234", "La1234")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000", "0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("  115 ", "115")]
    [InlineData("' OR 1=1 --", "%27%20OR%201%3D1%20--")]
    public void Other_input_goes_to_the_search_page(string text, string escaped)
    {
        var cut = Render<SearchBox>();

        Search(cut, text);

        Assert.Equal("http://localhost/search?q=" + escaped, Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public void Overlong_input_stays_put_with_a_message()
    {
        var cut = Render<SearchBox>();

        Search(cut, new string('x', 300));

        Assert.Equal("http://localhost/", Services.GetRequiredService<NavigationManager>().Uri);
        Assert.Contains("Searches are at most 250 characters long", cut.Markup, StringComparison.Ordinal);
    }
}
