using Explorer.Protocols.Decoding;
using Explorer.Web.Services;

namespace Explorer.Web.Tests.Services;

/// <summary>Reading decode answers (../shared/docs/decode-cli.md) into per-protocol panels.</summary>
[Trait("Category", "Unit")]
public sealed class AnswerPanelsTests
{
    [Fact]
    public void Null_protocol_keys_give_no_panel()
    {
        var answer = TransactionDecoder.Decode(DecodeRequest.For(TestTransactions.WithOpReturn()));

        Assert.Empty(AnswerPanels.From(answer));
    }

    [Fact]
    public void Each_object_key_is_a_panel_in_answer_order_with_known_titles()
    {
        const string Json = """{"txid":"ab","openAssets":{"valid":true},"colu":{"valid":false,"error":"e"},"counterparty":null,"newProtocol":{"x":1}}""";

        var panels = AnswerPanels.FromJson(Json);

        Assert.Equal(["openAssets", "colu", "newProtocol"], panels.Select(p => p.Key));
        Assert.Equal(["Open Assets", "Colu Colored Coins", "newProtocol"], panels.Select(p => p.Title));
        Assert.True(panels[0].Valid);
        Assert.False(panels[1].Valid);
        Assert.Equal("e", panels[1].Error);
        Assert.Null(panels[2].Valid);
    }

    [Fact]
    public void The_raw_key_becomes_a_raw_view_and_not_a_field()
    {
        const string Json = """
            {"openAssets":{"version":1,"raw":{"layers":[{"name":"output[0].script","hex":"6a02abcd","asm":"OP_RETURN abcd"}],
             "annotations":[{"field":"tag","value":"ab","layer":"output[0].script","offset":2,"length":1}]}}}
            """;

        var panel = Assert.Single(AnswerPanels.FromJson(Json));

        Assert.Equal(["version"], panel.Fields.Select(f => f.Key));
        Assert.NotNull(panel.Raw);
        var layer = Assert.Single(panel.Raw.Layers);
        Assert.Equal(("output[0].script", "6a02abcd", "OP_RETURN abcd"), (layer.Name, layer.Hex, layer.Asm));
        var annotation = Assert.Single(panel.Raw.Annotations);
        Assert.Equal(("tag", "ab", 2, 1), (annotation.Field, annotation.Value, annotation.Offset, annotation.Length));
    }

    [Fact]
    public void An_unreadable_raw_key_is_reported_not_thrown()
    {
        const string Json = """{"colu":{"raw":{"layers":"nope"}}}""";

        var panel = Assert.Single(AnswerPanels.FromJson(Json));

        Assert.Null(panel.Raw);
        Assert.StartsWith("raw view unreadable", panel.RawProblem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_raw_view_without_annotations_has_an_empty_list()
    {
        var panel = Assert.Single(AnswerPanels.FromJson("""{"colu":{"raw":{"layers":[{"name":"a","hex":"00"}]}}}"""));

        Assert.NotNull(panel.Raw);
        Assert.Empty(panel.Raw.Annotations);
        Assert.Single(panel.Raw.Layers);
    }
}
