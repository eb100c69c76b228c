using System.Collections.Immutable;
using System.Text.Json;
using Explorer.Protocols.Colu;
using Explorer.Protocols.Decoding;
using NBitcoin;

namespace Explorer.Protocols.Tests.Colu;

/// <summary>
/// A CC payload that does not decode, as Colu's own indexers handle it (docs/colu.md, "Colored outputs spent without a
/// CC payload"). Colored-Coins/Full-Node src/block_parser.js (commit b3482f9) getColoredData wraps
/// "CCTransaction.fromHex(hex).toJson()" in a try/catch ("Invalid CC transaction."), tries the outputs in order with
/// "transaction.vout.some(...)" and stops at the first payload that decodes; parseTransaction marks every colored input
/// used, then "if (!coloredData) return cb()" colors no output. Colored-Coins/Parser scanner.js parse_cc_tx colors
/// only "if (transaction_data.iosparsed &amp;&amp; transaction_data.ccdata &amp;&amp; transaction_data.ccdata.length)".
/// So the input units are lost, and a later CC payload that decodes is the one that counts.
/// </summary>
[Trait("Category", "Unit")]
public class ColuUndecodablePayloadTests
{
    // A transfer (opcode 0x15) whose payment byte "01" has no amount: Truncated for us, and one of the payloads the
    // reference turns into garbage (ColuDifferences.ReadsPastEnd), never one Colu's encoder makes.
    private const string CutTransfer = "4343021501";

    // Transfer 0x15 with payment "0105": 5 units from input 0 to output 1 (vector cc-transfer-0x15's layout).
    private const string PayFiveToOutput1 = "434302150105";

    [Fact]
    public void Undecodable_payload_colors_no_output_and_every_input_unit_is_destroyed()
    {
        var tx = Transaction(CutTransfer, null);
        var line = JsonSerializer.Serialize(new
        {
            tx = tx.ToHex(),
            inputAssets = new object[]
            {
                new object[]
                {
                    new { protocol = "colu", assetId = "La-x", quantity = 8, aggregationPolicy = "aggregatable" },
                    new { protocol = "openassets", assetId = "A-o", quantity = 4 },
                },
                new object[] { new { protocol = "colu", assetId = "La-y", quantity = 3, aggregationPolicy = "dispersed" } },
            },
        });

        var colu = DecodeJson.DecodeLine(line).Colu!;

        Assert.False(colu.Valid);
        Assert.Contains("Truncated", colu.Error, StringComparison.Ordinal);
        Assert.Equal((2, 0x15, "transfer", 0), (colu.Version, colu.Opcode, colu.Kind, colu.OpReturnOutput));
        // Full-Node "if (!coloredData) return cb()": getAssetsOutputs never runs, so no output receives anything.
        Assert.All(colu.Outputs, o => Assert.Empty(o.Assets));
        Assert.Equal(tx.Outputs.Count, colu.Outputs.Length);
        Assert.False(colu.Overflow);
        Assert.Empty(colu.Burned);
        // The Colu units of both inputs, in input order; the Open Assets entry is not Colu's.
        Assert.Equal([("La-x", 8UL), ("La-y", 3UL)], colu.Destroyed.Select(a => (a.AssetId!, a.Amount)));
    }

    [Theory]
    // Bad payload at output 0, good one at output 2: Full-Node's vout.some(...) goes on past the throw to output 2.
    [InlineData(CutTransfer, PayFiveToOutput1, 2)]
    // Good payload first: some(...) stops there and never looks at the second.
    [InlineData(PayFiveToOutput1, CutTransfer, 0)]
    public void The_first_CC_payload_that_decodes_is_the_one_that_colors(string first, string second, int used)
    {
        var tx = Transaction(first, second);
        var request = new DecodeRequest(tx, [], [[new InputAsset("colu", "La-x", 8, AggregationPolicy: "aggregatable")]], null, Network.Main, DecodeRequest.DefaultXcpPrefix);

        var colu = ColuAnswerBuilder.Build(request)!;

        Assert.True(colu.Valid, colu.Error);
        Assert.Equal(used, colu.OpReturnOutput);
        Assert.Equal($"output[{used}].script", colu.Raw.Layers[0].Name);
        // 5 units to output 1, the other 3 to the last output (cc-get-assets-outputs: leftovers to vout.length - 1).
        Assert.Equal([0UL, 5UL, 0UL, 3UL], colu.Outputs.Select(o => o.Assets.Aggregate(0UL, (s, a) => s + a.Amount)));
        Assert.Empty(colu.Destroyed);
    }

    [Fact]
    public void When_no_CC_payload_decodes_the_first_one_is_reported_and_nothing_is_colored()
    {
        // The second payload has version 3: UnsupportedVersion for us (ColuDifferences.VersionNotOneOrTwo).
        var tx = Transaction(CutTransfer, "434303150105");
        var request = new DecodeRequest(tx, [], [[new InputAsset("colu", "La-x", 8)]], null, Network.Main, DecodeRequest.DefaultXcpPrefix);

        var colu = ColuAnswerBuilder.Build(request)!;

        Assert.False(colu.Valid);
        Assert.Equal(0, colu.OpReturnOutput);
        Assert.Contains("Truncated", colu.Error, StringComparison.Ordinal);
        Assert.All(colu.Outputs, o => Assert.Empty(o.Assets));
        Assert.Equal(8UL, Assert.Single(colu.Destroyed).Amount);
    }

    [Fact]
    public void A_transaction_without_any_CC_payload_has_no_colu_answer()
    {
        // The payload-less case the indexer records as "destroyed" (BlockColorer.ApplyColu with no colu answer).
        var tx = Transaction(null, null);
        Assert.Null(ColuAnswerBuilder.Build(new DecodeRequest(tx, [], [[new InputAsset("colu", "La-x", 8)]], null, Network.Main, DecodeRequest.DefaultXcpPrefix)));
    }

    /// <summary>Outputs: [OP_RETURN first or P2PKH, P2PKH, OP_RETURN second or P2PKH, P2PKH]; inputs: two.</summary>
    private static Transaction Transaction(string? first, string? second)
    {
        var tx = Network.Main.CreateTransaction();
        tx.Inputs.Add(new TxIn(new OutPoint(uint256.One, 0)));
        tx.Inputs.Add(new TxIn(new OutPoint(uint256.One, 1)));
        tx.Outputs.Add(new TxOut(first is null ? Money.Satoshis(600) : Money.Zero, first is null ? P2pkh(0) : OpReturn(first)));
        tx.Outputs.Add(new TxOut(Money.Satoshis(600), P2pkh(1)));
        tx.Outputs.Add(new TxOut(second is null ? Money.Satoshis(600) : Money.Zero, second is null ? P2pkh(2) : OpReturn(second)));
        tx.Outputs.Add(new TxOut(Money.Satoshis(600), P2pkh(3)));
        return tx;
    }

    private static Script OpReturn(string hex) => new(OpcodeType.OP_RETURN, Op.GetPushOp(Convert.FromHexString(hex)));

    private static Script P2pkh(byte fill) => PayToPubkeyHashTemplate.Instance.GenerateScriptPubKey(new KeyId(Enumerable.Repeat(fill, 20).ToArray()));
}
