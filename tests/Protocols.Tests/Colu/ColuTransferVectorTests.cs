using System.Collections.Immutable;
using System.Text.Json;
using Explorer.Protocols.Colu;

namespace Explorer.Protocols.Tests.Colu;

/// <summary>
/// Coloring vectors of ../shared/vectors/colu.json (copied to data/colu/colu.json), from the tests of
/// cc-get-assets-outputs (inbitcoin/cc-get-assets-outputs@cad3801 test/test.js, index.js identical to Colu v1.2.1).
/// Spec: https://github.com/Colored-Coins/Colored-Coins-Protocol-Specification/wiki/Coloring-Scheme
/// </summary>
[Trait("Category", "Unit")]
public class ColuTransferVectorTests
{
    private static readonly ColuAsset Issued = new("U-issued", 25, "tx", 0, false, ColuAggregationPolicy.Dispersed);

    [Fact]
    public void Issuance_is_split_by_payments_and_the_rest_goes_to_the_last_output()
    {
        // Vector cc-gao-issuance-split.
        var input = ColuVectors.Input("cc-gao-issuance-split");
        var payments = Payments(input.GetProperty("ccdata").GetProperty("payments"));
        var inputs = ColuTransferEngine.WithIssuance([[], []], Issued);
        var result = ColuTransferEngine.Transfer(inputs, payments, input.GetProperty("vout_count").GetInt32());
        Assert.False(result.Overflow);
        AssertOutputs(ColuVectors.Expected("cc-gao-issuance-split").GetProperty("outputs"), result, a => a.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("payments_a", "a")]
    [InlineData("payments_b", "b")]
    public void Issuance_overflow_sends_everything_to_the_last_output(string paymentsKey, string expectedKey)
    {
        // Vector cc-gao-issuance-overflow.
        var payments = Payments(ColuVectors.Input("cc-gao-issuance-overflow").GetProperty(paymentsKey));
        var result = ColuTransferEngine.Transfer(ColuTransferEngine.WithIssuance([[], []], Issued), payments, 3);
        Assert.True(result.Overflow);
        AssertOutputs(ColuVectors.Expected("cc-gao-issuance-overflow").GetProperty(expectedKey).GetProperty("outputs"), result, a => a.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Transfer_cases()
    {
        // Vector cc-gao-transfer-cases: inputs [A:10, A:5] and [A:6], 3 outputs, 8 cases.
        var cases = ColuVectors.Expected("cc-gao-transfer-cases").GetProperty("cases").EnumerateArray().ToArray();
        var caseTwoPayments = cases[1].GetProperty("payments");
        for (var index = 0; index < cases.Length; index++)
        {
            var c = cases[index];
            // The reference test shares one transaction object: the fifth case sets every asset to 'dispersed'
            // ("asset.aggregationPolicy = 'dispersed'") and the later cases keep it.
            var dispersed = index >= 4;
            var policy = dispersed ? ColuAggregationPolicy.Dispersed : ColuAggregationPolicy.Aggregatable;
            var paymentsElement = c.TryGetProperty("payments", out var p) ? p
                : c.TryGetProperty("dispersed, payments", out var dp) ? dp : caseTwoPayments;
            ImmutableArray<ColuAsset>[] inputs =
            [
                [new("A", 10, AggregationPolicy: policy), new("A", 5, AggregationPolicy: policy)],
                [new("A", 6, AggregationPolicy: policy)],
            ];
            var result = ColuTransferEngine.Transfer(inputs, Triples(paymentsElement), 3);
            if (c.TryGetProperty("overflow", out var overflow)) Assert.Equal(overflow.GetBoolean(), result.Overflow);
            AssertOutputs(c.GetProperty("outputs"), result, a => a.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Leftovers_go_to_the_last_output_in_input_order()
    {
        // Vector cc-gao-leftover-to-last.
        var input = ColuVectors.Input("cc-gao-leftover-to-last");
        var inputs = input.GetProperty("vin").EnumerateArray().Select(v => ImmutableArray.Create(Asset(v.GetString()!))).ToArray();
        var result = ColuTransferEngine.Transfer(inputs, Triples(input.GetProperty("payments")), input.GetProperty("vout_count").GetInt32());
        var expected = ColuVectors.Expected("cc-gao-leftover-to-last");
        Assert.Equal(expected.GetProperty("overflow").GetBoolean(), result.Overflow);
        AssertOutputs(expected.GetProperty("outputs"), result, Describe);
    }

    [Fact]
    public void Burn_destroys_units_and_overflow_burns_nothing()
    {
        // Vector cc-gao-burn.
        var expected = ColuVectors.Expected("cc-gao-burn");
        ImmutableArray<ColuAsset>[] inputs = [[Asset("A:6")], [Asset("B:6")], [Asset("C:6")]];
        ColuPayment[] payments = [ColuPayment.Transfer(0, 1, 3), ColuPayment.BurnOf(0, 2), ColuPayment.Transfer(1, 0, 3), ColuPayment.BurnOf(1, 2)];
        var result = ColuTransferEngine.Transfer(inputs, payments, 3);
        Assert.False(result.Overflow);
        AssertOutputs(expected.GetProperty("outputs"), result, Describe);
        Assert.Equal(expected.GetProperty("burned").GetString(), string.Join(", ", result.Burned.Select(Describe)));

        var variant = expected.GetProperty("overflow_variant");
        ImmutableArray<ColuAsset>[] two = [[Asset("A:6")], [Asset("B:6")]];
        ColuPayment[] overflowing = [ColuPayment.Transfer(0, 1, 3), ColuPayment.BurnOf(0, 2), ColuPayment.Transfer(0, 0, 2)];
        var overflow = ColuTransferEngine.Transfer(two, overflowing, 3);
        Assert.Equal(variant.GetProperty("overflow").GetBoolean(), overflow.Overflow);
        Assert.Empty(overflow.Burned);
        AssertOutputs(variant.GetProperty("outputs"), overflow, Describe);
    }

    private static ColuAsset Asset(string text)
    {
        var parts = text.Split(':');
        return new ColuAsset(parts[0], ulong.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), AggregationPolicy: ColuAggregationPolicy.Aggregatable);
    }

    private static string Describe(ColuAsset a) => a.AssetId + ":" + a.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static ColuPayment[] Payments(JsonElement list) =>
        [.. list.EnumerateArray().Select(p => ColuPayment.Transfer(p.GetProperty("input").GetInt32(), p.GetProperty("output").GetInt32(), p.GetProperty("amount").GetUInt64()))];

    /// <summary>"payment_fields": "[input,amount,output]".</summary>
    private static ColuPayment[] Triples(JsonElement list) =>
        [.. list.EnumerateArray().Select(p => ColuPayment.Transfer(p[0].GetInt32(), p[2].GetInt32(), p[1].GetUInt64()))];

    /// <summary>Expected outputs: {"index": [entries]} where a missing index or null means no assets.</summary>
    private static void AssertOutputs(JsonElement expected, ColuTransferResult result, Func<ColuAsset, string> describe)
    {
        for (var i = 0; i < result.Outputs.Length; i++)
        {
            var want = expected.TryGetProperty(i.ToString(System.Globalization.CultureInfo.InvariantCulture), out var e) && e.ValueKind == JsonValueKind.Array
                ? e.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Number ? x.GetUInt64().ToString(System.Globalization.CultureInfo.InvariantCulture) : x.GetString()!).ToArray()
                : [];
            Assert.Equal(want, result.Outputs[i].Select(describe).ToArray());
        }
    }
}
