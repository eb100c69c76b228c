using Explorer.Web.Services.Indexed;

namespace Explorer.Web.Tests.Services;

/// <summary>
/// Longname rules of counterparty-core (counterpartycore/lib/utils/assetnames.py, validate_subasset_parent_name and
/// validate_subasset_longname); the invalid vectors are those of its test_parse_subasset_from_asset_name
/// (counterparty-core's unit tests of lib/utils/assetnames.py), the valid ones its examples ("PARENT.a-zA-Z0-9.-_@!" from
/// test_expand_subasset_longname, "A95428956661682177.subasset" with allow_subassets_on_numerics) and CIP 4's
/// ("PIZZA.Dominos.Coupon!"). The explorer upper-cases the parent (asset names are upper case) and keeps the child.
/// </summary>
public sealed class SubassetLongnameTests
{
    [Theory]
    [InlineData("PARENT.child1", "PARENT.child1")]
    [InlineData("parent.child1", "PARENT.child1")]
    [InlineData("Pizza.Dominos.Coupon!", "PIZZA.Dominos.Coupon!")]
    [InlineData("PARENT.a-zA-Z0-9.-_@!", "PARENT.a-zA-Z0-9.-_@!")]
    [InlineData("A95428956661682177.subasset", "A95428956661682177.subasset")]
    [InlineData("a95428956661682177.Sub", "A95428956661682177.Sub")]
    [InlineData("BASSET.x", "BASSET.x")]
    public void Valid_longnames_keep_the_child_as_typed(string text, string expected) =>
        Assert.Equal(expected, SubassetLongname.Normalize(text));

    [Theory]
    [InlineData("BADASSET1.child1")]                    // parent asset name contains invalid character
    [InlineData("TOOLONGASSETNAME.child1")]             // parent asset name too long
    [InlineData("BAD.child1")]                          // parent asset name too short
    [InlineData("ABADPARENT.child1")]                   // parent asset name starts with 'A'
    [InlineData("BTC.child1")]                          // parent asset cannot be BTC
    [InlineData("xcp.child1")]                          // parent asset cannot be XCP (any case)
    [InlineData("PARENT.")]                             // subasset name too short
    [InlineData("PARENT.child1&")]                      // subasset name contains invalid character
    [InlineData("PARENT.child1..foo")]                  // subasset name contains consecutive periods
    [InlineData("PARENT.child.")]                       // subasset name ends with a period
    [InlineData("PARENT..child")]                       // can't start with period
    [InlineData("A123456789012345678901.subasset")]     // parent asset name too long
    [InlineData("A95428956661682176.sub")]              // numeric parent below 26^12 + 1
    [InlineData("PARENT")]                              // not a longname
    [InlineData("PARENT.child'; DROP TABLE assets; --")]
    [InlineData("PARENT.<script>")]
    [InlineData("PARENT.chïld")]
    [InlineData("")]
    [InlineData(null)]
    public void Invalid_longnames_are_refused(string? text) => Assert.Null(SubassetLongname.Normalize(text));

    [Fact]
    public void A_longname_is_at_most_250_characters()
    {
        // "PARENT." + 243 characters = 250: allowed; one more is "subasset name too long".
        Assert.NotNull(SubassetLongname.Normalize("PARENT." + new string('x', 243)));
        Assert.Null(SubassetLongname.Normalize("PARENT." + string.Concat(Enumerable.Repeat("1234567890", 24)) + "12345"));
        Assert.Null(SubassetLongname.Normalize("PARENT." + new string('x', 244)));
    }
}
