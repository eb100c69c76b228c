using Explorer.Protocols.Common;
using NBitcoin;

namespace Explorer.Protocols.Colu;

/// <summary>
/// Reads the metadata hashes that cc-transaction-builder's <c>_addHashesOutput</c> writes into a bare multisig output:
/// <c>OP_1 &lt;key&gt; &lt;0x03‖sha2&gt; [&lt;0x03‖eleven 0x00‖sha1‖pad&gt; OP_3 | OP_2] OP_CHECKMULTISIG</c>, inserted as output 0.
/// Reference: Colored-Coins/cc-transaction-builder index.js (_addHashesOutput, tx.outs.unshift).
/// </summary>
public static class ColuMultisigHashes
{
    public const int KeyLength = 33;

    /// <summary>"Parse sha1 from bytes 12..31 of that key and sha2 from bytes 1..32 of the key at index 1" (protocols.md 4.5).</summary>
    public const int TorrentHashOffsetInKey = 12;
    public const int Sha2OffsetInKey = 1;

    /// <summary>
    /// Reads the key pushes of a 1-of-<paramref name="keyCount"/> bare multisig script. Returns false when the
    /// script is not <c>OP_1 &lt;33-byte keys&gt;… OP_n OP_CHECKMULTISIG</c> with n = <paramref name="keyCount"/>.
    /// <paramref name="keyOffsets"/> receives the offset of each key's bytes in the script.
    /// </summary>
    public static bool TryReadKeys(ReadOnlySpan<byte> script, int keyCount, Span<int> keyOffsets)
    {
        // 1 (OP_1) + keyCount × (1 + 33) + 1 (OP_n) + 1 (OP_CHECKMULTISIG)
        if (keyOffsets.Length < keyCount || script.Length != 3 + keyCount * (1 + KeyLength)) return false;
        if (script[0] != (byte)OpcodeType.OP_1) return false;
        var position = 1;
        for (var k = 0; k < keyCount; k++)
        {
            if (script[position] != KeyLength) return false;
            keyOffsets[k] = position + 1;
            position += 1 + KeyLength;
        }
        return script[position] == (byte)OpcodeType.OP_1 + keyCount - 1 && script[position + 1] == (byte)OpcodeType.OP_CHECKMULTISIG;
    }

    /// <summary>
    /// Finds the hash output of <paramref name="tx"/> for a payload whose opcode keeps <paramref name="keyCount"/> − 1
    /// hashes in multisig: output 0 first (where the builder puts it), else the first matching bare multisig output.
    /// </summary>
    public static int FindOutput(Transaction tx, int keyCount, Span<int> keyOffsets)
    {
        ArgumentNullException.ThrowIfNull(tx);
        for (var i = 0; i < tx.Outputs.Count; i++)
            if (TryReadKeys(tx.Outputs[i].ScriptPubKey.ToBytes(true), keyCount, keyOffsets)) return i;
        return -1;
    }

    /// <summary>
    /// Builds the hash output as <c>_addHashesOutput</c> does: key 0 is <paramref name="pubKey"/> or 03ff…ff, key 1 is
    /// 0x03‖sha2, and with a torrent hash key 2 is 0x03‖eleven 0x00‖sha1‖one padding byte (0 here; uninitialised in old Node).
    /// </summary>
    public static Script BuildOutput(byte[] sha2, byte[]? torrentHash = null, byte[]? pubKey = null, byte padding = 0)
    {
        ArgumentNullException.ThrowIfNull(sha2);
        if (sha2.Length != ColuPayloadDecoder.Sha2Length) throw new ArgumentException("sha2 must be 32 bytes", nameof(sha2));
        if (torrentHash is not null && torrentHash.Length != ColuPayloadDecoder.TorrentHashLength)
            throw new ArgumentException("torrent hash must be 20 bytes", nameof(torrentHash));
        var first = pubKey ?? [0x03, .. Enumerable.Repeat((byte)0xFF, 32)];
        var ops = new List<Op> { OpcodeType.OP_1, Op.GetPushOp(first), Op.GetPushOp([0x03, .. sha2]) };
        if (torrentHash is not null)
        {
            var key = new byte[KeyLength];
            key[0] = 0x03;
            torrentHash.CopyTo(key, TorrentHashOffsetInKey);
            key[KeyLength - 1] = padding;
            ops.Add(Op.GetPushOp(key));
            ops.Add(OpcodeType.OP_3);
        }
        else
        {
            ops.Add(OpcodeType.OP_2);
        }
        ops.Add(OpcodeType.OP_CHECKMULTISIG);
        return new Script(ops);
    }

    /// <summary>The annotations of the hashes in the multisig output's script (layer "output[N].script").</summary>
    public static Annotation Annotate(string field, byte[] value, int outputIndex, int offset) =>
        new(field, Convert.ToHexStringLower(value), $"output[{outputIndex}].script", offset, value.Length);
}
