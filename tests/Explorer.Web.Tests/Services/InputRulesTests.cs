using Explorer.Web.Services.Indexed;

namespace Explorer.Web.Tests.Services;

/// <summary>The routes' input checks: "$" in a .NET pattern also matches before a final "\n", so a value with a
/// trailing newline passed them (found by a hostile-input review: /assets/openassets/{id}%0A answered 404 "not indexed").</summary>
[Trait("Category", "Unit")]
public sealed class InputRulesTests
{
    private const string Txid = "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b";

    [Fact]
    public void Well_formed_values_pass()
    {
        Assert.True(InputRules.IsTxid(Txid));
        Assert.True(InputRules.IsAssetId("AaEwMaoTUQqHcGmunnLcCPAswqPid1JCV6"));
        Assert.True(InputRules.IsEventKind("transfer"));
        Assert.True(InputRules.IsAddressText("mg7chpipsPBau6e9e2vgRnB4yvph1KCaYk"));
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData(" ")]
    public void A_trailing_line_break_or_space_is_refused(string tail)
    {
        Assert.False(InputRules.IsAssetId("AaEwMaoTUQqHcGmunnLcCPAswqPid1JCV6" + tail));
        Assert.False(InputRules.IsEventKind("transfer" + tail));
        Assert.False(InputRules.IsAddressText("mg7chpipsPBau6e9e2vgRnB4yvph1KCaYk" + tail));
    }
}
