using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Explorer.ChainForge.Chain;
using Explorer.ChainForge.Wallet;
using Explorer.Protocols.Colu;
using NBitcoin;

namespace Explorer.ChainForge.Activities;

/// <summary>
/// Colu Colored Coins activity, built with the project's <see cref="ColuPayloadEncoder"/> (cc-transaction encode()):
/// issuances with 1 to 17 payments, with no metadata, a torrent hash in OP_RETURN, or torrent hash + sha2 (in OP_RETURN
/// or spilled into a 1-of-2 / 1-of-3 bare multisig output, <see cref="ColuMultisigHashes.BuildOutput"/>), so several
/// issuance opcodes occur; transfers paying part of a holding (the leftover goes to the last output); burns.
/// The ground truth is the scenario's own bookkeeping (amounts per output per asset), under "protocolEvents".
/// Spec: https://github.com/Colored-Coins/Colored-Coins-Protocol-Specification/wiki
/// </summary>
public sealed class ColuActivity(double transactionsPerBlock) : IScenarioActivity
{
    public const long ColoredValue = 600;
    private static readonly Money MinFunding = Money.Satoshis(100_000);
    private ImmutableDictionary<OutPoint, Holding> _holdings = ImmutableDictionary<OutPoint, Holding>.Empty;

    public string Name => "colu";

    public void Contribute(BlockContext block)
    {
        var count = (int)transactionsPerBlock + (block.Random.NextDouble() < transactionsPerBlock % 1 ? 1 : 0);
        for (var i = 0; i < count; i++)
        {
            var roll = block.Random.Next(100);
            var ok = _holdings.Count < 2 || roll < 35 ? Issue(block) : Move(block, burn: roll >= 85);
            if (!ok)
            {
                break;
            }
        }
    }

    public object SaveState() => _holdings;

    public void RestoreState(object state) => _holdings = (ImmutableDictionary<OutPoint, Holding>)state;

    public JsonNode FinalState()
    {
        var utxos = new JsonObject();
        foreach (var h in _holdings.Values.OrderBy(h => h.Coin.OutPoint.ToString(), StringComparer.Ordinal))
        {
            utxos[h.Coin.OutPoint.ToString()] = new JsonArray(h.AssetId, h.Amount);
        }

        return new JsonObject { ["coloredOutputs"] = utxos };
    }

    private bool Issue(BlockContext block)
    {
        var funding = block.TakeCoin(MinFunding, c => c.Owner.Kind is ScriptKind.P2pkh or ScriptKind.P2wpkh);
        if (funding is null)
        {
            return false;
        }

        var holders = new[] { 1, 2, 5, 9, 17 }[block.Random.Next(5)];
        var amount = (ulong)block.Random.NextInt64(1_000, 10_000_000);
        var payments = new List<ColuPayment>();
        var paid = 0UL;
        for (var i = 0; i < holders; i++)
        {
            var part = (ulong)block.Random.NextInt64(1, (long)(amount / (ulong)(holders + 1)));
            payments.Add(ColuPayment.Transfer(0, i, part));
            paid += part;
        }

        var metadata = block.Random.Next(3);
        var torrent = metadata >= 1 ? RandomBytes(block, 20) : null;
        var sha2 = metadata == 2 ? RandomBytes(block, 32) : null;
        var lockStatus = block.Random.Next(2) == 0;
        var divisibility = block.Random.Next(0, 4);
        ColuEncoded? encoded;
        string? error;
        // Many payments push the hashes into the multisig output; drop payments while the payload is too long.
        while (!ColuPayloadEncoder.TryEncodeLikeReference(new ColuEncodeRequest(ColuKind.Issuance, [.. payments], TorrentHash: torrent,
            Sha2: sha2, Amount: amount, Divisibility: divisibility, LockStatus: lockStatus,
            AggregationPolicy: ColuAggregationPolicy.Aggregatable), out encoded, out error))
        {
            if (payments.Count == 1)
            {
                throw new InvalidOperationException("Colu issuance does not encode: " + error);
            }

            paid -= payments[^1].Amount;
            payments.RemoveAt(payments.Count - 1);
            holders--;
        }

        var tx = NewTx(funding);
        var owners = new List<WalletAddress>();
        for (var i = 0; i < holders; i++)
        {
            owners.Add(RandomHolder(block));
            tx.Outputs.Add(new TxOut(Money.Satoshis(ColoredValue), owners[^1].ScriptPubKey));
        }

        tx.Outputs.Add(new TxOut(Money.Zero, OpReturn(encoded!.Payload)));
        string? multisig = null;
        if (encoded.Leftover.Length > 0)
        {
            // _addHashesOutput: sha2 always spills (key 1); with both spilled the torrent hash is key 2 (1-of-3).
            var both = encoded.Leftover.Length == 2;
            tx.Outputs.Add(new TxOut(Money.Satoshis(ColoredValue), ColuMultisigHashes.BuildOutput(sha2!, both ? torrent : null)));
            multisig = both ? "1-of-3" : "1-of-2";
        }

        var leftover = amount - paid;
        var spent = (ColoredValue * (holders + (multisig is null ? 0 : 1))) + ColoredValue;
        var changeOwner = block.Wallet.Get(0, ScriptKind.P2wpkh);
        tx.Outputs.Add(new TxOut(funding.TxOut.Value - spent - Fee(tx), changeOwner.ScriptPubKey));
        var last = tx.Outputs.Count - 1;
        var assetId = ColuAssetId.ForIssuance(tx, funding.TxOut, lockStatus, ColuAggregationPolicy.Aggregatable, divisibility)!;
        var keep = leftover > 0 ? Enumerable.Range(0, holders).Append(last).ToList() : [.. Enumerable.Range(0, holders)];
        var included = block.Include(tx, [funding], keep);
        var outputs = new Dictionary<int, ulong>();
        for (var i = 0; i < holders; i++)
        {
            outputs[i] = payments[i].Amount;
        }

        // "the remaining amount of an issuance goes to the last output".
        if (leftover > 0)
        {
            outputs[last] = leftover;
        }

        foreach (var (index, quantity) in outputs)
        {
            _holdings = _holdings.Add(included.KeptCoins[index].OutPoint, new Holding(included.KeptCoins[index], assetId, quantity, included.Txid.ToString()));
        }

        var e = Event(included, "issuance", assetId, outputs, encoded.Payload[3]);
        e["amount"] = amount;
        e["divisibility"] = divisibility;
        e["lockStatus"] = lockStatus;
        e["torrentHash"] = torrent is null ? null : Convert.ToHexStringLower(torrent);
        e["sha2"] = sha2 is null ? null : Convert.ToHexStringLower(sha2);
        e["multisig"] = multisig;
        block.Record(e);
        return true;
    }

    private bool Move(BlockContext block, bool burn)
    {
        var candidates = _holdings.Values.Where(h => h.Coin.Height < block.Height && h.Amount > 1)
            .OrderBy(h => h.Coin.OutPoint.ToString(), StringComparer.Ordinal).ToList();
        var fee = candidates.Count == 0 ? null : block.TakeCoin(MinFunding, c => c.Owner.Kind is ScriptKind.P2pkh or ScriptKind.P2wpkh);
        if (candidates.Count == 0 || fee is null)
        {
            return candidates.Count == 0 ? Issue(block) : false;
        }

        var source = candidates[block.Random.Next(candidates.Count)];
        var part = (ulong)block.Random.NextInt64(1, (long)source.Amount);
        var payment = burn ? ColuPayment.BurnOf(0, part) : ColuPayment.Transfer(0, 0, part);
        var request = new ColuEncodeRequest(burn ? ColuKind.Burn : ColuKind.Transfer, [payment]);
        if (!ColuPayloadEncoder.TryEncodeLikeReference(request, out var encoded, out var error))
        {
            throw new InvalidOperationException("Colu transfer does not encode: " + error);
        }

        var tx = NewTx(source.Coin, fee);
        if (!burn)
        {
            tx.Outputs.Add(new TxOut(Money.Satoshis(ColoredValue), RandomHolder(block).ScriptPubKey));
        }

        tx.Outputs.Add(new TxOut(Money.Zero, OpReturn(encoded!.Payload)));
        var available = source.Coin.TxOut.Value + fee.TxOut.Value - (burn ? 0 : ColoredValue);
        tx.Outputs.Add(new TxOut(available - Fee(tx), block.Wallet.Get(0, ScriptKind.P2wpkh).ScriptPubKey));
        var last = tx.Outputs.Count - 1;
        var keep = burn ? new[] { last } : [0, last];
        _holdings = _holdings.Remove(source.Coin.OutPoint);
        var included = block.Include(tx, [source.Coin, fee], keep);
        // Leftovers of an input not fully paid go to the last output (cc-get-assets-outputs).
        var outputs = new Dictionary<int, ulong> { [last] = source.Amount - part };
        if (!burn)
        {
            outputs[0] = part;
        }

        foreach (var (index, quantity) in outputs)
        {
            _holdings = _holdings.Add(included.KeptCoins[index].OutPoint, new Holding(included.KeptCoins[index], source.AssetId, quantity, source.IssueTxid));
        }

        var e = Event(included, burn ? "burn" : "transfer", source.AssetId, outputs, encoded.Payload[3]);
        e["inputs"] = new JsonArray(new JsonArray(source.AssetId, source.Amount, source.IssueTxid), null);
        if (burn)
        {
            e["burned"] = part;
        }

        block.Record(e);
        return true;
    }

    private static Script OpReturn(byte[] payload) => new(OpcodeType.OP_RETURN, Op.GetPushOp(payload));

    private static Money Fee(Transaction tx) => BlockContext.FeeFor(11 + (148 * tx.Inputs.Count) + (43 * (tx.Outputs.Count + 1)) + 120, 3);

    private static byte[] RandomBytes(BlockContext block, int length)
    {
        var bytes = new byte[length];
        block.Random.NextBytes(bytes);
        return bytes;
    }

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

    private static WalletAddress RandomHolder(BlockContext block) =>
        block.Wallet.Get(block.Random.Next(block.Wallet.KeyCount), ScriptKind.P2pkh);

    private static JsonObject Event(IncludedTransaction included, string kind, string assetId, Dictionary<int, ulong> outputs, byte opcode)
    {
        var map = new JsonObject();
        foreach (var (index, quantity) in outputs.OrderBy(o => o.Key))
        {
            map[index.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new JsonArray(assetId, quantity);
        }

        return new JsonObject
        {
            ["txid"] = included.Txid.ToString(),
            ["protocol"] = "colu",
            ["kind"] = kind,
            ["opcode"] = opcode,
            ["assetId"] = assetId,
            ["outputs"] = map,
        };
    }

    private sealed record Holding(ForgeCoin Coin, string AssetId, ulong Amount, string IssueTxid);
}
