using Bunit;
using Explorer.Web.Components.Pages.Indexed;
using Explorer.Web.Services.Indexed;
using Explorer.Web.Tests.Components;

namespace Explorer.Web.Tests.Counterparty;

/// <summary>bUnit: the Counterparty ledger components render the ledger's values, encode chain text, and say what is not computed.</summary>
[Trait("Category", "Unit")]
public sealed class CounterpartyLedgerComponentsTests : MudTestContext
{
    [Fact]
    public void Asset_ledger_shows_state_and_encodes_the_description()
    {
        var state = new XcpAssetState("A95428957660983173", "PARENT.child1", "mtQheFaSfWELRB2MyMBaiWjdDm6ux9Ezns", 1, 1, 0,
            "<script>alert(1)</script>", 100000000, new string('c', 64), 1234);
        var cut = Render<CounterpartyAssetLedger>(p => p.Add(c => c.State, state));
        Assert.Equal("PARENT.child1", cut.Find(".xcp-longname").TextContent);
        Assert.Equal("100000000", cut.Find(".xcp-supply").TextContent);
        Assert.Equal("yes", cut.Find(".xcp-locked").TextContent);
        Assert.Equal("<script>alert(1)</script>", cut.Find(".xcp-description").TextContent);
        Assert.Empty(cut.FindAll(".xcp-description script"));
        Assert.Contains("not computed", cut.Find(".xcp-ledger-notice").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Asset_ledger_without_a_valid_issuance_says_so()
    {
        var cut = Render<CounterpartyAssetLedger>();
        Assert.Contains("No valid issuance", cut.Find(".xcp-no-state").TextContent, StringComparison.Ordinal);
        // XCP is never issued: the page says where it comes from instead.
        var xcp = Render<CounterpartyAssetLedger>(p => p.Add(c => c.Asset, "XCP"));
        Assert.Contains("created by burns", xcp.Find(".xcp-no-state").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Address_ledger_signs_credits_and_debits_and_hides_when_empty()
    {
        var lines = new List<XcpLedgerLine>
        {
            new(5, new string('a', 64), "credit", "XCP", 92999768120, "burn"),
            new(5, new string('b', 64), "debit", "XCP", 50000000, "issuance fee"),
            new(6, new string('c', 64), "debit", "XCP", 0, "issuance fee"), // a fee of nothing: "0", not "-0"
        };
        var cut = Render<CounterpartyAddressLedger>(p => p.Add(c => c.Lines, lines));
        var quantities = cut.FindAll(".xcp-ledger-row .quantity").Select(e => e.TextContent).ToList();
        Assert.Equal(["+92999768120", "-50000000", "0"], quantities);
        Assert.Equal("debit", cut.FindAll(".xcp-ledger-row")[1].GetAttribute("data-direction"));
        Assert.Empty(Render<CounterpartyAddressLedger>().FindAll(".xcp-address-ledger"));
    }

    [Theory]
    [InlineData("valid", "valid", null)]
    [InlineData("invalid: insufficient funds", "invalid", "insufficient funds")]
    [InlineData("not computed: bet ledger effects are not computed by this explorer", "not computed", "bet ledger effects are not computed by this explorer")]
    public void Ledger_status_row_splits_verdict_and_reason(string status, string verdict, string? reason)
    {
        var cut = Render<CounterpartyLedgerStatus>(p => p.Add(c => c.Status, status));
        Assert.Equal(verdict, cut.Find(".xcp-ledger-status").GetAttribute("data-verdict"));
        if (reason is null) Assert.Empty(cut.FindAll(".xcp-ledger-reason"));
        else Assert.Equal(reason, cut.Find(".xcp-ledger-reason").TextContent);
        Assert.Empty(Render<CounterpartyLedgerStatus>().FindAll("tr"));
    }
}
