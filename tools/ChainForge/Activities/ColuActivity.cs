using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Explorer.ChainForge.Chain;
using Explorer.ChainForge.Wallet;
using Explorer.Protocols.Colu;
using NBitcoin;

namespace Explorer.ChainForge.Activities;

/// <summary>
/// Colu Colored Coins activity, built with the project's <see cref="ColuPayloadEncoder"/> (cc-transaction encode()):
/// issuances of every opcode (0x01-0x06: no metadata with or without rules, a torrent hash, torrent hash + sha2 in the
/// OP_RETURN or spilled into a 1-of-2 / 1-of-3 bare multisig output, <see cref="ColuMultisigHashes.BuildOutput"/>);
/// transfers (0x10-0x15) and burns (0x20-0x25) with the same metadata layouts, one or two colored inputs, up to 20
/// payments, skips and continuations, leftovers to the last output; overflowing transfers (more than the inputs hold,
/// range and percent payments, an output that does not exist); spends of colored outputs without any CC payload
/// (<c>ColuActivity.Transfers.cs</c>). The ground truth is the scenario's own bookkeeping (amounts per output per
/// asset, computed here from the rules of cc-get-assets-outputs 1.2.1 quoted at each step), under "protocolEvents".
/// Spec: https://github.com/Colored-Coins/Colored-Coins-Protocol-Specification/wiki
/// </summary>
public sealed partial class ColuActivity(double transactionsPerBlock) : IScenarioActivity
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
            var ok = _holdings.Count < 2 || roll < 30 ? Issue(block) : Move(block, roll);
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
        for (var i = 0; i < holders; i++)
        {
            payments.Add(ColuPayment.Transfer(0, i, (ulong)block.Random.NextInt64(1, (long)(amount / (ulong)(holders + 1)))));
        }

        var (torrent, sha2, noRules) = RandomMetadata(block);
        var lockStatus = block.Random.Next(2) == 0;
        var divisibility = block.Random.Next(0, 4);
        ColuEncoded? encoded;
        string? error;
        // Many payments push the hashes into the multisig output; drop payments while the payload is too long.
        while (!ColuPayloadEncoder.TryEncodeLikeReference(new ColuEncodeRequest(ColuKind.Issuance, [.. payments], TorrentHash: torrent,
            Sha2: sha2, NoRules: noRules, Amount: amount, Divisibility: divisibility, LockStatus: lockStatus,
            AggregationPolicy: ColuAggregationPolicy.Aggregatable), out encoded, out error))
        {
            if (payments.Count == 1)
            {
                throw new InvalidOperationException("Colu issuance does not encode: " + error);
            }

            payments.RemoveAt(payments.Count - 1);
            holders--;
        }

        var paid = payments.Aggregate(0UL, (s, p) => s + p.Amount);
        var tx = NewTx(funding);
        for (var i = 0; i < holders; i++)
        {
            tx.Outputs.Add(new TxOut(Money.Satoshis(ColoredValue), RandomHolder(block).ScriptPubKey));
        }

        tx.Outputs.Add(new TxOut(Money.Zero, OpReturn(encoded!.Payload)));
        var multisig = AddHashesOutput(tx, encoded, torrent, sha2, atStart: false);
        var leftover = amount - paid;
        var spent = (ColoredValue * (holders + (multisig is null ? 0 : 1))) + ColoredValue;
        tx.Outputs.Add(new TxOut(funding.TxOut.Value - spent - Fee(tx), Change(block).ScriptPubKey));
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

        Hold(included, outputs, assetId, included.Txid.ToString());
        var e = Event(included, "issuance", assetId, outputs, encoded.Payload[3]);
        e["amount"] = amount;
        e["divisibility"] = divisibility;
        e["lockStatus"] = lockStatus;
        e["noRules"] = noRules;
        e["torrentHash"] = torrent is null ? null : Convert.ToHexStringLower(torrent);
        e["sha2"] = sha2 is null ? null : Convert.ToHexStringLower(sha2);
        e["multisig"] = multisig;
        block.Record(e);
        return true;
    }

    /// <summary>
    /// Metadata of a payload: none (noRules true or false: issuance 0x05 / 0x06), a torrent hash (0x04, 0x13 with rules,
    /// 0x14 without), or torrent hash and sha2 (0x01/0x02/0x03, 0x10/0x11/0x12, 0x20/0x21/0x22 by what fits in 80 bytes).
    /// </summary>
    private static (byte[]? Torrent, byte[]? Sha2, bool NoRules) RandomMetadata(BlockContext block)
    {
        var metadata = block.Random.Next(3);
        var torrent = metadata >= 1 ? RandomBytes(block, 20) : null;
        var sha2 = metadata == 2 ? RandomBytes(block, 32) : null;
        return (torrent, sha2, block.Random.Next(2) == 0);
    }

    /// <summary>
    /// cc-transaction-builder _addHashesOutput: sha2 always spills first (key 1), with both spilled the torrent hash is
    /// key 2 (1-of-3). Transfers put the output at index 0 ("tx.outs.unshift", after the payments were shifted by one).
    /// </summary>
    private static string? AddHashesOutput(Transaction tx, ColuEncoded encoded, byte[]? torrent, byte[]? sha2, bool atStart)
    {
        if (encoded.Leftover.Length == 0)
        {
            return null;
        }

        var both = encoded.Leftover.Length == 2;
        var output = new TxOut(Money.Satoshis(ColoredValue), ColuMultisigHashes.BuildOutput(sha2!, both ? torrent : null));
        if (atStart)
        {
            tx.Outputs.Insert(0, output);
        }
        else
        {
            tx.Outputs.Add(output);
        }

        return both ? "1-of-3" : "1-of-2";
    }

    private void Hold(IncludedTransaction included, Dictionary<int, ulong> outputs, string assetId, string issueTxid)
    {
        foreach (var (index, quantity) in outputs)
        {
            _holdings = _holdings.Add(included.KeptCoins[index].OutPoint, new Holding(included.KeptCoins[index], assetId, quantity, issueTxid));
        }
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

    private static WalletAddress Change(BlockContext block) => block.Wallet.Get(0, ScriptKind.P2wpkh);

    private static JsonObject Event(IncludedTransaction included, string kind, string assetId, Dictionary<int, ulong> outputs, byte? opcode)
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
