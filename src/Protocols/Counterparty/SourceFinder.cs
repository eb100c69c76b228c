using Explorer.Protocols.Common;
using NBitcoin;
using NBitcoin.Crypto;

namespace Explorer.Protocols.Counterparty;

/// <summary>
/// The source address of a transaction as <c>get_transaction_sources</c> finds it (counterparty-core
/// lib/parser/gettxinfo.py): from <c>first_input_is_source</c> (mainnet 423888) the address of the output spent by
/// input 0; before that the unique addresses of all inputs joined with "-". A source output that carries data, or
/// whose type is not recognised, makes the transaction unparsable.
/// </summary>
internal static class SourceFinder
{
    /// <summary>Null value (success) when the needed previous outputs are not known.</summary>
    public static DecodeResult<string?> Sources(Transaction tx, IReadOnlyList<TxOut?> prevouts, CounterpartyRules rules,
        int h, Arc4Key key, byte[] prefix)
    {
        var sources = new List<string>();
        var ops = new List<ScriptOp>();
        var count = h >= rules.FirstInputIsSource ? 1 : tx.Inputs.Count;
        for (var i = 0; i < count; i++)
        {
            if (i >= prevouts.Count || prevouts[i] is not { } prevout) return DecodeResult<string?>.Ok(null);
            var address = AddressOf(prevout.ScriptPubKey.ToBytes(true), rules, h, key, prefix, ops, out var error);
            if (address is null) return DecodeResult<string?>.Fail(DecodeError.InvalidScript, i, error);
            // "Collect unique sources."
            if (!sources.Contains(address)) sources.Add(address);
        }
        return DecodeResult<string?>.Ok(string.Join("-", sources));
    }

    private static string? AddressOf(ReadOnlySpan<byte> script, CounterpartyRules rules, int h, Arc4Key key, byte[] prefix,
        List<ScriptOp> ops, out string error)
    {
        error = string.Empty;
        if (!ScriptOps.TryParse(script, ops) || ops.Count == 0) { error = "unrecognised source type"; return null; }
        var last = ops[^1].Opcode;
        if (last == ScriptOps.OpCheckSig && !ops[^1].IsPush)
        {
            // decode_checksig: only the exact pubkey-hash shape; "data in source" is an error.
            if (!VoutParser.IsP2pkh(script)) { error = "invalid OP_CHECKSIG source"; return null; }
            var hash = script.Slice(3, 20);
            var decrypted = key.Apply(hash);
            if (decrypted.AsSpan(1).StartsWith(prefix)) { error = "data in source"; return null; }
            return AddressStrings.PubKeyHash(hash, rules.Network);
        }
        if (last == ScriptOps.OpCheckMultiSig && !ops[^1].IsPush)
        {
            // decode_checkmultisig: N-of-2 or N-of-3.
            var n = ops.Count - 3;
            if (n is not (2 or 3) || ops[^2].Opcode != ScriptOps.Op1 + n - 1 || ops[0].IsPush) { error = "invalid OP_CHECKMULTISIG source"; return null; }
            var m = ops[0].Opcode - ScriptOps.Op1 + 1;
            var raw = new List<byte>();
            for (var i = 1; i <= n; i++)
            {
                if (!ops[i].IsPush || ops[i].DataLength < 2) { error = "invalid OP_CHECKMULTISIG source"; return null; }
                if (i < n) raw.AddRange(script.Slice(ops[i].DataOffset + 1, ops[i].DataLength - 2));
            }
            var decrypted = key.Apply(raw.ToArray());
            if (decrypted.Length > prefix.Length && decrypted.AsSpan(1).StartsWith(prefix)) { error = "data in source"; return null; }
            if (m is < 1 or > 3) { error = "invalid multisig source"; return null; }
            var addresses = new List<string>();
            for (var i = 1; i <= n; i++)
                addresses.Add(new KeyId(Hashes.Hash160(script.Slice(ops[i].DataOffset, ops[i].DataLength)).ToBytes()).GetAddress(rules.Network).ToString());
            addresses.Sort(StringComparer.Ordinal);
            return $"{m}_{string.Join("_", addresses)}_{n}";
        }
        if (script.Length == 23 && script[0] == ScriptOps.OpHash160 && script[1] == 20 && script[22] == ScriptOps.OpEqual)
            return AddressStrings.ScriptHash(script.Slice(2, 20), rules.Network);
        if ((ops[0].Opcode == 0 && h >= rules.SegwitSupport) || (ops[0].Opcode == ScriptOps.Op1 && h >= rules.TaprootSupport))
        {
            var address = AddressStrings.OfScript(script, rules.Network);
            if (address is not null) return address;
        }
        error = "unrecognised source type";
        return null;
    }
}
