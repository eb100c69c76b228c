using System.Buffers.Binary;
using System.Collections.Immutable;
using Explorer.Protocols.Common;
using NBitcoin;
using NBitcoin.Crypto;

namespace Explorer.Protocols.Counterparty;

/// <summary>The chunks read from input redeem scripts and the source named by the redeem script's pubkey.</summary>
internal sealed record P2shData(ImmutableArray<XcpChunk> Chunks, string? Source);

/// <summary>
/// P2SH data encoding (mainnet 585538 &lt;= h &lt; 902000; ../shared/docs/protocols.md 3.3; counterparty-core
/// lib/parser/p2sh.py decode_p2sh_input / decode_data_redeem_script): the redeem script, the last push of each
/// scriptSig, is <c>PUSH(chunk) OP_DROP &lt;pubkey&gt; OP_CHECKSIGVERIFY &lt;n&gt; OP_DROP OP_DEPTH 0 OP_EQUAL</c> or the
/// multisig variant; each chunk starts with the prefix and is not encrypted.
/// </summary>
internal static class P2shDataReader
{
    public static DecodeResult<P2shData> Read(Transaction tx, IReadOnlyList<TxOut?> prevouts, CounterpartyRules rules,
        int h, byte[] prefix)
    {
        _ = prevouts;
        _ = h;
        var ops = new List<ScriptOp>();
        var chunks = ImmutableArray.CreateBuilder<XcpChunk>();
        string? source = null;
        for (var i = 0; i < tx.Inputs.Count; i++)
        {
            var scriptSig = tx.Inputs[i].ScriptSig.ToBytes(true);
            if (!ScriptOps.TryParse(scriptSig, ops) || ops.Count == 0 || !ops[^1].IsPush)
                return DecodeResult<P2shData>.Fail(DecodeError.InvalidScript, i, $"input {i}: scriptSig does not end with a redeem script");
            var redeemOp = ops[^1];
            var redeem = scriptSig.AsSpan(redeemOp.DataOffset, redeemOp.DataLength);
            var segwit = tx.Inputs[i].WitScript is { PushCount: > 0 };
            if (!TryDecodeRedeemScript(redeem, segwit, rules.Network, out var found, out var foundOffset, out var newSource))
                continue;
            // "this could be a p2sh source address with no encoded data"
            if (found.Length == 0) continue;
            // "Each chunk must start with CNTRPRTY (not ARC4-encrypted)."
            if (!found.StartsWith(prefix))
                return DecodeResult<P2shData>.Fail(DecodeError.NotThisProtocol, i, "unrecognised P2SH output");
            if (newSource is not null) source = newSource;
            var bytes = found.ToArray();
            chunks.Add(new XcpChunk(XcpCarrier.P2sh, $"input[{i}].scriptSig",
                [new ByteSpan(redeemOp.DataOffset + foundOffset, bytes.Length)], bytes, bytes, prefix.Length, bytes.Length - prefix.Length));
        }
        return DecodeResult<P2shData>.Ok(new P2shData(chunks.ToImmutable(), source));
    }

    /// <summary>decode_data_redeem_script: false when the redeem script is not a data script (any out-of-range
    /// read counts as "not valid", as the reference catches every exception there).</summary>
    private static bool TryDecodeRedeemScript(ReadOnlySpan<byte> r, bool segwit, Network network,
        out ReadOnlySpan<byte> found, out int foundOffset, out string? source)
    {
        found = default;
        foundOffset = 0;
        source = null;
        if (r.Length == 0) return false;
        // "OP_DROP [push] [33-byte pubkey] OP_CHECKSIGVERIFY [n] OP_DROP OP_DEPTH 0 OP_EQUAL": data pushed outside.
        if (r.Length == 41 && r[0] == ScriptOps.OpDrop && r[35] == ScriptOps.OpCheckSigVerify && r[37] == ScriptOps.OpDrop
            && r[38] == ScriptOps.OpDepth && r[39] == 0 && r[40] == ScriptOps.OpEqual)
        {
            source = SourceOf(r.Slice(2, 33), segwit, network);
            return true;
        }
        if (r.Length > 41 && r[0] == ScriptOps.OpDrop && r[^4] == ScriptOps.OpDrop && r[^3] == ScriptOps.OpDepth
            && r[^2] == 0 && r[^1] == ScriptOps.OpEqual)
            return true;
        var first = r[0];
        if (!((first > 0 && first < ScriptOps.OpPushData1) || first is ScriptOps.OpPushData1 or ScriptOps.OpPushData2 or ScriptOps.OpPushData4))
            return false;
        var pos = 0;
        if (!TryPush(r, ref pos, out var dataStart, out var dataLength)) return false;
        if (pos >= r.Length || r[pos] != ScriptOps.OpDrop) return false;
        pos++;
        if (pos >= r.Length) return false;
        var opcode = r[pos];
        bool validSig;
        if (opcode >= ScriptOps.Op2 && opcode <= ScriptOps.Op15)
        {
            // "it's multisig": pubkeys until the opcode naming their count.
            pos++;
            var numSigs = 0;
            while (true)
            {
                if (!TryPush(r, ref pos, out _, out _)) return false;
                numSigs++;
                if (pos >= r.Length) return false;
                if (r[pos] - ScriptOps.Op1 + 1 == numSigs) break;
                if (numSigs > r.Length) return false;
            }
            pos++;
            if (pos >= r.Length) return false;
            validSig = r[pos] == ScriptOps.OpCheckMultiSigVerify;
        }
        else
        {
            // "it's p2pkh"
            if (!TryPush(r, ref pos, out var keyStart, out var keyLength)) return false;
            source = SourceOf(r.Slice(keyStart, keyLength), segwit, network);
            if (pos >= r.Length) return false;
            validSig = r[pos] == ScriptOps.OpCheckSigVerify;
        }
        pos++;
        if (!validSig) return false;
        var unique = 0;
        for (var i = pos + 1; i < r.Length; i++)
            if (r[i] == ScriptOps.OpDrop) { unique = i - pos - 1; break; }
        if (pos + 4 + unique >= r.Length) return false;
        var valid = r[pos + 1 + unique] == ScriptOps.OpDrop && r[pos + 2 + unique] == ScriptOps.OpDepth
            && r[pos + 3 + unique] == 0 && r[pos + 4 + unique] == ScriptOps.OpEqual;
        if (!valid) return false;
        found = r.Slice(dataStart, dataLength);
        foundOffset = dataStart;
        return true;
    }

    /// <summary>decode_data_push: a push at <paramref name="pos"/>; the data slice is clamped like Python slicing.</summary>
    private static bool TryPush(ReadOnlySpan<byte> r, ref int pos, out int start, out int length)
    {
        start = length = 0;
        if (pos >= r.Length) return false;
        var op = r[pos];
        long len = 0;
        if (op > 0 && op < ScriptOps.OpPushData1) { len = op; pos += 1; }
        else if (op == ScriptOps.OpPushData1) { if (pos + 2 > r.Length) return false; len = r[pos + 1]; pos += 2; }
        else if (op == ScriptOps.OpPushData2) { if (pos + 3 > r.Length) return false; len = BinaryPrimitives.ReadUInt16LittleEndian(r[(pos + 1)..]); pos += 3; }
        else if (op == ScriptOps.OpPushData4) { if (pos + 5 > r.Length) return false; len = BinaryPrimitives.ReadUInt32LittleEndian(r[(pos + 1)..]); pos += 5; }
        start = Math.Min(pos, r.Length);
        length = (int)Math.Min(len, r.Length - start);
        var next = pos + len;
        if (next > int.MaxValue) return false;
        pos = (int)next;
        return true;
    }

    private static string SourceOf(ReadOnlySpan<byte> pubkey, bool segwit, Network network)
    {
        var hash = Hashes.Hash160(pubkey.ToArray()).ToBytes();
        return segwit ? new WitKeyId(hash).GetAddress(network).ToString() : new KeyId(hash).GetAddress(network).ToString();
    }
}
