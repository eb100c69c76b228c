using System.Text;
using Explorer.Protocols.OpenAssets;
using NBitcoin;

namespace Explorer.Protocols.Tests.OpenAssets;

/// <summary>Builds synthetic transactions shaped like the fixtures of the Python reference's tests
/// (tests/test_protocol.py color_outputs: output i has script bytes str(i), inputs spend distinct outpoints).</summary>
public static class TestTransactions
{
    public static OaAssetId Asset(string label) => OaAssetId.FromScript(Encoding.UTF8.GetBytes(label));

    public static Transaction Build(int inputCount, int outputCount, int markerIndex, ulong[] quantities, byte[]? metadata = null)
    {
        var tx = Network.Main.CreateTransaction();
        for (var i = 0; i < inputCount; i++)
            tx.Inputs.Add(new TxIn(new OutPoint(new uint256((ulong)i + 1), (uint)i)));
        for (var i = 0; i < outputCount; i++)
        {
            var script = i == markerIndex
                ? new Script(MarkerPayloadEncoder.EncodeScript(OpenAssetsMarker.Create(quantities, metadata)))
                : new Script(Encoding.UTF8.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            tx.Outputs.Add(new TxOut(Money.Satoshis(i), script));
        }
        return tx;
    }

    /// <summary>"a:2" -> 2 units of asset "a"; "-" -> uncolored.</summary>
    public static InputColor?[] Colors(params string[] specs) =>
        [.. specs.Select(s => s == "-" ? (InputColor?)null : new InputColor(Asset(s.Split(':')[0]), ulong.Parse(s.Split(':')[1])))];

    /// <summary>Compact rendering of a coloring: "u", "m", "i:H:10", "t:a:3" per output, "|"-separated.</summary>
    public static string Render(ColoringResult result, Func<OaAssetId?, string> name) =>
        string.Join("|", result.Outputs.Select(o => o.Role switch
        {
            OutputRole.Uncolored => "u",
            OutputRole.Marker => "m",
            OutputRole.Issuance => $"i:{name(o.AssetId)}:{o.Quantity}",
            _ => $"t:{name(o.AssetId)}:{o.Quantity}",
        }));

    public static Func<OaAssetId?, string> Names(params string[] labels) =>
        id => id is null ? "?" : labels.FirstOrDefault(l => Asset(l) == id) ?? id.Value.ToBase58();
}
