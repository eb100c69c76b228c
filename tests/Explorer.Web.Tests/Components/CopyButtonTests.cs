using Bunit;
using Explorer.Web.Components.Shared;
using Microsoft.JSInterop;

namespace Explorer.Web.Tests.Components;

/// <summary>The copy button hands the identifier to navigator.clipboard.writeText and says whether it worked.</summary>
[Trait("Category", "Unit")]
public sealed class CopyButtonTests : MudTestContext
{
    private const string Txid = "e3e26dd9602c34f9bd2203efc66e16499150fe856ee1dfc042fb5ebe840e72e4";

    [Fact]
    public void Click_copies_the_text_and_shows_it_was_copied()
    {
        JSInterop.Mode = JSRuntimeMode.Strict;
        var copy = JSInterop.SetupVoid("navigator.clipboard.writeText", Txid);
        copy.SetVoidResult();
        var cut = Render<CopyButton>(p => p.Add(c => c.Text, Txid).Add(c => c.What, "the txid"));
        Assert.Equal("Copy the txid", cut.Find(".copy-button").GetAttribute("aria-label"));

        cut.Find(".copy-button").Click();

        var call = Assert.Single(copy.Invocations);
        Assert.Equal(Txid, call.Arguments[0]);
        Assert.Equal("true", cut.Find(".copy-button").GetAttribute("data-copied"));
    }

    [Fact]
    public void A_refused_clipboard_is_reported_not_thrown()
    {
        JSInterop.Mode = JSRuntimeMode.Strict;
        JSInterop.SetupVoid("navigator.clipboard.writeText", Txid).SetException(new JSException("NotAllowedError"));
        var cut = Render<CopyButton>(p => p.Add(c => c.Text, Txid));

        cut.Find(".copy-button").Click();

        Assert.Equal("false", cut.Find(".copy-button").GetAttribute("data-copied"));
        Assert.Equal("The browser refused the clipboard", cut.Find(".copy-button").GetAttribute("title"));
    }
}
