using System.Text;
using Explorer.Indexer.OpenAssets;

namespace Explorer.Indexer.Tests.OpenAssets;

/// <summary>
/// Asset definition files against the schema of
/// https://github.com/OpenAssets/open-assets-protocol/blob/master/asset-definition-protocol.mediawiki#asset-definition-file
/// </summary>
[Trait("Category", "Unit")]
public class AssetDefinitionParserTests
{
    [Fact]
    public void FullFile_Parses()
    {
        var json = """
            {"asset_ids": ["ALn3aK1fSuG27N96UGYB1kUYUpGKRhBuBC"], "name_short": "GOLD", "name": "Gold", "contract_url": "https://e.com/c",
             "issuer": "Issuer", "description": "d", "description_mime": "text/x-markdown; charset=UTF-8", "type": "Commodity",
             "divisibility": -2, "link_to_website": true, "icon_url": "https://e.com/i.png", "image_url": "https://e.com/x.png", "version": "1.0"}
            """;
        Assert.True(AssetDefinitionParser.TryParse(Encoding.UTF8.GetBytes(json), out var d, out var error), error);
        Assert.Equal(-2, d.Divisibility);
        Assert.True(d.LinkToWebsite);
        Assert.Equal("text/x-markdown; charset=UTF-8", d.DescriptionMime);
        Assert.Equal("Commodity", d.Type);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{")]
    [InlineData("""{"name_short": "A", "name": "B"}""")]                                   // asset_ids required
    [InlineData("""{"asset_ids": "A", "name_short": "A", "name": "B"}""")]                 // not an array
    [InlineData("""{"asset_ids": [1], "name_short": "A", "name": "B"}""")]                 // not strings
    [InlineData("""{"asset_ids": [], "name": "B"}""")]                                     // name_short required
    [InlineData("""{"asset_ids": [], "name_short": "A"}""")]                               // name required
    [InlineData("""{"asset_ids": [], "name_short": "ELEVENCHARS", "name": "B"}""")]        // longer than 10
    [InlineData("""{"asset_ids": [], "name_short": "A", "name": "B", "divisibility": 1.5}""")]
    [InlineData("""{"asset_ids": [], "name_short": "A", "name": "B", "divisibility": "2"}""")]   // a string: no exception
    [InlineData("""{"asset_ids": [], "name_short": "A", "name": "B", "divisibility": [2]}""")]
    [InlineData("""{"asset_ids": [], "name_short": "A", "name": "B", "link_to_website": "yes"}""")]
    [InlineData("""{"asset_ids": [], "name_short": "A", "name": "B", "version": "2.0"}""")]
    [InlineData("""{"asset_ids": [], "name_short": "A", "name": "B", "issuer": 5}""")]
    public void InvalidFiles_AreRefused(string json)
    {
        Assert.False(AssetDefinitionParser.TryParse(Encoding.UTF8.GetBytes(json), out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }
}
