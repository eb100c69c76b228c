using Explorer.Web.Services;
using NBitcoin;

namespace Explorer.Web.Tests.Services;

/// <summary>The decode form read with the decode contract's parsers (../shared/docs/decode-cli.md).</summary>
[Trait("Category", "Unit")]
public sealed class DecodeFormParserTests
{
    private static readonly string TxHex = TestTransactions.WithOpReturn().ToHex();

    [Fact]
    public void Whitespace_in_pasted_hex_is_ignored_and_options_are_read()
    {
        var spaced = string.Join("\n  ", TxHex.Chunk(64).Select(c => new string(c)));

        var result = DecodeFormParser.Parse(new DecodeForm { Tx = spaced, Height = "800000", Network = "test" });

        Assert.True(result.IsValid);
        Assert.Equal(TxHex, result.Request!.Tx.ToHex());
        Assert.Equal(800000, result.Request.Height);
        Assert.Equal(Network.TestNet, result.Request.Network);
    }

    [Fact]
    public void Prevouts_are_aligned_with_inputs()
    {
        var result = DecodeFormParser.Parse(new DecodeForm { Tx = TxHex, Prevouts = "\n 0=76a9:5000 \n" });

        Assert.True(result.IsValid);
        var prevout = Assert.Single(result.Request!.Prevouts);
        Assert.Equal(5000, prevout!.Value.Satoshi);
        Assert.Equal("76a9", prevout.ScriptPubKey.ToHex());
    }

    [Fact]
    public void The_same_input_twice_is_an_error()
    {
        var result = DecodeFormParser.Parse(new DecodeForm { Tx = TxHex, Prevouts = "0=00:1\n0=00:2" });

        Assert.False(result.IsValid);
        Assert.Equal("line 2: input 0 given twice", result.ErrorFor(DecodeFormParser.PrevoutsField));
    }

    [Fact]
    public void Unknown_network_is_an_error()
    {
        var result = DecodeFormParser.Parse(new DecodeForm { Tx = TxHex, Network = "signet" });

        Assert.Null(result.Request);
        Assert.Equal("network must be main, test or regtest", result.ErrorFor(DecodeFormParser.NetworkField));
    }
}
