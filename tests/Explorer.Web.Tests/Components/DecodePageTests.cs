using Bunit;
using Explorer.Web.Components.Pages.Decode;
using Explorer.Protocols.Decoding;
using Explorer.Web.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using NBitcoin;

namespace Explorer.Web.Tests.Components;

/// <summary>
/// The decode page's generic parts (protocol decoders are separate work): the form, validation messages, the
/// transaction summary, inputs/outputs and the raw transaction view.
/// </summary>
[Trait("Category", "Unit")]
public sealed class DecodePageTests : MudTestContext
{
    private IRenderedComponent<Decode> RenderPage() => Render<Decode>();

    private static void Submit(IRenderedComponent<Decode> cut, string tx, string prevouts = "", string height = "")
    {
        cut.Find(".decode-tx textarea").Change(tx);
        cut.Find(".decode-prevouts textarea").Change(prevouts);
        cut.Find(".decode-height input").Change(height);
        cut.Find(".decode-submit").Click();
    }

    [Fact]
    public void Decoding_a_hand_built_transaction_lists_its_inputs_and_outputs()
    {
        var tx = TestTransactions.WithOpReturn();
        var cut = RenderPage();

        Submit(cut, tx.ToHex());

        Assert.Equal(tx.GetHash().ToString(), cut.Find(".tx-txid").TextContent);
        var outputs = cut.FindAll(".tx-outputs tbody tr");
        Assert.Equal(3, outputs.Count);
        Assert.Equal("OP_RETURN", outputs[0].QuerySelector(".io-kind")!.TextContent);
        Assert.Equal("OP_RETURN 68656c6c6f20776f726c64", outputs[0].QuerySelector(".io-asm")!.TextContent);
        Assert.Equal("P2PKH", outputs[1].QuerySelector(".io-kind")!.TextContent);
        Assert.Equal(TestTransactions.Key.PubKey.GetAddress(ScriptPubKeyType.Legacy, Network.Main).ToString(),
            outputs[1].QuerySelector(".io-address")!.TextContent);
        Assert.Equal("0.00000600 BTC", outputs[1].QuerySelector(".sats")!.TextContent);
        Assert.Equal("P2WPKH", outputs[2].QuerySelector(".io-kind")!.TextContent);
        var inputs = cut.FindAll(".tx-inputs tbody tr");
        Assert.Single(inputs);
        Assert.Contains(new string('1', 64) + ":3", inputs[0].TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll(".decode-errors"));
    }

    [Theory]
    [InlineData("regtest", "regtest")]
    [InlineData("signet", "test")]
    [InlineData("main", "main")]
    public void The_page_starts_on_the_explorers_own_chain(string chain, string decodeNetwork)
    {
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new WebOptions { Network = chain }));
        var tx = TestTransactions.WithOpReturn();
        var cut = RenderPage();
        Submit(cut, tx.ToHex());

        var network = decodeNetwork switch { "regtest" => Network.RegTest, "test" => Network.TestNet, _ => Network.Main };
        Assert.Equal(TestTransactions.Key.PubKey.GetAddress(ScriptPubKeyType.Legacy, network).ToString(),
            cut.FindAll(".tx-outputs tbody tr")[1].QuerySelector(".io-address")!.TextContent);
        Assert.Equal(decodeNetwork, cut.Find(".tx-network").TextContent);

        // The example is a mainnet transaction, whatever the explorer's chain.
        cut.Find(".decode-example").Click();
        Assert.Equal("main", cut.Find(".tx-network").TextContent);
    }

    [Fact]
    public void Outputs_adding_up_past_64_bits_are_shown_as_such_not_a_crash()
    {
        // Two outputs of 2^62 sats and a CNTRPRTY OP_RETURN (built for a hostile-input review; outside consensus).
        const string tx = "010000000122222222222222222222222222222222222222222222222222222222222222220000000000ffffffff03"
            + "00000000000000401976a914111111111111111111111111111111111111111188ac"
            + "00000000000000401976a914111111111111111111111111111111111111111188ac"
            + "00000000000000001e6a1ce4216c5c9f4ff1c104a9f0baa300d1e69ab4f8f4e3a07f60d2444c3800000000";
        var cut = RenderPage();
        Submit(cut, tx, "0=76a914111111111111111111111111111111111111111188ac:1000");

        Assert.Contains("beyond 64 bits", cut.Find(".tx-output-total").TextContent, StringComparison.Ordinal);
        Assert.Contains("64 bits", cut.Find(".tx-fee").TextContent, StringComparison.Ordinal);
        Assert.Equal(3, cut.FindAll(".tx-outputs tbody tr").Count);
    }

    [Fact]
    public void The_raw_transaction_view_annotates_the_serialization()
    {
        var tx = TestTransactions.WithOpReturn();
        var cut = RenderPage();
        Submit(cut, tx.ToHex());

        var txLayer = cut.Find("section[data-layer='tx']");
        Assert.Equal(tx.ToHex(), string.Concat(txLayer.QuerySelectorAll(".rb-byte").Select(b => b.TextContent)));
        Assert.Contains(txLayer.QuerySelectorAll(".rb-ann-field"), f => f.TextContent == "output[0].script");
        Assert.NotNull(cut.Find("section[data-layer='output[0].script']"));
    }

    [Fact]
    public void Given_prevouts_show_input_value_and_fee()
    {
        var tx = TestTransactions.WithOpReturn();
        var prevScript = TestTransactions.Key.PubKey.GetScriptPubKey(ScriptPubKeyType.Legacy).ToHex();
        var cut = RenderPage();

        Submit(cut, tx.ToHex(), $"0={prevScript}:20000");

        Assert.Equal("0.00020000 BTC", cut.Find(".tx-inputs tbody tr .sats").TextContent);
        // fee = 20000 - (0 + 600 + 12345)
        Assert.Contains(cut.FindAll(".sats"), s => s.TextContent == "0.00007055 BTC");
    }

    [Theory]
    [InlineData("zz", "tx: \"tx\" is not hex")]
    [InlineData("", "tx: paste a raw transaction in hex")]
    [InlineData("0100", "tx: \"tx\" is not a valid transaction")]
    public void Malformed_transactions_get_a_validation_message(string input, string expected)
    {
        var cut = RenderPage();

        Submit(cut, input);

        Assert.StartsWith(expected, cut.Find(".decode-errors li").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll(".tx-outputs"));
    }

    [Theory]
    [InlineData("00")]
    [InlineData("0000000000")]
    public void Bytes_after_the_transaction_are_refused_with_the_contracts_message(string trailing)
    {
        var hex = TestTransactions.WithOpReturn().ToHex() + trailing;
        Assert.False(DecodeJson.TryParseTransaction(hex, Network.Main, out _, out var expected));
        var cut = RenderPage();

        Submit(cut, hex);

        Assert.Equal("tx: " + expected, cut.Find(".decode-errors li").TextContent);
        Assert.Empty(cut.FindAll(".tx-outputs"));
    }

    [Fact]
    public void Malformed_prevouts_and_height_get_their_own_messages()
    {
        var cut = RenderPage();

        Submit(cut, TestTransactions.WithOpReturn().ToHex(), "0=zz:5\n7=00:1\nnonsense", "-4");

        var messages = cut.FindAll(".decode-errors li").Select(li => li.TextContent).ToList();
        Assert.Contains("height: height must be a non-negative whole number", messages);
        Assert.Contains("prevouts: line 1: script is not hex", messages);
        Assert.Contains("prevouts: line 2: input index must be 0..0", messages);
        Assert.Contains("prevouts: line 3: expected N=SCRIPTHEX:SATS", messages);
    }

    [Fact]
    public void A_tx_in_the_query_string_is_decoded_on_arrival()
    {
        var tx = TestTransactions.WithOpReturn();
        var nav = Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo(nav.GetUriWithQueryParameters("/decode", new Dictionary<string, object?> { ["tx"] = tx.ToHex() }));

        var cut = RenderPage();

        Assert.Equal(tx.GetHash().ToString(), cut.Find(".tx-txid").TextContent);
    }

    [Fact]
    public void A_transaction_without_protocol_data_says_so()
    {
        var cut = RenderPage();
        Submit(cut, TestTransactions.WithOpReturn().ToHex());

        Assert.NotNull(cut.Find(".decode-no-protocol"));
    }

    [Fact]
    public void The_example_is_a_real_transaction_with_its_prevouts()
    {
        var cut = RenderPage();

        cut.Find(".decode-example").Click();

        Assert.Equal(ExampleTransactions.OpenAssetsTransfer.Txid, cut.Find(".tx-txid").TextContent);
        Assert.Equal(2, cut.FindAll(".tx-inputs tbody tr").Count);
        // fee = 600 + 889400 - (0 + 600 + 600 + 878800)
        Assert.Contains(cut.FindAll(".sats"), s => s.TextContent == "0.00010000 BTC");
    }
}
