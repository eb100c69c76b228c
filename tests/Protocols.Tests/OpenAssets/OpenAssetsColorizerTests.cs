using Explorer.Protocols.OpenAssets;
using NBitcoin;
using static Explorer.Protocols.Tests.OpenAssets.OaVectors;
using static Explorer.Protocols.Tests.OpenAssets.TestTransactions;

namespace Explorer.Protocols.Tests.OpenAssets;

/// <summary>
/// Order-based coloring, issuance and the invalid cases.
/// Spec: https://github.com/OpenAssets/open-assets-protocol/blob/master/specification.mediawiki#asset-transfer-outputs
/// </summary>
[Trait("Category", "Unit")]
public class OpenAssetsColorizerTests
{
    private static readonly Script IssuerScript = new(Hex("76a914010966776006953d5567439e5e39f86a0d273bee88ac"));
    private static readonly Func<OaAssetId?, string> N = Names("a", "b", "c", "A1", "A2", "H");

    /// <summary>oa-spec-coloring-example: the specification's example (also NBitcoin CanColorizeSpecScenario).</summary>
    [Fact]
    public void SpecExample_ColorsAsTheSpecTable()
    {
        var colors = Colors("A1:3", "A1:2", "-", "A1:5", "A1:3", "A2:9");
        var tx = Build(6, 7, 2, [0, 10, 6, 0, 7, 3]);
        var result = OpenAssetsColorizer.Colorize(tx, colors, IssuerScript);

        Assert.True(result.IsValid);
        var h = OaAssetId.FromScript(IssuerScript).ToBase58();
        Assert.Equal($"u|i:{h}:10|m|t:A1:6|u|t:A1:7|t:A2:3", Render(result, N));
        Assert.Equal(OaAssetId.FromScript(IssuerScript), result.IssuanceAssetId);
        // NBitcoin CanColorizeSpecScenario: "destroyed A2:6"
        Assert.Equal([new AssetUnits(Asset("A2"), 6)], OpenAssetsColorizer.Destroyed(tx, colors, result).ToArray());

        // Variants from NBitcoin's CanColorizeSpecScenario: both invalid, every output uncolored.
        var mixedTx = Build(6, 7, 2, [0, 10, 6, 0, 6, 4]);
        var mixed = OpenAssetsColorizer.Colorize(mixedTx, colors, IssuerScript);
        Assert.Equal(ColoringError.MixedAssetIds, mixed.Error);
        Assert.All(mixed.Outputs, o => Assert.Equal(OutputRole.Uncolored, o.Role));
        Assert.Equal([new AssetUnits(Asset("A1"), 13), new AssetUnits(Asset("A2"), 9)], OpenAssetsColorizer.Destroyed(mixedTx, colors, mixed).ToArray()); // "destroyed A1:13, A2:9"
        var tooManyTx = Build(6, 7, 2, [0, 10, 6, 0, 7, 4, 10, 10]);
        var tooMany = OpenAssetsColorizer.Colorize(tooManyTx, colors, IssuerScript);
        Assert.Equal(ColoringError.QuantitiesBeyondOutputs, tooMany.Error);
        Assert.Equal(2, tooMany.MarkerIndex);
        Assert.Equal([new AssetUnits(Asset("A1"), 13), new AssetUnits(Asset("A2"), 9)], OpenAssetsColorizer.Destroyed(tooManyTx, colors, tooMany).ToArray());
    }

    public static TheoryData<string[], ulong[], int, int, string?> PythonCases() => new()
    {
        // oa-py-order-based-coloring (OpenAssets/openassets tests/test_protocol.py test_compute_asset_ids_*), marker at 0
        { ["a:2"], [], 1, 0, "m" },
        { ["a:2"], [1], 1, 0, null },
        { ["a:2"], [2], 2, 0, "m|t:a:2" },
        { ["a:2"], [0, 1, 0, 1], 6, 0, "m|u|t:a:1|u|t:a:1|u" },
        { ["-", "a:1", "-", "a:1", "-"], [2], 2, 0, "m|t:a:2" },
        { ["a:1", "a:3"], [1, 2], 3, 0, "m|t:a:1|t:a:2" },
        { ["a:1", "a:3"], [1], 3, 0, "m|t:a:1|u" },
        { ["a:1", "a:2"], [4], 2, 0, null },
        { ["a:1", "a:2"], [1, 3], 3, 0, null },
        { ["a:1"], [1, 3], 3, 0, null },
        { ["a:1", "b:2", "c:3"], [1, 2, 3], 4, 0, "m|t:a:1|t:b:2|t:c:3" },
        { ["a:2", "a:1", "a:2"], [1, 3, 1], 4, 0, "m|t:a:1|t:a:3|t:a:1" },
        { ["a:2", "b:1", "c:2"], [1, 3, 1], 4, 0, null },
        { ["a:3", "a:2"], [1, 4, 2, 3], 5, 2, "i:H:1|i:H:4|m|t:a:2|t:a:3" },
        { ["a:3"], [0, 0, 0], 4, 1, "u|m|u|u" },
    };

    [Theory]
    [MemberData(nameof(PythonCases))]
    public void PythonReferenceCases(string[] inputs, ulong[] quantities, int outputCount, int markerIndex, string? expected)
    {
        var tx = Build(inputs.Length, outputCount, markerIndex, quantities);
        var result = OpenAssetsColorizer.Colorize(tx, Colors(inputs), new Script("H"u8.ToArray()));
        if (expected is null)
        {
            Assert.False(result.IsValid);
            Assert.NotEqual(ColoringError.None, result.Error);
            Assert.All(result.Outputs, o => Assert.Equal(OutputRole.Uncolored, o.Role));
        }
        else
        {
            Assert.True(result.IsValid, result.ErrorDetail);
            Assert.Equal(expected, Render(result, N));
        }
    }

    /// <summary>oa-py-order-based-coloring "no inputs -> invalid": without inputs there is no marker at all.</summary>
    [Fact]
    public void NoInputs_NoMarker()
    {
        var result = OpenAssetsColorizer.Colorize(Build(0, 2, 0, [1]), [], null);
        Assert.False(result.HasMarker);
        Assert.All(result.Outputs, o => Assert.Equal(OutputRole.Uncolored, o.Role));
    }

    [Fact]
    public void InvalidReasons_AreTyped()
    {
        Assert.Equal(ColoringError.QuantitiesBeyondOutputs, OpenAssetsColorizer.Colorize(Build(1, 1, 0, [1]), Colors("a:2"), null).Error);
        Assert.Equal(ColoringError.InsufficientInputUnits, OpenAssetsColorizer.Colorize(Build(2, 2, 0, [4]), Colors("a:1", "a:2"), null).Error);
        Assert.Equal(ColoringError.MixedAssetIds, OpenAssetsColorizer.Colorize(Build(2, 2, 0, [2]), Colors("a:1", "b:2"), null).Error);
        var overflow = OpenAssetsColorizer.Colorize(Build(1, 2, 0, [1]), [new InputColor(Asset("a"), ulong.MaxValue)], null);
        Assert.Equal(ColoringError.Overflow, overflow.Error);
        Assert.All(overflow.Outputs, o => Assert.Equal(OutputRole.Uncolored, o.Role));
    }

    [Fact]
    public void MaximumQuantities_DoNotOverflow()
    {
        const ulong max = long.MaxValue;
        var colors = new InputColor?[] { new(Asset("a"), max), new(Asset("a"), max), new(Asset("a"), max) };
        var tx = Build(3, 4, 0, [max, max, max]);
        var result = OpenAssetsColorizer.Colorize(tx, colors, null);
        Assert.True(result.IsValid);
        Assert.Equal($"m|t:a:{max}|t:a:{max}|t:a:{max}", Render(result, N));
        Assert.Empty(OpenAssetsColorizer.Destroyed(tx, colors, result));
        var noneTx = Build(3, 2, -1, []);
        var none = OpenAssetsColorizer.Colorize(noneTx, colors, null);
        Assert.Equal([new AssetUnits(Asset("a"), (UInt128)max * 3)], OpenAssetsColorizer.Destroyed(noneTx, colors, none).ToArray()); // no marker: all destroyed, no overflow
    }

    /// <summary>Issuance without the first input's previous script: role and quantity known, asset ID not.</summary>
    [Fact]
    public void Issuance_WithoutIssuanceScript_HasNoAssetId()
    {
        var result = OpenAssetsColorizer.Colorize(Build(1, 3, 1, [5, 0]), Colors("-"), null);
        Assert.True(result.IsValid);
        Assert.Equal("i:?:5|m|u", Render(result, N));
        Assert.Null(result.IssuanceAssetId);
    }

    /// <summary>
    /// oa-py-first-valid-marker (tests/test_protocol.py test_color_transaction_invalid_marker_outputs). Decision
    /// (docs/openassets.md "Which output is the marker"): the marker is the first output that parses; output 2 parses
    /// but lists 7 quantities for 6 colorable outputs, so the transaction is invalid. The Python reference would go
    /// on to output 5. With outputs 2-4 made plain, our engine gives the Python answer for marker 5.
    /// </summary>
    [Fact]
    public void FirstParsableMarker_Decides_EvenWhenColoringFails()
    {
        string[] scripts =
        [
            "6a10" + "4f410100" + "01" + "80808080808080808002" + "00",
            "6a07" + "4f410100" + "01" + "04" + "02",
            "6a0d" + "4f410100" + "07" + "01010101010101" + "00",
            "6a0b" + "4f410100" + "05" + "0000000802" + "00",
            "6a0b" + "4f410100" + "05" + "0000000009" + "00",
            "6a0c" + "4f410100" + "06" + "010101010108" + "00",
            "20",
        ];
        var colors = Colors("a:6", "a:2", "b:1");
        var issuer = new Script([0x10]);

        var result = OpenAssetsColorizer.Colorize(WithScripts(scripts), colors, issuer);
        Assert.Equal(2, result.MarkerIndex);
        Assert.Equal(ColoringError.QuantitiesBeyondOutputs, result.Error);
        Assert.All(result.Outputs, o => Assert.Equal(OutputRole.Uncolored, o.Role));

        scripts[2] = scripts[3] = scripts[4] = "51";
        var python = OpenAssetsColorizer.Colorize(WithScripts(scripts), colors, issuer);
        Assert.Equal(5, python.MarkerIndex);
        var h = OaAssetId.FromScript(issuer).ToBase58();
        Assert.Equal($"i:{h}:1|i:{h}:1|i:{h}:1|i:{h}:1|i:{h}:1|m|t:a:8", Render(python, N));
    }

    private static Transaction WithScripts(string[] scripts)
    {
        var tx = Build(3, 0, -1, []);
        foreach (var s in scripts) tx.Outputs.Add(new TxOut(Money.Zero, new Script(Hex(s))));
        return tx;
    }
}
