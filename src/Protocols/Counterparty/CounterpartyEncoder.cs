using System.Security.Cryptography;
using NBitcoin;

namespace Explorer.Protocols.Counterparty;

/// <summary>
/// Builds Counterparty carrier scripts around message data (type ID + body; see <see cref="MessageEncoder"/>), the
/// way counterparty-core's composer does (lib/api/composer.py; ../shared/docs/protocols.md 3.2-3.4): ARC4 with
/// input 0's previous txid as key, a fresh stream per output. Used for round-trip tests and to build test chains.
/// </summary>
public static class CounterpartyEncoder
{
    /// <summary>"OP_RETURN is used if 8 + len(data) &lt;= 80": OP_RETURN &lt;ARC4(prefix + data)&gt;.</summary>
    public static Script OpReturn(ReadOnlySpan<byte> arc4Key, string prefix, ReadOnlySpan<byte> data)
    {
        var plain = Concat(System.Text.Encoding.ASCII.GetBytes(prefix), data);
        var script = new List<byte> { ScriptOps.OpReturn };
        ScriptOps.WritePush(script, Arc4.Apply(arc4Key, plain));
        return new Script(script.ToArray());
    }

    /// <summary>The plain taproot reveal marker: OP_RETURN &lt;prefix&gt; (unencrypted).</summary>
    public static Script RevealMarker(string prefix)
    {
        var script = new List<byte> { ScriptOps.OpReturn };
        ScriptOps.WritePush(script, System.Text.Encoding.ASCII.GetBytes(prefix));
        return new Script(script.ToArray());
    }

    /// <summary>1-of-3 bare multisig outputs: "1 &lt;data key 1&gt; &lt;data key 2&gt; &lt;source pubkey&gt; 3 OP_CHECKMULTISIG";
    /// each output carries len byte + prefix + up to (62 - 1 - prefix) data bytes, zero-padded to 62 bytes, encrypted,
    /// split 31 + 31, each half given a sign byte and a nonce byte that make it a valid secp256k1 point.</summary>
    public static IReadOnlyList<Script> Multisig(ReadOnlySpan<byte> arc4Key, string prefix, ReadOnlySpan<byte> data, PubKey sourceKey)
    {
        ArgumentNullException.ThrowIfNull(sourceKey);
        var prefixBytes = System.Text.Encoding.ASCII.GetBytes(prefix);
        var chunkSize = 62 - 1 - prefixBytes.Length;
        var scripts = new List<Script>();
        for (var offset = 0; offset < data.Length || (offset == 0 && data.Length == 0); offset += chunkSize)
        {
            var chunk = data.Slice(offset, Math.Min(chunkSize, data.Length - offset));
            var plain = new byte[62];
            plain[0] = (byte)(prefixBytes.Length + chunk.Length);
            prefixBytes.CopyTo(plain, 1);
            chunk.CopyTo(plain.AsSpan(1 + prefixBytes.Length));
            var encrypted = Arc4.Apply(arc4Key, plain);
            var key1 = MakeKey(encrypted.AsSpan(0, 31));
            var key2 = MakeKey(encrypted.AsSpan(31, 31));
            var script = new List<byte> { ScriptOps.Op1 };
            ScriptOps.WritePush(script, key1);
            ScriptOps.WritePush(script, key2);
            ScriptOps.WritePush(script, sourceKey.ToBytes());
            script.Add(ScriptOps.Op3);
            script.Add(ScriptOps.OpCheckMultiSig);
            scripts.Add(new Script(script.ToArray()));
            if (data.Length == 0) break;
        }
        return scripts;
    }

    /// <summary>Pubkey-hash data outputs: 20 bytes = len byte + prefix + up to (19 - prefix) data bytes, zero-padded, encrypted.</summary>
    public static IReadOnlyList<Script> PubkeyHash(ReadOnlySpan<byte> arc4Key, string prefix, ReadOnlySpan<byte> data)
    {
        var prefixBytes = System.Text.Encoding.ASCII.GetBytes(prefix);
        var chunkSize = 20 - 1 - prefixBytes.Length;
        var scripts = new List<Script>();
        for (var offset = 0; offset < data.Length; offset += chunkSize)
        {
            var chunk = data.Slice(offset, Math.Min(chunkSize, data.Length - offset));
            var plain = new byte[20];
            plain[0] = (byte)(prefixBytes.Length + chunk.Length);
            prefixBytes.CopyTo(plain, 1);
            chunk.CopyTo(plain.AsSpan(1 + prefixBytes.Length));
            scripts.Add(new KeyId(Arc4.Apply(arc4Key, plain)).ScriptPubKey);
        }
        return scripts;
    }

    /// <summary>P2SH data redeem script: PUSH(prefix + chunk) OP_DROP &lt;pubkey&gt; OP_CHECKSIGVERIFY &lt;n&gt; OP_DROP OP_DEPTH 0 OP_EQUAL
    /// (the chunk is not encrypted; <paramref name="uniqueOffset"/> makes each redeem script unique).</summary>
    public static Script P2shRedeemScript(string prefix, ReadOnlySpan<byte> chunk, PubKey pubKey, int uniqueOffset)
    {
        ArgumentNullException.ThrowIfNull(pubKey);
        var script = new List<byte>();
        ScriptOps.WritePush(script, Concat(System.Text.Encoding.ASCII.GetBytes(prefix), chunk));
        script.Add(ScriptOps.OpDrop);
        ScriptOps.WritePush(script, pubKey.ToBytes());
        script.Add(ScriptOps.OpCheckSigVerify);
        script.AddRange(new Script(Op.GetPushOp(uniqueOffset)).ToBytes(true));
        script.Add(ScriptOps.OpDrop);
        script.Add(ScriptOps.OpDepth);
        script.Add(0);
        script.Add(ScriptOps.OpEqual);
        return new Script(script.ToArray());
    }

    /// <summary>Generic taproot envelope leaf: OP_FALSE OP_IF &lt;data in 520-byte pushes&gt; OP_ENDIF &lt;x-only key&gt; OP_CHECKSIG.</summary>
    public static Script TaprootEnvelope(ReadOnlySpan<byte> data, ReadOnlySpan<byte> xOnlyKey)
    {
        var script = new List<byte> { ScriptOps.OpFalse, ScriptOps.OpIf };
        for (var offset = 0; offset < data.Length; offset += 520)
            ScriptOps.WritePush(script, data.Slice(offset, Math.Min(520, data.Length - offset)));
        script.Add(ScriptOps.OpEndIf);
        ScriptOps.WritePush(script, xOnlyKey);
        script.Add(ScriptOps.OpCheckSig);
        return new Script(script.ToArray());
    }

    private static byte[] MakeKey(ReadOnlySpan<byte> half)
    {
        // Sign byte from the low bit of SHA256(half), then the nonce byte is increased until the key is on the curve.
        var sign = (byte)(2 + (SHA256.HashData(half)[0] & 1));
        var key = new byte[33];
        half.CopyTo(key.AsSpan(1));
        foreach (var s in new[] { sign, (byte)(sign ^ 1) })
        {
            key[0] = s;
            for (var nonce = 0; nonce < 256; nonce++)
            {
                key[32] = (byte)nonce;
                if (PubKey.TryCreatePubKey(key, out _)) return key;
            }
        }
        throw new InvalidOperationException("no valid public key for this chunk");
    }

    private static byte[] Concat(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var r = new byte[a.Length + b.Length];
        a.CopyTo(r);
        b.CopyTo(r.AsSpan(a.Length));
        return r;
    }
}
