using Explorer.Web.Services;

namespace Explorer.Web.Tests.Services;

/// <summary>Opcode-by-opcode annotation of scripts. Encoding: https://en.bitcoin.it/wiki/Script#Constants</summary>
[Trait("Category", "Unit")]
public sealed class ScriptLayoutTests
{
    [Fact]
    public void Opcodes_and_direct_pushes_cover_their_bytes()
    {
        // OP_DUP OP_HASH160 <20 bytes> OP_EQUALVERIFY OP_CHECKSIG
        var script = Convert.FromHexString("76a914" + new string('0', 40) + "88ac");

        var annotations = ScriptLayout.Annotate(script, "s");

        Assert.Equal([(0, 1), (1, 1), (2, 21), (23, 1), (24, 1)], annotations.Select(a => (a.Offset, a.Length)));
        Assert.Equal("OP_DUP", annotations[0].Value);
        Assert.StartsWith("push 20 bytes: 0000", annotations[2].Value, StringComparison.Ordinal);
        Assert.Equal("OP_CHECKSIG", annotations[4].Value);
    }

    [Fact]
    public void Pushdata1_and_pushdata2_include_their_length_prefix()
    {
        var script = Convert.FromHexString("6a4c03aabbcc4d0200ddee");

        var annotations = ScriptLayout.Annotate(script, "s");

        Assert.Equal([(0, 1), (1, 5), (6, 5)], annotations.Select(a => (a.Offset, a.Length)));
        Assert.Equal("push 3 bytes: aabbcc", annotations[1].Value);
        Assert.Equal("push 2 bytes: ddee", annotations[2].Value);
    }

    [Theory]
    [InlineData("6a05aabb", 1)]       // direct push of 5 with 2 bytes left
    [InlineData("6a4c", 1)]           // PUSHDATA1 without its length byte
    [InlineData("4effffffff00", 0)]   // PUSHDATA4 claiming 4 GiB
    public void Truncated_pushes_are_annotated_to_the_end_without_throwing(string hex, int truncatedAt)
    {
        var script = Convert.FromHexString(hex);

        var annotations = ScriptLayout.Annotate(script, "s");

        var last = annotations[^1];
        Assert.Equal("truncated push", last.Value);
        Assert.Equal(truncatedAt, last.Offset);
        Assert.Equal(script.Length, last.Offset + last.Length);
    }
}
