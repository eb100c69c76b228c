using System.Text.Json.Nodes;
using Explorer.ChainForge.Chain;
using Explorer.ChainForge.Wallet;
using Explorer.Protocols.Colu;
using NBitcoin;

namespace Explorer.ChainForge.Activities;

/// <summary>
/// Colu transfers, burns, overflows and payload-less spends. Every transaction spends one or two colored outputs of the
/// same (aggregatable) asset, then a funding coin for the fee. The amounts each output ends with are stated here from
/// the scenario's intent and the rules of cc-get-assets-outputs 1.2.1 (index.js), never from src/Protocols' engine.
/// </summary>
public sealed partial class ColuActivity
{
    private enum OverflowKind
    {
        MoreThanHeld,
        Range,
        Percent,
        MissingOutput,
    }

    private bool Move(BlockContext block, int roll)
    {
        var candidates = _holdings.Values.Where(h => h.Coin.Height < block.Height && h.Amount > 1)
            .OrderBy(h => h.Coin.OutPoint.ToString(), StringComparer.Ordinal).ToList();
        if (candidates.Count == 0)
        {
            return Issue(block);
        }

        var fee = block.TakeCoin(MinFunding, c => c.Owner.Kind is ScriptKind.P2pkh or ScriptKind.P2wpkh);
        if (fee is null)
        {
            return false;
        }

        var sources = new List<Holding> { candidates[block.Random.Next(candidates.Count)] };
        var partners = candidates.Where(h => h.AssetId == sources[0].AssetId && h != sources[0]).ToList();
        if (partners.Count > 0 && roll < 77 && block.Random.Next(2) == 0)
        {
            sources.Add(partners[block.Random.Next(partners.Count)]);
        }

        foreach (var source in sources)
        {
            _holdings = _holdings.Remove(source.Coin.OutPoint);
        }

        if (roll < 62)
        {
            Transfer(block, sources, fee, burn: false);
        }
        else if (roll < 77)
        {
            Transfer(block, sources, fee, burn: true);
        }
        else if (roll < 92)
        {
            Overflow(block, sources, fee, (OverflowKind)block.Random.Next(4));
        }
        else
        {
            NoPayload(block, sources, fee);
        }

        return true;
    }

    /// <summary>
    /// Payments to 1-20 outputs (and burn payments for a burn), all paid in full; what is not paid stays on the inputs
    /// and goes to the last output. With two inputs, either every payment starts at input 0 and the cursor runs on into
    /// input 1 ("continuation ... allowed only if that asset has the same assetId ... and is aggregatable"), or the
    /// payments of input 1 follow a skip bit ("currentInput &lt; payment.input: move to it").
    /// </summary>
    private void Transfer(BlockContext block, List<Holding> sources, ForgeCoin fee, bool burn)
    {
        var total = sources.Aggregate(0UL, (s, h) => s + h.Amount);
        var (torrent, sha2, noRules) = RandomMetadata(block);
        // Up to 20 payees: with both hashes, 8 or more payments push sha2 (0x11/0x21), about 17 both hashes (0x12/0x22) out.
        var payees = sha2 is not null ? new[] { 1, 2, 9, 20 }[block.Random.Next(4)] - (burn ? 1 : 0)
            : burn ? block.Random.Next(0, 3) : new[] { 1, 1, 2, 3, 5, 8, 14 }[block.Random.Next(7)];
        var burns = burn ? block.Random.Next(1, 3) : 0;
        payees = (int)Math.Min((ulong)payees, total - (ulong)burns);
        var plan = new List<(int Input, int? Payee, ulong Amount)>();
        if (sources.Count == 2 && !burn && payees >= 2 && block.Random.Next(2) == 0)
        {
            // The skip bit is how a payment reaches input 1, so input 0 needs at least one payment of its own.
            var split = block.Random.Next(1, payees);
            var first = Split(block, sources[0].Amount, split, burns: 0);
            var second = Split(block, sources[1].Amount, payees - split, burns: 0);
            if (first.Count > 0 && second.Count > 0)
            {
                plan.AddRange(first.Select(a => (0, (int?)null, a)));
                plan.AddRange(second.Select(a => (1, (int?)null, a)));
            }
        }

        var skip = plan.Count > 0;
        if (!skip)
        {
            plan.AddRange(Split(block, total, payees + burns, burns).Select(a => (0, (int?)null, a)));
        }

        // Payees in plan order; in a burn the first `burns` entries are the burn payments.
        var payee = 0;
        for (var i = 0; i < plan.Count; i++)
        {
            plan[i] = plan[i] with { Payee = i < burns ? null : payee++ };
        }

        var kind = burn ? ColuKind.Burn : ColuKind.Transfer;
        ColuEncoded? encoded;
        while (true)
        {
            if (ColuPayloadEncoder.TryEncodeLikeReference(Request(kind, plan, 0, torrent, sha2, noRules), out encoded, out var error)
                && (encoded!.Leftover.Length == 0
                    || ColuPayloadEncoder.TryEncodeLikeReference(Request(kind, plan, 1, torrent, sha2, noRules), out encoded, out error)))
            {
                break;
            }

            // Too long for 80 bytes: drop the last payee (its units become leftover).
            if (plan.Count(p => p.Payee is not null) <= (burn ? 0 : 1))
            {
                throw new InvalidOperationException("Colu transfer does not encode: " + error);
            }

            plan.RemoveAt(plan.Count - 1);
        }

        payees = plan.Count(p => p.Payee is not null);
        var tx = NewTx([.. sources.Select(s => s.Coin), fee]);
        for (var i = 0; i < payees; i++)
        {
            tx.Outputs.Add(new TxOut(Money.Satoshis(ColoredValue), RandomHolder(block).ScriptPubKey));
        }

        tx.Outputs.Add(new TxOut(Money.Zero, OpReturn(encoded!.Payload)));
        var multisig = AddHashesOutput(tx, encoded, torrent, sha2, atStart: true);
        var shift = multisig is null ? 0 : 1;
        var value = sources.Sum(s => s.Coin.TxOut.Value.Satoshi) + fee.TxOut.Value.Satoshi - (ColoredValue * (payees + shift));
        tx.Outputs.Add(new TxOut(Money.Satoshis(value) - Fee(tx), Change(block).ScriptPubKey));
        var last = tx.Outputs.Count - 1;
        var outputs = new Dictionary<int, ulong>();
        foreach (var p in plan.Where(p => p.Payee is not null))
        {
            outputs[p.Payee!.Value + shift] = p.Amount;
        }

        var burned = plan.Where(p => p.Payee is null).Aggregate(0UL, (s, p) => s + p.Amount);
        // "After all payments, every asset amount left over on every input goes to the last output", merged into one
        // entry for an aggregatable asset ("transferToLastOutput").
        var leftover = total - burned - outputs.Values.Aggregate(0UL, (s, a) => s + a);
        if (leftover > 0)
        {
            outputs[last] = leftover;
        }

        var included = block.Include(tx, [.. sources.Select(s => s.Coin), fee], outputs.Keys);
        Hold(included, outputs, sources[0].AssetId, sources[0].IssueTxid);
        var e = MoveEvent(included, burn ? "burn" : "transfer", sources, outputs, encoded.Payload[3]);
        e["payments"] = new JsonArray([.. plan.Select(p => (JsonNode)new JsonObject
        {
            ["input"] = p.Input,
            ["output"] = p.Payee is null ? null : p.Payee.Value + shift,
            ["amount"] = p.Amount,
            ["burn"] = p.Payee is null,
        })]);
        e["noRules"] = noRules;
        e["torrentHash"] = torrent is null ? null : Convert.ToHexStringLower(torrent);
        e["sha2"] = sha2 is null ? null : Convert.ToHexStringLower(sha2);
        e["multisig"] = multisig;
        e["continuation"] = sources.Count == 2 && !skip && plan.Aggregate(0UL, (s, p) => s + p.Amount) > sources[0].Amount;
        e["burned"] = burned;
        block.Record(e);
    }

    /// <summary>
    /// A transfer the engine refuses. cc-get-assets-outputs 1.2.1 index.js: "if (overflow) { // transfer failed. transfer
    /// all assets in inputs to last output, aggregate those possible". The conditions forged, each a "return false" of
    /// its transfer(): a payment larger than what is left on the inputs ("no asset in input ..., overflow"), a range or
    /// a percent payment ("if (!isPaymentSimple(payment)) return false": the wiki's range and percent semantics are not
    /// implemented, so the payload is valid but pays nothing), and "payment.output &gt;= transaction_data.vout.length".
    /// </summary>
    private void Overflow(BlockContext block, List<Holding> sources, ForgeCoin fee, OverflowKind kind)
    {
        var total = sources.Aggregate(0UL, (s, h) => s + h.Amount);
        var part = (ulong)block.Random.NextInt64(1, (long)total);
        // Outputs: payee 0, OP_RETURN 1, change 2.
        var payment = kind switch
        {
            OverflowKind.MoreThanHeld => ColuPayment.Transfer(0, 0, total + (ulong)block.Random.Next(1, 1_000)),
            OverflowKind.Range => new ColuPayment(0, 0, part, Range: true),
            OverflowKind.Percent => new ColuPayment(0, 0, (ulong)block.Random.Next(1, 101), Percent: true),
            _ => ColuPayment.Transfer(0, block.Random.Next(3, 32), part),
        };
        if (!ColuPayloadEncoder.TryEncodeLikeReference(new ColuEncodeRequest(ColuKind.Transfer, [payment]), out var encoded, out var error))
        {
            throw new InvalidOperationException("Colu overflow transfer does not encode: " + error);
        }

        var tx = NewTx([.. sources.Select(s => s.Coin), fee]);
        tx.Outputs.Add(new TxOut(Money.Satoshis(ColoredValue), RandomHolder(block).ScriptPubKey));
        tx.Outputs.Add(new TxOut(Money.Zero, OpReturn(encoded!.Payload)));
        var value = sources.Sum(s => s.Coin.TxOut.Value.Satoshi) + fee.TxOut.Value.Satoshi - ColoredValue;
        tx.Outputs.Add(new TxOut(Money.Satoshis(value) - Fee(tx), Change(block).ScriptPubKey));
        var outputs = new Dictionary<int, ulong> { [2] = total };
        var included = block.Include(tx, [.. sources.Select(s => s.Coin), fee], [2]);
        Hold(included, outputs, sources[0].AssetId, sources[0].IssueTxid);
        var e = MoveEvent(included, "transfer", sources, outputs, encoded.Payload[3]);
        e["overflow"] = true;
        e["overflowCase"] = kind switch
        {
            OverflowKind.MoreThanHeld => "more-than-held",
            OverflowKind.Range => "range",
            OverflowKind.Percent => "percent",
            _ => "missing-output",
        };
        e["payments"] = new JsonArray(new JsonObject
        {
            ["input"] = 0,
            ["output"] = payment.Output,
            ["amount"] = payment.Amount,
            ["range"] = payment.Range,
            ["percent"] = payment.Percent,
        });
        e["burned"] = 0;
        block.Record(e);
    }

    /// <summary>
    /// Colored outputs spent by a transaction with no CC payload at all. Colu's own indexers give the new outputs no
    /// assets: Colored-Coins/Full-Node src/block_parser.js parseTransaction reads the inputs' assets, deletes the spent
    /// UTXOs, then "if (!coloredData) return cb()" before getAssetsOutputs; Colored-Coins/Parser scanner.js parse_cc_tx
    /// colors outputs only "if (... transaction_data.ccdata &amp;&amp; transaction_data.ccdata.length)". The units are lost
    /// (docs/colu.md, "Colored outputs spent without a CC payload").
    /// </summary>
    private static void NoPayload(BlockContext block, List<Holding> sources, ForgeCoin fee)
    {
        var tx = NewTx([.. sources.Select(s => s.Coin), fee]);
        var value = sources.Sum(s => s.Coin.TxOut.Value.Satoshi) + fee.TxOut.Value.Satoshi;
        tx.Outputs.Add(new TxOut(Money.Satoshis(value) - Fee(tx), Change(block).ScriptPubKey));
        var included = block.Include(tx, [.. sources.Select(s => s.Coin), fee]);
        var e = MoveEvent(included, "destroyed", sources, [], null);
        e["destroyed"] = new JsonArray(new JsonArray(sources[0].AssetId, sources.Aggregate(0UL, (s, h) => s + h.Amount)));
        block.Record(e);
    }

    /// <summary>Splits <paramref name="budget"/> into <paramref name="parts"/> positive amounts whose sum is at most the
    /// budget (sometimes exactly, leaving nothing over); the first <paramref name="burns"/> parts are small (burns).</summary>
    private static List<ulong> Split(BlockContext block, ulong budget, int parts, int burns)
    {
        var result = new List<ulong>();
        if (parts == 0 || budget < (ulong)parts)
        {
            return result;
        }

        var spend = block.Random.Next(4) == 0 ? budget : (ulong)block.Random.NextInt64(parts, (long)budget + 1);
        var left = spend;
        for (var i = 0; i < parts; i++)
        {
            var rest = (ulong)(parts - i - 1);
            var share = i == parts - 1 ? left : (ulong)block.Random.NextInt64(1, (long)Math.Max(2, (left - rest) / (i < burns ? 4UL : 2UL)) + 1);
            share = Math.Min(share, left - rest);
            result.Add(share);
            left -= share;
        }

        return result;
    }

    private static ColuEncodeRequest Request(ColuKind kind, List<(int Input, int? Payee, ulong Amount)> plan, int shift,
        byte[]? torrent, byte[]? sha2, bool noRules) =>
        new(kind, [.. plan.Select(p => p.Payee is null ? ColuPayment.BurnOf(p.Input, p.Amount) : ColuPayment.Transfer(p.Input, p.Payee.Value + shift, p.Amount))],
            TorrentHash: torrent, Sha2: sha2, NoRules: noRules);

    private static JsonObject MoveEvent(IncludedTransaction included, string kind, List<Holding> sources, Dictionary<int, ulong> outputs, byte? opcode)
    {
        var e = Event(included, kind, sources[0].AssetId, outputs, opcode);
        // One entry per input: [assetId, amount, issueTxid] for a colored input, null for the fee input.
        e["inputs"] = new JsonArray([.. sources.Select(s => (JsonNode?)new JsonArray(s.AssetId, s.Amount, s.IssueTxid)), null]);
        return e;
    }
}
