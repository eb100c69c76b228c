using System.Numerics;
using NBitcoin;

namespace Explorer.Protocols.Counterparty;

/// <summary>
/// counterparty-core gettxinfo.py check_signatures_sighash_flag: "first input must be signed with SIGHASH_ALL or
/// SIGHASH_ALL|SIGHASH_ANYONECANPAY". Flags come from DER signatures in input 0's scriptSig and from its witness
/// (P2WPKH DER, taproot Schnorr). Known exception: tx c8091f1e... (SIGHASH_FLAG_TRANSACTION_WHITELIST).
/// </summary>
internal static class SighashCheck
{
    private const string Whitelisted = "c8091f1ef768a2f00d48e6d0f7a2c2d272a5d5c8063db78bf39977adcb12e103";
    private static readonly BigInteger P = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F", System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
    private static readonly BigInteger N = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Null when the flags are acceptable or no signature is present (an unsigned transaction, as composed);
    /// otherwise the reason the reference rejects the transaction.</summary>
    public static string? Check(Transaction tx, bool taproot)
    {
        var flags = Collect(tx.Inputs[0].ScriptSig.ToBytes(true), tx.Inputs[0].WitScript, taproot);
        foreach (var flag in flags)
            if (flag is not (0x01 or 0x81))
                return tx.GetHash().ToString() == Whitelisted ? null : $"invalid SIGHASH flag 0x{flag:x2} for transaction";
        return null;
    }

    internal static List<byte> Collect(byte[] scriptSig, WitScript? witness, bool taproot)
    {
        var flags = new List<byte>();
        var ops = new List<ScriptOp>();
        if (scriptSig.Length > 0 && ScriptOps.TryParse(scriptSig, ops))
            foreach (var op in ops.Where(o => o.IsPush && o.DataLength > 0))
                if (IsValidDer(scriptSig.AsSpan(op.DataOffset, op.DataLength - 1))) flags.Add(scriptSig[op.DataOffset + op.DataLength - 1]);
        if (witness is null || witness.PushCount == 0) return flags;
        var items = witness.Pushes.ToArray();
        // P2WPKH
        if (items.Length == 2)
        {
            if (items[0].Length > 0 && IsValidDer(items[0].AsSpan(0, items[0].Length - 1))) flags.Add(items[0][^1]);
            return flags;
        }
        if (taproot || items.Length == 1)
        {
            if (SchnorrFlag(items[0]) is { } f) flags.Add(f);
            return flags;
        }
        foreach (var item in items)
        {
            if (SchnorrFlag(item) is { } s) flags.Add(s);
            else if (item.Length > 0 && IsValidDer(item.AsSpan(0, item.Length - 1))) flags.Add(item[^1]);
        }
        return flags;
    }

    /// <summary>is_valid_der: 0x30 len 0x02 rlen r 0x02 slen s, with r and s non-empty and the lengths consistent.</summary>
    internal static bool IsValidDer(ReadOnlySpan<byte> der)
    {
        if (der.Length < 6 || der[0] != 0x30 || der[1] + 2 != der.Length || der[2] != 0x02) return false;
        var rLength = der[3];
        if (rLength == 0 || 4 + rLength + 2 > der.Length || der[4 + rLength] != 0x02) return false;
        var sLength = der[5 + rLength];
        if (sLength == 0 || 6 + rLength + sLength > der.Length) return false;
        return der.Length == 6 + rLength + sLength;
    }

    private static byte? SchnorrFlag(byte[] sig)
    {
        if (sig.Length is not (64 or 65)) return null;
        var r = new BigInteger(sig.AsSpan(0, 32), isUnsigned: true, isBigEndian: true);
        var s = new BigInteger(sig.AsSpan(32, 32), isUnsigned: true, isBigEndian: true);
        if (r >= P || s >= N) return null;
        return sig.Length == 65 ? sig[64] : (byte)0x01;
    }
}
