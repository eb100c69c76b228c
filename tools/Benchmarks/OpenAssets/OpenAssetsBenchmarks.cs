using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Explorer.Protocols.OpenAssets;
using NBitcoin;
using NBitcoin.OpenAsset;
using NbColoredTransaction = NBitcoin.OpenAsset.ColoredTransaction;

namespace Explorer.Benchmarks.OpenAssets;

/// <summary>
/// Marker scanning and coloring, ours against NBitcoin's (ColorMarker.Get, the ColoredTransaction constructor),
/// on the same 1,000 seeded transactions: half Open Assets (issuances and transfers), half ordinary payments and
/// non-OA OP_RETURNs. Run: dotnet run -c Release --project tools/Benchmarks -- --filter *OpenAssets* --job short
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class OpenAssetsBenchmarks
{
    private const int Count = 1000;
    private Transaction[] _txs = [];
    private uint256[] _txids = [];
    private InputColor?[][] _colors = [];
    private ColoredCoin[][] _coins = [];
    private Script[] _issuers = [];

    [GlobalSetup]
    public void Setup()
    {
        var r = new Random(42);
        var assets = Enumerable.Range(0, 3).Select(i => OaAssetId.FromScript([(byte)i, 0x51])).ToArray();
        _txs = new Transaction[Count];
        _txids = new uint256[Count];
        _colors = new InputColor?[Count][];
        _coins = new ColoredCoin[Count][];
        _issuers = new Script[Count];
        for (var n = 0; n < Count; n++)
        {
            var tx = Network.Main.CreateTransaction();
            var inputs = r.Next(1, 4);
            var colors = new InputColor?[inputs];
            var coins = new List<ColoredCoin>();
            for (var i = 0; i < inputs; i++)
            {
                var outpoint = new OutPoint(new uint256(Bytes(r, 32)), (uint)r.Next(3));
                tx.Inputs.Add(new TxIn(outpoint, new Script(Bytes(r, 107))));
                if (r.Next(2) == 0) continue;
                colors[i] = new InputColor(assets[r.Next(2)], (ulong)r.Next(10, 1000));
                coins.Add(new ColoredCoin(new AssetMoney(new AssetId(colors[i]!.Value.AssetId.Hash), colors[i]!.Value.Quantity), new Coin(outpoint, new TxOut())));
            }
            var outputs = r.Next(2, 5);
            var oa = r.Next(2) == 0;
            var markerAt = oa ? r.Next(0, 2) : -1;
            for (var i = 0; i < outputs; i++)
            {
                Script script;
                if (i == markerAt)
                {
                    var quantities = Enumerable.Range(0, outputs - 1).Select(_ => (ulong)r.Next(0, 40)).ToArray();
                    script = new Script(MarkerPayloadEncoder.EncodeScript(OpenAssetsMarker.Create(quantities, r.Next(2) == 0 ? [] : "u=https://cpr.sm/slXMkCuIPk"u8)));
                }
                else if (!oa && i == 0 && r.Next(3) == 0)
                    script = new Script([0x6a, 0x14, .. Bytes(r, 20)]);
                else
                    script = new KeyId(Bytes(r, 20)).ScriptPubKey;
                tx.Outputs.Add(new TxOut(Money.Satoshis(600), script));
            }
            _txs[n] = tx;
            _txids[n] = tx.GetHash();
            _colors[n] = colors;
            _coins[n] = [.. coins];
            _issuers[n] = new KeyId(Bytes(r, 20)).ScriptPubKey;
        }
        // Same inputs, same answers: otherwise the comparison means nothing.
        if (MarkerScan_NBitcoin() != MarkerScan_Ours() || Coloring_NBitcoin() != Coloring_Ours())
            throw new InvalidOperationException("the two implementations disagree on the benchmark transactions");
    }

    private static byte[] Bytes(Random r, int n)
    {
        var b = new byte[n];
        r.NextBytes(b);
        return b;
    }

    [Benchmark(Baseline = true), BenchmarkCategory("MarkerScan")]
    public int MarkerScan_NBitcoin()
    {
        var found = 0;
        foreach (var tx in _txs)
            if (ColorMarker.Get(tx, out _) is not null) found++;
        return found;
    }

    [Benchmark, BenchmarkCategory("MarkerScan")]
    public int MarkerScan_Ours()
    {
        var found = 0;
        foreach (var tx in _txs)
            if (MarkerLocator.TryFind(tx, out _, out _)) found++;
        return found;
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Coloring")]
    public int Coloring_NBitcoin()
    {
        var colored = 0;
        for (var n = 0; n < _txs.Length; n++)
        {
            var c = new NbColoredTransaction(_txids[n], _txs[n], _coins[n], _issuers[n]);
            colored += c.Issuances.Count + c.Transfers.Count;
        }
        return colored;
    }

    [Benchmark, BenchmarkCategory("Coloring")]
    public int Coloring_Ours()
    {
        var colored = 0;
        for (var n = 0; n < _txs.Length; n++)
        {
            var c = OpenAssetsColorizer.Colorize(_txs[n], _colors[n], _issuers[n]);
            foreach (var o in c.Outputs)
                if (o.Role is OutputRole.Issuance or OutputRole.Transfer) colored++;
        }
        return colored;
    }
}
