using System.Collections.Immutable;
using Explorer.Protocols.Common;
using NBitcoin;

namespace Explorer.Protocols.Counterparty;

/// <summary>
/// The legacy parser used before multisig_addresses (mainnet 333500): counterparty-core
/// lib/parser/gettxinfolegacy.py get_tx_info_legacy. OP_RETURN pushes and 1-of-2 multisig keys are plaintext
/// (length byte + chunk in the second key); from data_in_pubkeyhash (293000) pubkey-hash outputs carry
/// ARC4-obfuscated chunks that each keep the prefix. The prefix is stripped once from the concatenation.
/// </summary>
internal static class LegacyExtractor
{
    public static DecodeResult<XcpExtraction> Extract(Transaction tx, IReadOnlyList<TxOut?> prevouts, CounterpartyRules rules,
        int h, Arc4Key key, byte[] prefix)
    {
        var ops = new List<ScriptOp>();
        var chunks = ImmutableArray.CreateBuilder<XcpChunk>();
        var data = new List<byte>();
        string? destination = null;
        long? btcAmount = null;
        long outputsValue = 0;
        var pubkeyhashEncoding = false;
        var carrier = XcpCarrier.None;
        for (var i = 0; i < tx.Outputs.Count; i++)
        {
            var output = tx.Outputs[i];
            outputsValue = checked(outputsValue + output.Value.Satoshi);
            var script = output.ScriptPubKey.ToBytes(true);
            var location = $"output[{i}].script";
            var parsed = ScriptOps.TryParse(script, ops);
            var stop = false;
            if (parsed && ops.Count == 2 && ops[0].Opcode == ScriptOps.OpReturn && ops[1].IsPush)
            {
                // "Sum data chunks to get data. (Can mix OP_RETURN and multi-sig.)"
                var chunk = script.AsSpan(ops[1].DataOffset, ops[1].DataLength).ToArray();
                chunks.Add(new XcpChunk(XcpCarrier.OpReturn, location, [new ByteSpan(ops[1].DataOffset, ops[1].DataLength)], chunk, chunk, 0, chunk.Length));
                data.AddRange(chunk);
                if (carrier == XcpCarrier.None) carrier = XcpCarrier.OpReturn;
            }
            else if (parsed && ops.Count == 5 && ops[0].Opcode == ScriptOps.Op1 && ops[3].Opcode == ScriptOps.Op2
                && ops[4].Opcode == ScriptOps.OpCheckMultiSig && ops[2].IsPush && ops[2].DataLength > 0)
            {
                // 1-of-2 multisig: "data_chunk_length = data_pubkey[0]; data_chunk = data_pubkey[1 : length + 1]"
                var pubkey = script.AsSpan(ops[2].DataOffset, ops[2].DataLength).ToArray();
                var end = Math.Min(1 + pubkey[0], pubkey.Length);
                chunks.Add(new XcpChunk(XcpCarrier.Multisig, location, [new ByteSpan(ops[2].DataOffset, ops[2].DataLength)], pubkey, pubkey, 1, end - 1));
                data.AddRange(pubkey.AsSpan(1, end - 1));
                if (carrier == XcpCarrier.None) carrier = XcpCarrier.Multisig;
            }
            else if (parsed && ops.Count == 5 && (h >= rules.DataInPubkeyhash || rules.Network != Network.Main))
            {
                // "Be strict": only pubkey-hash outputs; ARC4 with input 0's previous txid.
                if (VoutParser.IsP2pkh(script))
                {
                    var hash = script.AsSpan(3, 20).ToArray();
                    var decrypted = key.Apply(hash);
                    if (decrypted.AsSpan(1).StartsWith(prefix) || pubkeyhashEncoding)
                    {
                        pubkeyhashEncoding = true;
                        var end = Math.Min(1 + decrypted[0], decrypted.Length);
                        var chunk = decrypted.AsSpan(1, end - 1);
                        var c = new XcpChunk(XcpCarrier.PubkeyHash, location, [new ByteSpan(3, 20)], hash, decrypted, 1, end - 1);
                        if (carrier == XcpCarrier.None) carrier = XcpCarrier.PubkeyHash;
                        // "if data_chunk[-8:] == PREFIX: data += data_chunk[:-8]; break"
                        if (chunk.Length >= prefix.Length && chunk[^prefix.Length..].SequenceEqual(prefix))
                        {
                            chunks.Add(c with { DataLength = end - 1 - prefix.Length });
                            data.AddRange(chunk[..^prefix.Length].ToArray());
                            stop = true;
                        }
                        else
                        {
                            chunks.Add(c);
                            data.AddRange(chunk.ToArray());
                        }
                    }
                }
            }
            if (stop) break;
            // "Destination is the first output before the data."
            if (destination is null && btcAmount is null && data.Count == 0)
            {
                var address = AddressOf(script, rules, h);
                if (address is not null) { destination = address; btcAmount = output.Value.Satoshi; }
            }
        }

        // "Check for, and strip away, prefix (except for burns)."
        var bytes = data.ToArray();
        if (destination != rules.Unspendable)
        {
            if (!bytes.AsSpan().StartsWith(prefix)) return DecodeResult<XcpExtraction>.Fail(DecodeError.NotThisProtocol, -1, "no prefix");
            bytes = bytes[prefix.Length..];
            // The prefix sits at the start of the first chunk's data: move that chunk's data window past it.
            if (chunks.Count > 0 && chunks[0].DataLength >= prefix.Length)
                chunks[0] = chunks[0] with { DataOffset = chunks[0].DataOffset + prefix.Length, DataLength = chunks[0].DataLength - prefix.Length };
        }
        if (bytes.Length == 0 && destination != rules.Unspendable)
            return DecodeResult<XcpExtraction>.Fail(DecodeError.NotThisProtocol, -1, "no data and not unspendable");

        // Sources: every input must be a simple address and all must agree ("Require that all possible source
        // addresses be the same", otherwise no source).
        string? source = null;
        long? fee = null;
        var inputsValue = CounterpartyExtractor.SumPrevouts(tx, prevouts);
        if (inputsValue is not null)
        {
            var list = new List<string>();
            for (var i = 0; i < tx.Inputs.Count; i++)
            {
                var address = AddressOf(prevouts[i]!.ScriptPubKey.ToBytes(true), rules, h);
                if (address is null) return DecodeResult<XcpExtraction>.Fail(DecodeError.InvalidScript, i, "invalid scriptpubkey in source");
                list.Add(address);
            }
            source = list.All(a => a == list[0]) ? list[0] : null;
            fee = checked(inputsValue - outputsValue);
        }
        var destinations = destination is null ? ImmutableArray<string>.Empty : [destination];
        return DecodeResult<XcpExtraction>.Ok(new XcpExtraction(carrier, bytes, destinations, btcAmount ?? 0, fee, source,
            chunks.ToImmutable(), bytes.Length == 0 && destination == rules.Unspendable));
    }

    /// <summary>get_address: pubkey-hash only before multisig_addresses (P2WPKH from correct_segwit_txids).</summary>
    private static string? AddressOf(byte[] script, CounterpartyRules rules, int h)
    {
        if (h >= rules.CorrectSegwitTxids && script.Length == 22 && script[0] == 0 && script[1] == 20)
            return new WitKeyId(script[2..]).GetAddress(rules.Network).ToString();
        return VoutParser.IsP2pkh(script) ? new KeyId(script.AsSpan(3, 20).ToArray()).GetAddress(rules.Network).ToString() : null;
    }
}
