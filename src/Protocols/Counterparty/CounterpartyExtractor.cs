using System.Collections.Immutable;
using Explorer.Protocols.Common;
using NBitcoin;

namespace Explorer.Protocols.Counterparty;

// Spec: https://github.com/CounterpartyXCP/counterparty-core (counterpartycore/lib/parser, lib/messages, counterparty-rs) and ../shared/docs/protocols.md section 3.
/// <summary>
/// Finds the Counterparty data of a transaction and what <c>get_tx_info</c> derives with it, exactly as
/// counterparty-core does (spec: ../shared/docs/protocols.md section 3; code: counterparty-core
/// counterpartycore/lib/parser/gettxinfo.py, gettxinfolegacy.py, p2sh.py and counterparty-rs bitcoin_client.rs).
/// Pure: the previous outputs (for source and fee) are given by the caller.
/// </summary>
public static class CounterpartyExtractor
{
    /// <summary>Extracts with the rules in force at <paramref name="height"/> (null = newest).
    /// Fails with <see cref="DecodeError.NotThisProtocol"/> when the transaction carries no Counterparty data.</summary>
    /// <param name="revealFunding">For a taproot reveal, the output that funded its commit (the commit's input 0):
    /// counterparty-core's source of a reveal; null = unknown (the reveal's source and fee are then null).</param>
    public static DecodeResult<XcpExtraction> Extract(Transaction tx, IReadOnlyList<TxOut?> prevouts,
        CounterpartyRules rules, int? height, string prefix, Decoding.RevealFunding? revealFunding = null)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(rules);
        var h = height ?? CounterpartyRules.Newest;
        var prefixBytes = System.Text.Encoding.ASCII.GetBytes(prefix);
        // "Ignore coinbase transactions."
        if (tx.IsCoinBase || tx.Inputs.Count == 0) return DecodeResult<XcpExtraction>.Fail(DecodeError.NotThisProtocol, -1, "coinbase");
        var key = new Arc4Key(ArcKey(tx));
        // "No data parsing happens before mainnet block 333500 (multisig_addresses); earlier blocks use the legacy parser."
        try
        {
            if (h < rules.MultisigAddresses) return LegacyExtractor.Extract(tx, prevouts, rules, h, key, prefixBytes);
            return ExtractModern(tx, prevouts, rules, h, key, prefixBytes, revealFunding);
        }
        catch (OverflowException)
        {
            // Python's integers never overflow; a transaction whose outputs (or given prevouts) add up past 64 bits is
            // outside consensus anyway (CheckTransaction: "bad-txns-txouttotal-toolarge", at most 21,000,000 BTC).
            return DecodeResult<XcpExtraction>.Fail(DecodeError.Overflow, -1, "output or input values add up past 64 bits");
        }
    }

    /// <summary>"ARC4 key = the 32 bytes of the txid of the output spent by input 0, in display (big-endian) order."</summary>
    public static byte[] ArcKey(Transaction tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        var key = tx.Inputs[0].PrevOut.Hash.ToBytes();
        Array.Reverse(key);
        return key;
    }

    private static DecodeResult<XcpExtraction> ExtractModern(Transaction tx, IReadOnlyList<TxOut?> prevouts,
        CounterpartyRules rules, int h, Arc4Key key, byte[] prefix, Decoding.RevealFunding? revealFunding)
    {
        var ops = new List<ScriptOp>();
        var destinations = new List<string>();
        var chunks = ImmutableArray.CreateBuilder<XcpChunk>();
        var data = new List<byte>();
        long btcAmount = 0, outputsValue = 0;
        var carrier = XcpCarrier.None;
        for (var i = 0; i < tx.Outputs.Count; i++)
        {
            var output = tx.Outputs[i];
            outputsValue = checked(outputsValue + output.Value.Satoshi);
            var result = VoutParser.Parse(output.ScriptPubKey.ToBytes(true), i, key, prefix, rules, h, ops);
            if (result.Kind == VoutKind.Error)
                return DecodeResult<XcpExtraction>.Fail(chunks.Count == 0 ? DecodeError.NotThisProtocol : DecodeError.InvalidScript, i, result.Error);
            var unspendableOnly = destinations.Count == 1 && destinations[0] == rules.Unspendable;
            if (data.Count == 0 && result.Kind == VoutKind.Destination && !unspendableOnly)
            {
                // "While no data has been found, destination outputs are collected (btc_amount += value);
                // once the single destination is the burn address, nothing more is added."
                destinations.Add(result.Destination!);
                btcAmount = checked(btcAmount + output.Value.Satoshi);
            }
            else if (result.Kind == VoutKind.Destination)
            {
                // "The first destination output after data marks the change output, and parsing stops there"
                // (likewise after a lone burn destination).
                break;
            }
            else if (result.Kind == VoutKind.RevealMarker)
            {
                var reveal = TaprootEnvelopeReader.Read(tx, rules, h);
                chunks.Add(result.Chunk!);
                if (!reveal.IsSuccess) return DecodeResult<XcpExtraction>.Fail(reveal.Error, reveal.ErrorOffset, reveal.Detail);
                chunks.Add(reveal.Value);
                data.AddRange(reveal.Value.Decrypted.AsSpan(reveal.Value.DataOffset, reveal.Value.DataLength));
                if (carrier == XcpCarrier.None) carrier = XcpCarrier.Taproot;
            }
            else
            {
                var chunk = result.Chunk!;
                chunks.Add(chunk);
                data.AddRange(chunk.Decrypted.AsSpan(chunk.DataOffset, chunk.DataLength));
                if (carrier == XcpCarrier.None) carrier = chunk.Carrier;
            }
        }

        // "correct_transaction_fee": from its activation the fee subtracts every output, not only those walked so far.
        if (h >= rules.CorrectTransactionFee)
            outputsValue = tx.Outputs.Sum(o => o.Value.Satoshi);
        // A reveal's inputs resolve one hop further back: input 0, and any input spending the funding transaction, to the
        // output that funded the commit (backend/bitcoind.py get_reveal_prevouts). Unknown funding: source and fee unknown.
        var isReveal = carrier == XcpCarrier.Taproot;
        IReadOnlyList<TxOut?> resolved = isReveal ? RevealPrevouts(tx, prevouts, revealFunding) : prevouts;
        long? inputsValue = SumPrevouts(tx, resolved);
        string? source = null;
        // P2SH encoding: "Signalled when the parsed data equals P2SH"; the data then comes from the inputs' scriptSigs.
        if (h >= rules.P2shEncoding && h < rules.P2shDisabled && data.Count == 4 && data.ToArray().AsSpan().SequenceEqual("P2SH"u8))
        {
            var p2sh = P2shDataReader.Read(tx, prevouts, rules, h, prefix);
            if (!p2sh.IsSuccess) return DecodeResult<XcpExtraction>.Fail(p2sh.Error, p2sh.ErrorOffset, p2sh.Detail);
            data.Clear();
            foreach (var c in p2sh.Value.Chunks)
            {
                chunks.Add(c);
                data.AddRange(c.Decrypted.AsSpan(c.DataOffset, c.DataLength));
            }
            carrier = XcpCarrier.P2sh;
            source = p2sh.Value.Source;
        }

        var isBurnDestination = destinations.Count == 1 && destinations[0] == rules.Unspendable;
        // "Only look for source if data were found or destination is UNSPENDABLE": otherwise a BTC-only transaction.
        if (data.Count == 0 && !isBurnDestination)
            return DecodeResult<XcpExtraction>.Fail(DecodeError.NotThisProtocol, -1, "no data and not unspendable");

        if (source is null)
        {
            // check_signatures_sighash_flag runs before the sources are collected (not for P2SH-encoded data).
            if (SighashCheck.Check(tx, h >= rules.TaprootSupport) is { } sighashError)
                return DecodeResult<XcpExtraction>.Fail(DecodeError.Malformed, 0, sighashError);
            // require_reveal_source_signature: a reveal names its funder as source only when the funder signed it.
            if (isReveal && h >= rules.RequireRevealSourceSignature && revealFunding is not null
                && prevouts.Count > 0 && prevouts[0] is { } commit
                && RevealSourceCheck.Check(commit.ScriptPubKey.ToBytes(true), revealFunding.Output.ScriptPubKey.ToBytes(true),
                    [.. tx.Inputs[0].WitScript.Pushes]) is { } revealError)
                return DecodeResult<XcpExtraction>.Fail(DecodeError.Malformed, 0, "reveal not signed by its source: " + revealError);
            var sources = SourceFinder.Sources(tx, resolved, rules, h, key, prefix);
            if (!sources.IsSuccess) return DecodeResult<XcpExtraction>.Fail(sources.Error, sources.ErrorOffset, sources.Detail);
            source = sources.Value;
        }
        long? fee = inputsValue is null ? null : checked(inputsValue.Value - outputsValue);
        return DecodeResult<XcpExtraction>.Ok(new XcpExtraction(carrier, [.. data], [.. destinations], btcAmount, fee,
            source, chunks.ToImmutable(), data.Count == 0 && isBurnDestination));
    }

    private static TxOut?[] RevealPrevouts(Transaction tx, IReadOnlyList<TxOut?> prevouts, Decoding.RevealFunding? funding)
    {
        var resolved = new TxOut?[tx.Inputs.Count];
        for (var i = 0; i < resolved.Length; i++)
            resolved[i] = funding is null ? null
                : i == 0 || tx.Inputs[i].PrevOut.Hash == funding.OutPoint.Hash ? funding.Output
                : i < prevouts.Count ? prevouts[i] : null;
        return resolved;
    }

    internal static long? SumPrevouts(Transaction tx, IReadOnlyList<TxOut?> prevouts)
    {
        if (prevouts.Count < tx.Inputs.Count) return null;
        long sum = 0;
        for (var i = 0; i < tx.Inputs.Count; i++)
        {
            if (prevouts[i] is not { } p) return null;
            sum = checked(sum + p.Value.Satoshi);
        }
        return sum;
    }
}
