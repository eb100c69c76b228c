using System.Text;
using Explorer.Protocols.OpenAssets;
using static Explorer.Protocols.Tests.OpenAssets.OaVectors;

namespace Explorer.Protocols.Tests.OpenAssets;

/// <summary>
/// Asset definition pointers in metadata and in P2SH redeem scripts.
/// Spec: https://github.com/OpenAssets/open-assets-protocol/blob/master/asset-definition-protocol.mediawiki
/// </summary>
[Trait("Category", "Unit")]
public class DefinitionPointerTests
{
    /// <summary>oa-p2sh-definition-pointer (openassets-ruby api_spec parse_issuance_p2sh_pointer).</summary>
    [Fact]
    public void P2shRedeemScriptPointer()
    {
        var input = Input("oa-p2sh-definition-pointer");
        var scriptSig = Hex(input.Str("script_sig_hex_valid"));
        Assert.True(RedeemScriptPointer.TryFromScriptSig(scriptSig, out var found));
        Assert.Equal(Expected("oa-p2sh-definition-pointer").Str("valid"), "u=" + found.Pointer.Url);
        Assert.Equal("u=https://goo.gl/bmVEuw", Encoding.UTF8.GetString(scriptSig.AsSpan(found.PointerRange.Offset, found.PointerRange.Length)));
        // remainder = the P2PKH script after "PUSHDATA(pointer) OP_DROP"
        Assert.Equal("76a9148911455a265235b2d356a1324af000d4dae0326288ac", Convert.ToHexStringLower(found.Remainder.Span));
        Assert.Equal(OaAssetId.FromScript(found.Remainder.Span), found.DefinitionAssetId);

        // "invalid": the redeem script starts with OP_1, not a PUSHDATA.
        Assert.False(RedeemScriptPointer.TryFromScriptSig(Hex(input.Str("script_sig_hex_invalid")), out _));
    }

    [Theory]
    [InlineData("u=https://cpr.sm/slXMkCuIPk", "https://cpr.sm/slXMkCuIPk", null)]
    [InlineData("u=https%3A%2F%2Fexample.com%2Fa%3Fb%3Dc", "https://example.com/a?b=c", null)]
    [InlineData("u=https://example.com/x&sha256=9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08",
        "https://example.com/x", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")]
    [InlineData("u=magnet:?xt=urn:btih:abc", "magnet:?xt=urn:btih:abc", null)]
    public void MetadataPointers_Parse(string text, string url, string? sha256)
    {
        Assert.True(AssetDefinitionPointer.TryParse(Encoding.UTF8.GetBytes(text), out var pointer));
        Assert.Equal(url, pointer.Url);
        Assert.Equal(sha256, pointer.Sha256 is { } h ? Convert.ToHexStringLower(h.Span) : null);
    }

    [Theory]
    [InlineData("")]
    [InlineData("u=")]
    [InlineData("https://example.com")]       // no "u=" prefix
    [InlineData("u=/etc/passwd")]            // not an absolute URL
    [InlineData("u=https://e.com/x&sha256=abcd")] // hash not 32 bytes
    [InlineData("u=https://e.com/x&y=z")]    // a raw '&' other than sha256
    public void NonPointers_DoNotParse(string text) =>
        Assert.False(AssetDefinitionPointer.TryParse(Encoding.UTF8.GetBytes(text), out _));

    [Fact]
    public void InvalidUtf8_IsNotAPointer() =>
        Assert.False(AssetDefinitionPointer.TryParse([(byte)'u', (byte)'=', 0xC3, 0x28], out _));
}
