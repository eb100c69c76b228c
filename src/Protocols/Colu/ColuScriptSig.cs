using NBitcoin;
using NBitcoin.Crypto;

namespace Explorer.Protocols.Colu;

/// <summary>
/// The scriptSig fallback of cc-assetid-encoder 0.6.2, with the script classification of bitcoinjs-lib 2.2.0 that it
/// uses (script.js: decompile, classifyInput, classifyOutput). Only used when the previous output is unknown.
/// </summary>
internal static class ColuScriptSig
{
    private const byte OpPushData4 = 0x4E;

    /// <summary>A decompiled chunk: an opcode (Data null) or pushed data.</summary>
    private readonly record struct Chunk(byte Opcode, byte[]? Data);

    /// <summary>The script the reference hashes for an unlocked asset ID, or null when it finds none.</summary>
    public static byte[]? RebuildSpentScript(ReadOnlySpan<byte> scriptSig)
    {
        var chunks = Decompile(scriptSig);
        switch (ClassifyInput(chunks))
        {
            case "pubkeyhash":
                // "var publicKey = scriptSig.asm.split(' ')[1]" → P2PKH output of hash160(publicKey).
                return PayToPubkeyHashTemplate.Instance.GenerateScriptPubKey(new KeyId(Hash160(chunks[1].Data!))).ToBytes();
            case "scripthash":
            {
                // The redeem script is rebuilt from its decompiled chunks: pushes lose their length prefix, and an
                // opcode becomes the bytes of its hex string ("new Buffer(chunk.toString(16), 'hex')": OP_0 → nothing).
                var redeem = new List<byte>();
                foreach (var chunk in Decompile(chunks[^1].Data!))
                {
                    if (chunk.Data is not null) redeem.AddRange(chunk.Data);
                    else if (chunk.Opcode >= 0x10) redeem.Add(chunk.Opcode);
                }
                return PayToScriptHashTemplate.Instance.GenerateScriptPubKey(new ScriptId(Hash160([.. redeem]))).ToBytes();
            }
            default:
                return null;
        }
    }

    private static byte[] Hash160(byte[] data) => Hashes.RIPEMD160(Hashes.SHA256(data));

    /// <summary>bitcoinjs decompile: a push that runs past the end (or a bad length) makes the whole script empty.</summary>
    private static List<Chunk> Decompile(ReadOnlySpan<byte> script)
    {
        var chunks = new List<Chunk>();
        var i = 0;
        while (i < script.Length)
        {
            var opcode = script[i];
            if (opcode > 0 && opcode <= OpPushData4)
            {
                long number;
                int size;
                if (opcode < 0x4C) { number = opcode; size = 1; }
                else if (opcode == 0x4C) { if (i + 2 > script.Length) return []; number = script[i + 1]; size = 2; }
                else if (opcode == 0x4D) { if (i + 3 > script.Length) return []; number = script[i + 1] | (script[i + 2] << 8); size = 3; }
                else { if (i + 5 > script.Length) return []; number = (uint)(script[i + 1] | (script[i + 2] << 8) | (script[i + 3] << 16) | (script[i + 4] << 24)); size = 5; }
                i += size;
                if (i + number > script.Length) return [];
                chunks.Add(new Chunk(opcode, script.Slice(i, (int)number).ToArray()));
                i += (int)number;
            }
            else
            {
                chunks.Add(new Chunk(opcode, null));
                i++;
            }
        }
        return chunks;
    }

    private static string ClassifyInput(List<Chunk> chunks)
    {
        if (chunks.Count == 2 && IsCanonicalSignature(chunks[0]) && IsCanonicalPubKey(chunks[1])) return "pubkeyhash";
        if (IsMultisigInput(chunks)) return "multisig";
        if (IsScriptHashInput(chunks)) return "scripthash";
        if (chunks.Count == 1 && IsCanonicalSignature(chunks[0])) return "pubkey";
        return "nonstandard";
    }

    private static bool IsMultisigInput(List<Chunk> chunks) =>
        chunks.Count >= 2 && chunks[0].Data is null && chunks[0].Opcode == 0 && chunks.Skip(1).All(IsCanonicalSignature);

    private static bool IsScriptHashInput(List<Chunk> chunks)
    {
        if (chunks.Count < 2 || chunks[^1].Data is not { } last) return false;
        var redeem = Decompile(last);
        if (redeem.Count == 0) return false;
        return ClassifyInput(chunks[..^1]) == ClassifyOutput(redeem);
    }

    private static string ClassifyOutput(List<Chunk> c)
    {
        if (c.Count == 5 && Op(c[0], 0x76) && Op(c[1], 0xA9) && c[2].Data is { Length: 20 } && Op(c[3], 0x88) && Op(c[4], 0xAC)) return "pubkeyhash";
        if (c.Count == 3 && Op(c[0], 0xA9) && c[1].Data is { Length: 20 } && Op(c[2], 0x87)) return "scripthash";
        if (IsMultisigOutput(c)) return "multisig";
        if (c.Count == 2 && IsCanonicalPubKey(c[0]) && Op(c[1], 0xAC)) return "pubkey";
        if (c.Count > 0 && Op(c[0], 0x6A)) return "nulldata";
        return "nonstandard";
    }

    private static bool IsMultisigOutput(List<Chunk> c)
    {
        if (c.Count < 4 || !Op(c[^1], 0xAE) || c[0].Data is not null || c[^2].Data is not null) return false;
        int m = c[0].Opcode - 0x50, n = c[^2].Opcode - 0x50;
        // "0 < m <= n <= 16" and "n !== chunks.length - 3"
        if (m <= 0 || m > n || n > 16 || n != c.Count - 3) return false;
        for (var i = 1; i < c.Count - 2; i++) if (!IsCanonicalPubKey(c[i])) return false;
        return true;
    }

    private static bool Op(Chunk chunk, byte opcode) => chunk.Data is null && chunk.Opcode == opcode;

    private static bool IsCanonicalPubKey(Chunk chunk) => chunk.Data is { } b && b.Length >= 33 &&
        ((b[0] is 0x02 or 0x03 && b.Length == 33) || (b[0] == 0x04 && b.Length == 65));

    private static bool IsCanonicalSignature(Chunk chunk)
    {
        if (chunk.Data is not { Length: > 0 } b) return false;
        // "hashTypeMod > 0x00 && hashTypeMod < 0x04"
        var hashType = b[^1] & ~0x80;
        return hashType is > 0 and < 4 && Bip66Check(b.AsSpan(0, b.Length - 1));
    }

    /// <summary>bip66.check: strict DER signature encoding.</summary>
    private static bool Bip66Check(ReadOnlySpan<byte> s)
    {
        if (s.Length < 8 || s.Length > 72 || s[0] != 0x30 || s[1] != s.Length - 2 || s[2] != 0x02) return false;
        int lenR = s[3];
        if (lenR == 0 || 5 + lenR >= s.Length || s[4 + lenR] != 0x02) return false;
        int lenS = s[5 + lenR];
        if (lenS == 0 || 6 + lenR + lenS != s.Length) return false;
        if ((s[4] & 0x80) != 0) return false;
        if (lenR > 1 && s[4] == 0 && (s[5] & 0x80) == 0) return false;
        if ((s[lenR + 6] & 0x80) != 0) return false;
        if (lenS > 1 && s[lenR + 6] == 0 && (s[lenR + 7] & 0x80) == 0) return false;
        return true;
    }
}
