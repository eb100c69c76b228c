using System.Text.Json;
using Explorer.Protocols.Decoding;
using NBitcoin;

namespace Explorer.Protocols.Tests.Decoding;

/// <summary>The request/answer envelope of ../shared/docs/decode-cli.md (the protocol keys are tested per protocol).</summary>
[Trait("Category", "Unit")]
public class DecodeJsonTests
{
    private static string PlainTxHex()
    {
        var tx = Network.Main.CreateTransaction();
        tx.Inputs.Add(new OutPoint(uint256.One, 0));
        tx.Outputs.Add(Money.Satoshis(600), new Key(new byte[32].Select((_, i) => (byte)(i + 1)).ToArray()).PubKey.Hash.ScriptPubKey);
        return tx.ToHex();
    }

    [Fact]
    public void Plain_transaction_has_every_protocol_key_null()
    {
        var hex = PlainTxHex();
        var json = DecodeJson.Serialize(DecodeJson.DecodeLine($$"""{"tx":"{{hex}}"}"""));
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal(Transaction.Parse(hex, Network.Main).GetHash().ToString(), root.GetProperty("txid").GetString());
        foreach (var key in new[] { "openAssets", "colu", "counterparty" })
            Assert.Equal(JsonValueKind.Null, root.GetProperty(key).ValueKind);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[1,2]", "JSON object")]
    [InlineData("{}", "missing \"tx\"")]
    [InlineData("{\"tx\":\"abc\"}", "not hex")]
    [InlineData("{\"tx\":\"00\"}", "not a valid transaction")]
    [InlineData("{\"tx\":\"TX\",\"network\":\"moon\"}", "\"network\"")]
    [InlineData("{\"tx\":\"TX\",\"height\":-1}", "\"height\"")]
    [InlineData("{\"tx\":\"TX\",\"prevouts\":[{\"script\":\"zz\",\"value\":1}]}", "prevouts[0]")]
    [InlineData("{\"tx\":\"TX\",\"prevouts\":[{\"script\":\"51\",\"value\":-5}]}", "prevouts[0]")]
    [InlineData("{\"tx\":\"TX\",\"inputAssets\":[[{\"protocol\":\"openassets\",\"assetId\":\"A\",\"quantity\":-1}]]}", "inputAssets[0][0]")]
    [InlineData("{\"tx\":\"TX\",\"xcpPrefix\":\"\"}", "xcpPrefix")]
    // Numbers given as strings, objects or arrays (JsonElement.TryGetInt32 throws on those).
    [InlineData("{\"tx\":\"TX\",\"height\":\"5\"}", "\"height\"")]
    [InlineData("{\"tx\":\"TX\",\"height\":[5]}", "\"height\"")]
    [InlineData("{\"tx\":\"TX\",\"prevouts\":[{\"script\":\"51\",\"value\":\"1\"}]}", "prevouts[0]")]
    [InlineData("{\"tx\":\"TX\",\"revealFunding\":{\"txid\":\"0000000000000000000000000000000000000000000000000000000000000001\",\"n\":\"1\",\"script\":\"51\",\"value\":1}}", "revealFunding")]
    [InlineData("{\"tx\":\"TX\",\"revealFunding\":{\"txid\":\"0000000000000000000000000000000000000000000000000000000000000001\",\"n\":1,\"script\":\"51\",\"value\":{}}}", "revealFunding")]
    public void Malformed_requests_give_an_error_line_not_an_exception(string line, string expected)
    {
        var answer = DecodeJson.DecodeLine(line.Replace("TX", PlainTxHex(), StringComparison.Ordinal));
        Assert.NotNull(answer.Error);
        Assert.Contains(expected, answer.Error, StringComparison.Ordinal);
        var json = DecodeJson.Serialize(answer);
        Assert.Contains("\"error\":", json, StringComparison.Ordinal);
    }

    [Fact]
    public void An_input_assets_divisibility_of_the_wrong_type_is_left_out_as_an_out_of_range_one_is()
    {
        var line = $$"""{"tx":"{{PlainTxHex()}}","inputAssets":[[{"protocol":"colu","assetId":"La1","quantity":1,"divisibility":"x"}]]}""";
        Assert.True(DecodeJson.TryParseRequest(line, out var request, out var error), error);
        Assert.Null(Assert.Single(request.InputAssets[0]).Divisibility);
    }

    [Fact]
    public void Outputs_adding_up_past_64_bits_give_a_counterparty_overflow_error_not_an_exception()
    {
        // Built for this test (a hostile-input review): two outputs of 2^62 sats each and a CNTRPRTY OP_RETURN after
        // them; consensus refuses such a transaction (CheckTransaction, "bad-txns-txouttotal-toolarge"), the decoder
        // must still answer.
        const string tx = "010000000122222222222222222222222222222222222222222222222222222222222222220000000000ffffffff03"
            + "00000000000000401976a914111111111111111111111111111111111111111188ac"
            + "00000000000000401976a914111111111111111111111111111111111111111188ac"
            + "00000000000000001e6a1ce4216c5c9f4ff1c104a9f0baa300d1e69ab4f8f4e3a07f60d2444c3800000000";
        var answer = DecodeJson.DecodeLine($$"""{"tx":"{{tx}}","height":900000}""");
        Assert.Null(answer.Error);
        Assert.NotNull(answer.Counterparty);
        Assert.False(answer.Counterparty.Valid);
        Assert.Contains("64 bits", answer.Counterparty.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Trailing_bytes_after_the_transaction_are_refused()
    {
        var answer = DecodeJson.DecodeLine($$"""{"tx":"{{PlainTxHex()}}00"}""");
        Assert.Contains("trailing", answer.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Request_fields_are_carried_to_the_decoders()
    {
        var hex = PlainTxHex();
        var line = $$"""
            {"tx":"{{hex}}","prevouts":[{"script":"76a914000000000000000000000000000000000000000088ac","value":600}],
             "inputAssets":[[{"protocol":"colu","assetId":"La1","quantity":100,"issueTxid":"ab","divisibility":2,"lockStatus":true,"aggregationPolicy":"aggregatable"}]],
             "height":400000,"network":"test","xcpPrefix":"TESTXXXX"}
            """.ReplaceLineEndings(" ");
        Assert.True(DecodeJson.TryParseRequest(line, out var request, out var error), error);
        Assert.Equal(600, request.PrevoutOf(0)!.Value.Satoshi);
        Assert.Null(request.PrevoutOf(1));
        var asset = Assert.Single(request.AssetsOf(0));
        Assert.Equal(new InputAsset("colu", "La1", 100, "ab", 2, true, "aggregatable"), asset);
        Assert.Empty(request.AssetsOf(5));
        Assert.Equal(400000, request.Height);
        Assert.Equal(Network.TestNet, request.Network);
        Assert.Equal("TESTXXXX", request.XcpPrefix);
    }
}
