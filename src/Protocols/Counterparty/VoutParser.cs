using System.Collections.Immutable;
using NBitcoin;
using Explorer.Protocols.Common;
using NBitcoin.Crypto;

namespace Explorer.Protocols.Counterparty;

internal enum VoutKind { Destination, Data, RevealMarker, Error }

internal readonly record struct VoutResult(VoutKind Kind, string? Destination, XcpChunk? Chunk, string? Error)
{
    public static VoutResult Fail(string error) => new(VoutKind.Error, null, null, error);
}

// Spec: https://github.com/CounterpartyXCP/counterparty-core (counterpartycore/lib/parser, lib/messages, counterparty-rs) and ../shared/docs/protocols.md section 3.
/// <summary>
/// One output as counterparty-rs <c>parse_vout</c> reads it (bitcoin_client.rs; ../shared/docs/protocols.md 3.2):
/// OP_RETURN data, pubkey-hash data or destination, bare multisig data or destination, P2SH and segwit destinations.
/// Anything else makes the whole transaction unparsable.
/// </summary>
internal static class VoutParser
{
    public static VoutResult Parse(ReadOnlySpan<byte> script, int index, Arc4Key key, ReadOnlySpan<byte> prefix,
        CounterpartyRules rules, int height, List<ScriptOp> ops)
    {
        var location = $"output[{index}].script";
        var parsed = ScriptOps.TryParse(script, ops);
        if (script.Length > 0 && script[0] == ScriptOps.OpReturn)
        {
            // "OP_RETURN: exactly OP_RETURN <one push>"; "Any other OP_RETURN script is an error".
            if (!parsed || ops.Count != 2 || !ops[1].IsPush)
                return VoutResult.Fail($"invalid OP_RETURN script in output {index}");
            var push = script.Slice(ops[1].DataOffset, ops[1].DataLength);
            // From taproot_support an unencrypted push equal to the prefix marks a taproot reveal transaction.
            if (height >= rules.TaprootSupport && push.SequenceEqual(prefix))
                return new VoutResult(VoutKind.RevealMarker, null,
                    new XcpChunk(XcpCarrier.Taproot, location, [new ByteSpan(ops[1].DataOffset, ops[1].DataLength)],
                        push.ToArray(), push.ToArray(), push.Length, 0), null);
            var decrypted = key.Apply(push);
            // "decrypted = ARC4(push), which must start with the prefix. Data = decrypted[8:]. There is no length byte."
            if (!decrypted.AsSpan().StartsWith(prefix))
                return VoutResult.Fail($"OP_RETURN in output {index} does not carry the prefix");
            return new VoutResult(VoutKind.Data, null, new XcpChunk(XcpCarrier.OpReturn, location,
                [new ByteSpan(ops[1].DataOffset, ops[1].DataLength)], push.ToArray(), decrypted,
                prefix.Length, decrypted.Length - prefix.Length), null);
        }
        if (IsP2pkh(script))
        {
            var hash = script.Slice(3, 20);
            var decrypted = key.Apply(hash);
            // "If bytes[1..9] == prefix: data = bytes[1 .. 1+len] with len = bytes[0] (clamped), then drop the prefix."
            if (decrypted.AsSpan(1).StartsWith(prefix))
                return new VoutResult(VoutKind.Data, null,
                    DataChunk(XcpCarrier.PubkeyHash, location, [new ByteSpan(3, 20)], hash.ToArray(), decrypted, prefix.Length), null);
            return new VoutResult(VoutKind.Destination, AddressStrings.PubKeyHash(hash, rules.Network), null, null);
        }
        if (parsed && TryMultisig(script, ops, out var required, out var keyCount))
        {
            // "Take all pubkeys except the last, strip the first byte (sign) and the last byte (nonce) of each."
            var buffer = new List<byte>();
            var ranges = ImmutableArray.CreateBuilder<ByteSpan>();
            for (var i = 1; i < keyCount; i++)
            {
                var op = ops[i];
                if (op.DataLength < 2) return VoutResult.Fail($"multisig key too short in output {index}");
                ranges.Add(new ByteSpan(op.DataOffset + 1, op.DataLength - 2));
                buffer.AddRange(script.Slice(op.DataOffset + 1, op.DataLength - 2));
            }
            var raw = buffer.ToArray();
            var decrypted = key.Apply(raw);
            if (decrypted.Length > prefix.Length && decrypted.AsSpan(1).StartsWith(prefix))
                return new VoutResult(VoutKind.Data, null,
                    DataChunk(XcpCarrier.Multisig, location, ranges.ToImmutable(), raw, decrypted, prefix.Length), null);
            // "Otherwise it is a destination written "<m>_<addr1>_<addr2>[_<addr3>]_<n>", with the addresses sorted."
            var addresses = new List<string>();
            for (var i = 1; i <= keyCount; i++)
                addresses.Add(new KeyId(Hashes.Hash160(script.Slice(ops[i].DataOffset, ops[i].DataLength)).ToBytes())
                    .GetAddress(rules.Network).ToString());
            addresses.Sort(StringComparer.Ordinal);
            return new VoutResult(VoutKind.Destination, $"{required}_{string.Join("_", addresses)}_{keyCount}", null, null);
        }
        if (parsed && script.Length > 0 && script[^1] == ScriptOps.OpCheckMultiSig)
            return VoutResult.Fail($"invalid OP_CHECKMULTISIG script in output {index}");
        if (height >= rules.P2shAddresses && script.Length == 23 && script[0] == ScriptOps.OpHash160 && script[1] == 20
            && script[22] == ScriptOps.OpEqual)
            return new VoutResult(VoutKind.Destination, AddressStrings.ScriptHash(script.Slice(2, 20), rules.Network), null, null);
        // Segwit v0 from segwit_support ("the first instruction is an empty push"); v1 (taproot) from taproot_support.
        if (parsed && ops.Count == 2 && ops[1].IsPush && ((ops[0].Opcode == 0 && height >= rules.SegwitSupport)
            || (ops[0].Opcode == ScriptOps.Op1 && height >= rules.TaprootSupport)))
        {
            var address = AddressStrings.OfScript(script, rules.Network);
            if (address is not null) return new VoutResult(VoutKind.Destination, address, null, null);
        }
        return VoutResult.Fail($"unrecognised output type in output {index}");
    }

    /// <summary>Length byte, prefix, data: "length byte = bytes[0], chunk = bytes[1 .. 1+len], data = chunk[8:]"
    /// (the slice is clamped to the bytes present, as Python slicing does).</summary>
    private static XcpChunk DataChunk(XcpCarrier carrier, string location, ImmutableArray<ByteSpan> ranges, byte[] raw,
        byte[] decrypted, int prefixLength)
    {
        var chunkEnd = Math.Min(1 + decrypted[0], decrypted.Length);
        var dataStart = Math.Min(1 + prefixLength, chunkEnd);
        return new XcpChunk(carrier, location, ranges, raw, decrypted, dataStart, chunkEnd - dataStart);
    }

    public static bool IsP2pkh(ReadOnlySpan<byte> s) =>
        s.Length == 25 && s[0] == ScriptOps.OpDup && s[1] == ScriptOps.OpHash160 && s[2] == 20
        && s[23] == ScriptOps.OpEqualVerify && s[24] == ScriptOps.OpCheckSig;

    /// <summary>Accepted bare multisig shapes: 1-of-2, 2-of-2, 1-of-3, 2-of-3, 3-of-3, keys as pushes.</summary>
    private static bool TryMultisig(ReadOnlySpan<byte> script, List<ScriptOp> ops, out int required, out int keyCount)
    {
        required = keyCount = 0;
        if (ops.Count is not (5 or 6) || ops[^1].Opcode != ScriptOps.OpCheckMultiSig) return false;
        var n = ops[^2].Opcode - ScriptOps.Op1 + 1;
        var m = ops[0].Opcode - ScriptOps.Op1 + 1;
        if (n != ops.Count - 3 || n is < 2 or > 3 || m < 1 || m > n) return false;
        for (var i = 1; i <= n; i++) if (!ops[i].IsPush) return false;
        required = m;
        keyCount = n;
        _ = script;
        return true;
    }
}
