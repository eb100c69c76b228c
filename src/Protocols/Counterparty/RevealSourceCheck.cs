using System.Security.Cryptography;
using NBitcoin;
using NBitcoin.Crypto;

namespace Explorer.Protocols.Counterparty;

/// <summary>
/// <c>require_reveal_source_signature</c> (counterparty-core v11.5.0, GHSA-q27c-r246-f6qw; counterparty-rs
/// src/reveal.rs <c>check_reveal_source_signature</c>): "A reveal is accepted only when 1. the output it spends is a
/// P2TR output, 2. its witness is a tapscript spend of that output -- the control block commits the leaf to the output
/// key under leaf version 0xc0, 3. the leaf is a canonical envelope: OP_FALSE OP_IF &lt;pushes only&gt; OP_ENDIF
/// &lt;32-byte key&gt; OP_CHECKSIG and nothing else, and 4. that 32-byte key is a key of the source address itself."
/// Pure and total: every failure is a reason string (the reference's <c>RevealError</c> texts), never an exception.
/// </summary>
public static class RevealSourceCheck
{
    /// <summary>Null when the reveal is provably signed by its source; otherwise why not.</summary>
    /// <param name="commitScriptPubKey">The output the reveal's input 0 spends (the commit output).</param>
    /// <param name="sourceScriptPubKey">The output that funded the commit (the reveal's source).</param>
    /// <param name="witness">Input 0's witness stack.</param>
    public static string? Check(ReadOnlySpan<byte> commitScriptPubKey, ReadOnlySpan<byte> sourceScriptPubKey, IReadOnlyList<byte[]> witness)
    {
        ArgumentNullException.ThrowIfNull(witness);
        if (witness.Count != 3) return $"witness has {witness.Count} elements, a tapscript reveal has exactly 3";
        // 1. "The reveal spends a P2TR output: OP_1 <32-byte output key>."
        if (!IsP2tr(commitScriptPubKey)) return "the spent commit output is not P2TR";
        if (!TaprootPubKey.TryCreate(commitScriptPubKey.Slice(2, 32), out var outputKey)) return "invalid P2TR output key";
        // 2. "ControlBlock::decode enforces the 33 + 32m length"; leaf version must be 0xc0 (tapscript).
        var cb = witness[2];
        if (cb.Length < 33 || (cb.Length - 33) % 32 != 0 || (cb.Length - 33) / 32 > 128) return "invalid taproot control block";
        if ((cb[0] & 0xfe) != 0xc0) return $"unsupported taproot leaf version 0x{cb[0] & 0xfe:x2}";
        if (!TaprootInternalPubKey.TryCreate(cb.AsSpan(1, 32), out var internalKey)) return "invalid taproot control block";
        var node = TaggedHash("TapLeaf", [0xc0, .. CompactSize(witness[1].Length), .. witness[1]]);
        for (var i = 33; i < cb.Length; i += 32)
        {
            var sibling = cb.AsSpan(i, 32);
            // TapBranch hashes the two children in lexicographic order.
            node = node.AsSpan().SequenceCompareTo(sibling) <= 0
                ? TaggedHash("TapBranch", [.. node, .. sibling])
                : TaggedHash("TapBranch", [.. sibling, .. node]);
        }
        if (!outputKey.CheckTapTweak(internalKey, new uint256(node), (cb[0] & 1) == 1))
            return "control block does not commit the leaf to the output key";
        // 3. The canonical envelope and its key.
        var keyOrError = EnvelopeLeafKey(witness[1], out var leafKey);
        if (keyOrError is not null) return keyOrError;
        // 4. "That key is a key of the source address."
        return SourceControlsKey(sourceScriptPubKey, leafKey!) ? null : "envelope key does not belong to the source address";
    }

    private static bool IsP2tr(ReadOnlySpan<byte> s) => s.Length == 34 && s[0] == ScriptOps.Op1 && s[1] == 32;

    /// <summary>envelope_leaf_key: OP_FALSE OP_IF (pushes, OP_1NEGATE, OP_1..OP_16)* OP_ENDIF &lt;32 bytes&gt; OP_CHECKSIG.</summary>
    private static string? EnvelopeLeafKey(byte[] script, out TaprootPubKey? key)
    {
        key = null;
        var ops = new List<ScriptOp>();
        if (!ScriptOps.TryParse(script, ops)) return "leaf is not a canonical envelope (unparsable script)";
        if (ops.Count == 0 || ops[0].Opcode != ScriptOps.OpFalse) return "leaf is not a canonical envelope (must start with OP_FALSE)";
        if (ops.Count < 2 || ops[1].Opcode != ScriptOps.OpIf) return "leaf is not a canonical envelope (OP_FALSE must be followed by OP_IF)";
        var i = 2;
        for (; ; i++)
        {
            if (i >= ops.Count) return "leaf is not a canonical envelope (missing OP_ENDIF)";
            var op = ops[i].Opcode;
            if (op == ScriptOps.OpEndIf) break;
            // "OP_1NEGATE and OP_1..OP_16: the only non-data opcodes allowed inside the envelope."
            if (!ops[i].IsPush && op != 0x4f && op is not (>= ScriptOps.Op1 and <= ScriptOps.Op16))
                return "leaf is not a canonical envelope (non-push opcode inside the envelope)";
        }
        i++;
        if (i >= ops.Count || !ops[i].IsPush || ops[i].DataLength != 32)
            return "leaf is not a canonical envelope (OP_ENDIF must be followed by a 32-byte key)";
        if (!TaprootPubKey.TryCreate(script.AsSpan(ops[i].DataOffset, 32), out key)) return "invalid envelope public key";
        i++;
        if (i >= ops.Count || ops[i].Opcode != ScriptOps.OpCheckSig) return "leaf is not a canonical envelope (key must be followed by OP_CHECKSIG)";
        if (i + 1 != ops.Count) return "leaf is not a canonical envelope (trailing bytes after OP_CHECKSIG)";
        return null;
    }

    /// <summary>source_controls_key: P2TR (the output key, or an internal key whose BIP86 tweak is it), P2WPKH, P2SH-P2WPKH
    /// and P2PKH (compressed or uncompressed) with either parity of the x-only key; nothing else.</summary>
    private static bool SourceControlsKey(ReadOnlySpan<byte> source, TaprootPubKey key)
    {
        var x = key.ToBytes();
        byte[][] compressed = [[0x02, .. x], [0x03, .. x]];
        if (IsP2tr(source))
        {
            var output = source.Slice(2, 32);
            if (output.SequenceEqual(x)) return true;
            return TaprootInternalPubKey.TryCreate(x, out var internalKey)
                && internalKey.GetTaprootFullPubKey().OutputKey.ToBytes().AsSpan().SequenceEqual(output);
        }
        if (source.Length == 22 && source[0] == 0 && source[1] == 20)
        {
            var program = source.Slice(2, 20).ToArray();
            return compressed.Any(c => Hashes.Hash160(c).ToBytes().AsSpan().SequenceEqual(program));
        }
        if (VoutParser.IsP2pkh(source))
        {
            var hash = source.Slice(3, 20).ToArray();
            foreach (var c in compressed)
            {
                if (Hashes.Hash160(c).ToBytes().AsSpan().SequenceEqual(hash)) return true;
                var pub = new PubKey(c).Decompress();
                if (Hashes.Hash160(pub.ToBytes()).ToBytes().AsSpan().SequenceEqual(hash)) return true;
            }
            return false;
        }
        if (source.Length == 23 && source[0] == ScriptOps.OpHash160 && source[1] == 20 && source[22] == ScriptOps.OpEqual)
        {
            var hash = source.Slice(2, 20).ToArray();
            // "redeem script of a nested P2WPKH: OP_0 <20-byte pubkey hash>"
            return compressed.Any(c => Hashes.Hash160([0x00, 0x14, .. Hashes.Hash160(c).ToBytes()]).ToBytes().AsSpan().SequenceEqual(hash));
        }
        return false;
    }

    private static byte[] TaggedHash(string tag, byte[] data)
    {
        var t = SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(tag));
        return SHA256.HashData([.. t, .. t, .. data]);
    }

    private static byte[] CompactSize(int n) => n switch
    {
        < 0xfd => [(byte)n],
        <= 0xffff => [0xfd, (byte)n, (byte)(n >> 8)],
        _ => [0xfe, (byte)n, (byte)(n >> 8), (byte)(n >> 16), (byte)(n >> 24)],
    };
}
