using System.Collections.Immutable;
using System.Text;
using System.Text.Json.Nodes;
using Explorer.ChainForge.Chain;
using Explorer.ChainForge.Wallet;
using NBitcoin;

namespace Explorer.ChainForge.Activities;

/// <summary>
/// Open Assets activity: issuances (with metadata), transfers with colored change, two assets in one transaction,
/// an invalid marker (more units out than in: every output uncolored, inputs destroyed) and colored inputs spent
/// without a marker (destroyed). The ground truth is the scenario's own bookkeeping of who holds what.
/// Spec: https://github.com/OpenAssets/open-assets-protocol/blob/master/specification.mediawiki
/// </summary>
public sealed class OpenAssetsActivity(double transactionsPerBlock) : IScenarioActivity
{
    public const long ColoredValue = 600;
    private static readonly Money MinFunding = Money.Satoshis(100_000);
    private ImmutableDictionary<OutPoint, Holding> _holdings = ImmutableDictionary<OutPoint, Holding>.Empty;
    private ImmutableDictionary<string, AssetInfo> _assets = ImmutableDictionary<string, AssetInfo>.Empty;
    private int _issued;

    public string Name => "openassets";

    public void Contribute(BlockContext block)
    {
        var count = (int)transactionsPerBlock + (block.Random.NextDouble() < transactionsPerBlock % 1 ? 1 : 0);
        for (var i = 0; i < count; i++)
        {
            var roll = block.Random.Next(100);
            var ok = _holdings.Count < 2 || roll < 25 ? Issue(block)
                : roll < 65 ? Transfer(block, invalid: false)
                : roll < 80 ? TransferTwoAssets(block)
                : roll < 90 ? Transfer(block, invalid: true)
                : SpendWithoutMarker(block);
            if (!ok)
            {
                break;
            }
        }
    }

    public object SaveState() => (_holdings, _assets, _issued);

    public void RestoreState(object state) =>
        (_holdings, _assets, _issued) = ((ImmutableDictionary<OutPoint, Holding>, ImmutableDictionary<string, AssetInfo>, int))state;

    public JsonNode FinalState()
    {
        var balances = new JsonObject();
        foreach (var group in _holdings.Values.GroupBy(h => h.Coin.Owner.Address).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var perAsset = new JsonObject();
            foreach (var asset in group.GroupBy(h => h.AssetId).OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                perAsset[asset.Key] = asset.Sum(h => h.Quantity);
            }

            balances[group.Key] = perAsset;
        }

        var assets = new JsonObject();
        foreach (var (id, info) in _assets.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            assets[id] = new JsonObject
            {
                ["issuer"] = info.IssuerScriptHex,
                ["metadataUtf8"] = info.Metadata,
                ["issued"] = info.Issued,
                ["firstIssuanceTxid"] = info.FirstTxid,
            };
        }

        var utxos = new JsonObject();
        foreach (var h in _holdings.Values.OrderBy(h => h.Coin.OutPoint.ToString(), StringComparer.Ordinal))
        {
            utxos[h.Coin.OutPoint.ToString()] = new JsonArray(h.AssetId, h.Quantity);
        }

        return new JsonObject { ["assets"] = assets, ["balances"] = balances, ["coloredOutputs"] = utxos };
    }

    private bool Issue(BlockContext block)
    {
        var funding = block.TakeCoin(MinFunding);
        if (funding is null)
        {
            return false;
        }

        var holder = RandomHolder(block);
        var quantity = (long)block.Random.Next(1, 1_000_000);
        var metadata = $"u=https://assets.example/oa-{++_issued}.json";
        var assetId = OpenAssetsMarkerEncoder.AssetId(funding.TxOut.ScriptPubKey);
        var tx = NewTx(funding);
        // Issuance outputs come before the marker: "asset ID ... hash of the script of the output spent by the first input".
        tx.Outputs.Add(new TxOut(Money.Satoshis(ColoredValue), holder.ScriptPubKey));
        tx.Outputs.Add(new TxOut(Money.Zero, OpenAssetsMarkerEncoder.MarkerScript([quantity], Encoding.UTF8.GetBytes(metadata))));
        AddChange(tx, funding.TxOut.Value - ColoredValue, block);
        var included = block.Include(tx, [funding], [0]);
        Hold(included, 0, assetId, quantity);
        _assets = _assets.SetItem(assetId, _assets.TryGetValue(assetId, out var known)
            ? known with { Issued = known.Issued + quantity }
            : new AssetInfo(funding.TxOut.ScriptPubKey.ToHex(), metadata, quantity, included.Txid.ToString()));
        block.Record(Event(included, "issuance", new() { [0] = (assetId, quantity) }, metadata));
        return true;
    }

    private bool Transfer(BlockContext block, bool invalid)
    {
        var source = PickHolding(block, null);
        var fee = source is null ? null : block.TakeCoin(MinFunding);
        if (source is null || fee is null)
        {
            return fee is not null && Return(block, fee);
        }

        var recipient = RandomHolder(block);
        var amount = invalid ? source.Quantity + 1 : block.Random.NextInt64(1, source.Quantity + 1);
        var change = source.Quantity - amount;
        var tx = NewTx(source.Coin, fee);
        var quantities = invalid || change == 0 ? new List<long> { amount } : [amount, change];
        tx.Outputs.Add(new TxOut(Money.Zero, OpenAssetsMarkerEncoder.MarkerScript(quantities, [])));
        tx.Outputs.Add(new TxOut(Money.Satoshis(ColoredValue), recipient.ScriptPubKey));
        if (quantities.Count == 2)
        {
            tx.Outputs.Add(new TxOut(Money.Satoshis(ColoredValue), source.Coin.Owner.ScriptPubKey));
        }

        AddChange(tx, source.Coin.TxOut.Value + fee.TxOut.Value - (ColoredValue * (quantities.Count)), block);
        _holdings = _holdings.Remove(source.Coin.OutPoint);
        if (invalid)
        {
            // "If the input stream runs out before all output units are assigned, the marker is invalid": all outputs uncolored.
            var bad = block.Include(tx, [source.Coin, fee]);
            var e = Event(bad, "invalid", [], null);
            e["valid"] = false;
            e["destroyed"] = new JsonArray(new JsonArray(source.AssetId, source.Quantity));
            block.Record(e);
            return true;
        }

        var keep = quantities.Count == 2 ? new[] { 1, 2 } : [1];
        var included = block.Include(tx, [source.Coin, fee], keep);
        var outputs = new Dictionary<int, (string, long)> { [1] = (source.AssetId, amount) };
        Hold(included, 1, source.AssetId, amount);
        if (quantities.Count == 2)
        {
            outputs[2] = (source.AssetId, change);
            Hold(included, 2, source.AssetId, change);
        }

        block.Record(Event(included, "transfer", outputs, null));
        return true;
    }

    private bool TransferTwoAssets(BlockContext block)
    {
        var first = PickHolding(block, null);
        var second = first is null ? null : PickHolding(block, first.AssetId);
        if (first is null || second is null)
        {
            return Transfer(block, invalid: false);
        }

        var fee = block.TakeCoin(MinFunding);
        if (fee is null)
        {
            return false;
        }

        var tx = NewTx(first.Coin, second.Coin, fee);
        tx.Outputs.Add(new TxOut(Money.Zero, OpenAssetsMarkerEncoder.MarkerScript([first.Quantity, second.Quantity], [])));
        tx.Outputs.Add(new TxOut(Money.Satoshis(ColoredValue), RandomHolder(block).ScriptPubKey));
        tx.Outputs.Add(new TxOut(Money.Satoshis(ColoredValue), RandomHolder(block).ScriptPubKey));
        AddChange(tx, first.Coin.TxOut.Value + second.Coin.TxOut.Value + fee.TxOut.Value - (2 * ColoredValue), block);
        _holdings = _holdings.Remove(first.Coin.OutPoint).Remove(second.Coin.OutPoint);
        var included = block.Include(tx, [first.Coin, second.Coin, fee], [1, 2]);
        Hold(included, 1, first.AssetId, first.Quantity);
        Hold(included, 2, second.AssetId, second.Quantity);
        block.Record(Event(included, "transfer", new() { [1] = (first.AssetId, first.Quantity), [2] = (second.AssetId, second.Quantity) }, null));
        return true;
    }

    private bool SpendWithoutMarker(BlockContext block)
    {
        var source = PickHolding(block, null);
        var fee = source is null ? null : block.TakeCoin(MinFunding);
        if (source is null || fee is null)
        {
            return fee is not null && Return(block, fee);
        }

        var tx = NewTx(source.Coin, fee);
        AddChange(tx, source.Coin.TxOut.Value + fee.TxOut.Value, block);
        _holdings = _holdings.Remove(source.Coin.OutPoint);
        var included = block.Include(tx, [source.Coin, fee]);
        var e = Event(included, "destroyed", [], null);
        e["destroyed"] = new JsonArray(new JsonArray(source.AssetId, source.Quantity));
        block.Record(e);
        return true;
    }

    private void Hold(IncludedTransaction included, int index, string assetId, long quantity) =>
        _holdings = _holdings.Add(included.KeptCoins[index].OutPoint, new Holding(included.KeptCoins[index], assetId, quantity));

    private Holding? PickHolding(BlockContext block, string? otherThan)
    {
        var candidates = _holdings.Values.Where(h => h.Coin.Height < block.Height && h.AssetId != otherThan)
            .OrderBy(h => h.Coin.OutPoint.ToString(), StringComparer.Ordinal).ToList();
        return candidates.Count == 0 ? null : candidates[block.Random.Next(candidates.Count)];
    }

    private static bool Return(BlockContext block, ForgeCoin coin)
    {
        block.ReturnCoin(coin);
        return false;
    }

    private static WalletAddress RandomHolder(BlockContext block) =>
        block.Wallet.Get(block.Random.Next(block.Wallet.Addresses.Count / 4), ScriptKind.P2pkh);

    private static Transaction NewTx(params ForgeCoin[] inputs)
    {
        var tx = Transaction.Create(Network.RegTest);
        tx.Version = 2;
        foreach (var coin in inputs)
        {
            tx.Inputs.Add(new TxIn(coin.OutPoint));
        }

        return tx;
    }

    private static void AddChange(Transaction tx, Money available, BlockContext block)
    {
        // 3 sat/vB on a generous size estimate (inputs up to 148 vB each, outputs up to 43, marker up to 90).
        var vsize = 11 + (148 * tx.Inputs.Count) + (43 * (tx.Outputs.Count + 1)) + 90;
        tx.Outputs.Add(new TxOut(available - BlockContext.FeeFor(vsize, 3), block.Wallet.Get(0, ScriptKind.P2wpkh).ScriptPubKey));
    }

    private static JsonObject Event(IncludedTransaction included, string kind, Dictionary<int, (string Asset, long Quantity)> outputs, string? metadata)
    {
        var map = new JsonObject();
        foreach (var (index, (asset, quantity)) in outputs.OrderBy(o => o.Key))
        {
            map[index.ToString()] = new JsonArray(asset, quantity);
        }

        var e = new JsonObject { ["txid"] = included.Txid.ToString(), ["protocol"] = "openassets", ["kind"] = kind, ["outputs"] = map };
        if (metadata is not null)
        {
            e["metadataUtf8"] = metadata;
        }

        return e;
    }

    private sealed record Holding(ForgeCoin Coin, string AssetId, long Quantity);

    private sealed record AssetInfo(string IssuerScriptHex, string Metadata, long Issued, string FirstTxid);
}
