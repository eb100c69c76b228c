using System.Buffers.Binary;
using NBitcoin;

namespace Explorer.Indexer.Pipeline;

/// <summary>
/// The cheap test that decides which transactions reach the decoders without their inputs being colored: byte
/// patterns of the protocols' data carriers, checked on the raw scripts without allocation.
/// <list type="bullet">
/// <item>an OP_RETURN output (Open Assets marker, Colu "CC" payload, Counterparty opreturn);</item>
/// <item>a bare multisig output, script ending in OP_CHECKMULTISIG (Colu metadata hashes, Counterparty multisig);</item>
/// <item>an input whose last scriptSig push is a redeem script opening with a push and OP_DROP (Counterparty P2SH data).</item>
/// </list>
/// A transaction that spends a colored output is decoded whatever this says (the state stage knows).
/// Not covered yet: Counterparty's old "pubkeyhash" carrier and taproot envelopes (docs/indexer.md).
/// </summary>
public static class CarrierPrefilter
{
    private const byte OpReturn = 0x6a;
    private const byte OpCheckMultisig = 0xae;
    private const byte OpDrop = 0x75;
    private const byte OpPushData1 = 0x4c;
    private const byte OpPushData2 = 0x4d;

    public static bool HasCarrier(Transaction tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        // A coinbase carries no colored-coin message (every coinbase since segwit has an OP_RETURN commitment).
        if (tx.IsCoinBase) return false;
        foreach (var output in tx.Outputs)
            if (IsCarrierOutput(output.ScriptPubKey.ToBytes(@unsafe: true))) return true;
        foreach (var input in tx.Inputs)
            if (IsCarrierInput(input.ScriptSig.ToBytes(@unsafe: true))) return true;
        return false;
    }

    /// <summary>An output script that may carry protocol data: OP_RETURN, or bare multisig.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static bool IsCarrierOutput(ReadOnlySpan<byte> script) =>
        (script.Length > 0 && script[0] == OpReturn)
        // Bare multisig: OP_m <keys> OP_n OP_CHECKMULTISIG, m and n in 1..16.
        || (script.Length >= 37 && script[^1] == OpCheckMultisig && script[0] is >= 0x51 and <= 0x60);

    /// <summary>An input script that may carry protocol data: a last push opening with data and OP_DROP (P2SH).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static bool IsCarrierInput(ReadOnlySpan<byte> scriptSig) => scriptSig.Length > 0 && LastPushHasOpDrop(scriptSig);

    /// <summary>Walks the pushes of a scriptSig; true when the last one, read as a script, opens with a push and OP_DROP.</summary>
    public static bool LastPushHasOpDrop(ReadOnlySpan<byte> scriptSig)
    {
        // Every input of every transaction comes here: the pushes are walked inline (a P2PKH scriptSig is two steps), and
        // an opcode that is no push ends up as a last "push" of nothing, as TryReadPush gives it.
        int lastStart = 0, lastLength = 0;
        var i = 0;
        while (i < scriptSig.Length)
        {
            int op = scriptSig[i++];
            int length;
            if (op < OpPushData1) length = op;
            else if (op == OpPushData1)
            {
                if (i >= scriptSig.Length) return false;
                length = scriptSig[i++];
            }
            else if (op == OpPushData2)
            {
                if (scriptSig.Length - i < 2) return false;
                length = scriptSig[i] | (scriptSig[i + 1] << 8);
                i += 2;
            }
            else if (op == 0x4e)
            {
                if (scriptSig.Length - i < 4) return false;
                var wide = BinaryPrimitives.ReadUInt32LittleEndian(scriptSig.Slice(i, 4));
                i += 4;
                if (wide > (uint)(scriptSig.Length - i)) return false;
                length = (int)wide;
            }
            else
            {
                lastLength = 0;
                continue;
            }
            if (length > scriptSig.Length - i) return false;
            (lastStart, lastLength) = (i, length);
            i += length;
        }
        // The smallest such script: a push opcode, 5 bytes, OP_DROP.
        if (lastLength < 7) return false;
        var last = scriptSig.Slice(lastStart, lastLength);
        // Counterparty's data redeem script opens with "<data chunk> OP_DROP" (counterparty-core
        // lib/transaction_helper/p2sh_encoding.py): a push, then OP_DROP as the second opcode. The push must hold at least
        // 5 bytes: a public key read as a script opens with a push of 2, 3 or 4 bytes (its 02/03/04 prefix), and the
        // byte after that is random (1 in 256 would look like OP_DROP).
        if (last[0] is 0 or > 0x4e or < 5) return false;
        var j = 0;
        if (!TryReadPush(last, ref j, out _, out var firstLength, out var first) || first is 0 or > 0x4e || firstLength < 5 || j >= last.Length) return false;
        return last[j] == OpDrop;
    }

    private static bool TryReadPush(ReadOnlySpan<byte> script, ref int i, out int start, out int length, out byte opcode)
    {
        start = i;
        opcode = script[i++];
        length = 0;
        if (opcode is > 0 and < OpPushData1) length = opcode;
        else if (opcode == OpPushData1) { if (i + 1 > script.Length) return false; length = script[i]; i += 1; }
        else if (opcode == OpPushData2) { if (i + 2 > script.Length) return false; length = script[i] | (script[i + 1] << 8); i += 2; }
        else if (opcode == 0x4e) { if (i + 4 > script.Length) return false; length = (int)Math.Min(int.MaxValue, BitConverter.ToUInt32(script.Slice(i, 4))); i += 4; }
        else return true; // not a push: an opcode
        // Compared as a difference: i + length overflows for an OP_PUSHDATA4 length near int.MaxValue.
        if (length < 0 || length > script.Length - i) return false;
        start = i;
        i += length;
        return true;
    }
}
