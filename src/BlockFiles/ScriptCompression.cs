using NBitcoin;

namespace Explorer.BlockFiles;

/// <summary>
/// Core's script compression for txouts in undo data. Source: Bitcoin Core src/compressor.h (<c>ScriptCompression</c>,
/// <c>nSpecialScripts = 6</c>) and src/compressor.cpp (<c>CompressScript</c>, <c>DecompressScript</c>):
/// 0x00 + 20 bytes = P2PKH, 0x01 + 20 bytes = P2SH, 0x02/0x03 + 32 bytes = P2PK compressed key,
/// 0x04/0x05 + 32 bytes = P2PK uncompressed key (x, parity of y); otherwise VARINT(size + 6) then the script.
/// </summary>
public static class ScriptCompression
{
    public const int SpecialScripts = 6;
    public const int MaxScriptSize = 10_000;

    /// <summary>Writes a compressed script into <paramref name="destination"/>; returns the bytes written.</summary>
    public static int Write(Span<byte> destination, ReadOnlySpan<byte> script)
    {
        // compressor.cpp IsToKeyID: "script.size() == 25 && script[0] == OP_DUP && script[1] == OP_HASH160 && script[2] == 20 && script[23] == OP_EQUALVERIFY && script[24] == OP_CHECKSIG"
        if (script.Length == 25 && script[0] == 0x76 && script[1] == 0xa9 && script[2] == 20 && script[23] == 0x88 && script[24] == 0xac)
        {
            destination[0] = 0x00;
            script.Slice(3, 20).CopyTo(destination[1..]);
            return 21;
        }

        // IsToScriptID: "script.size() == 23 && script[0] == OP_HASH160 && script[1] == 20 && script[22] == OP_EQUAL"
        if (script.Length == 23 && script[0] == 0xa9 && script[1] == 20 && script[22] == 0x87)
        {
            destination[0] = 0x01;
            script.Slice(2, 20).CopyTo(destination[1..]);
            return 21;
        }

        // IsToPubKey (compressed): "script.size() == 35 && script[0] == 33 && script[34] == OP_CHECKSIG && (script[1] == 0x02 || script[1] == 0x03)"
        if (script.Length == 35 && script[0] == 33 && script[34] == 0xac && (script[1] == 0x02 || script[1] == 0x03))
        {
            destination[0] = script[1];
            script.Slice(2, 32).CopyTo(destination[1..]);
            return 33;
        }

        // IsToPubKey (uncompressed): "script.size() == 67 && script[0] == 65 && script[66] == OP_CHECKSIG && script[1] == 0x04" and pubkey.IsFullyValid()
        if (script.Length == 67 && script[0] == 65 && script[66] == 0xac && script[1] == 0x04 && PubKey.TryCreatePubKey(script.Slice(1, 65).ToArray(), out _))
        {
            destination[0] = (byte)(0x04 | (script[65] & 0x01));
            script.Slice(2, 32).CopyTo(destination[1..]);
            return 33;
        }

        var n = CoreVarInt.WriteVarInt(destination, (ulong)script.Length + SpecialScripts);
        script.CopyTo(destination[n..]);
        return n + script.Length;
    }

    /// <summary>Upper bound of the compressed size of a script.</summary>
    public static int MaxCompressedSize(int scriptLength) => CoreVarInt.MaxVarIntSize + scriptLength;

    /// <summary>Steps over a compressed script without building it (structure only: a compressed public key of kind
    /// 4/5 is not checked to be on the curve); false on truncated data.</summary>
    public static bool TrySkip(ReadOnlySpan<byte> data, ref int position)
    {
        if (!CoreVarInt.TryReadVarInt(data, ref position, out var nSize))
        {
            return false;
        }

        // compressor.cpp GetSpecialScriptSize: "if (nSize == 0 || nSize == 1) return 20; if (nSize == 2 || ... == 5) return 32;"
        var size = nSize < SpecialScripts ? (nSize < 2 ? 20UL : 32UL) : nSize - SpecialScripts;
        if (size > (ulong)(data.Length - position))
        {
            return false;
        }

        position += (int)size;
        return true;
    }

    /// <summary>Reads a compressed script; false on truncated or undecodable data.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, ref int position, out byte[] script)
    {
        script = [];
        if (!CoreVarInt.TryReadVarInt(data, ref position, out var nSize))
        {
            return false;
        }

        if (nSize < SpecialScripts)
        {
            // compressor.cpp GetSpecialScriptSize: "if (nSize == 0 || nSize == 1) return 20; if (nSize == 2 || ... == 5) return 32;"
            var len = nSize < 2 ? 20 : 32;
            if (data.Length - position < len)
            {
                return false;
            }

            var body = data.Slice(position, len);
            position += len;
            return TryDecompress((int)nSize, body, out script);
        }

        var size = nSize - SpecialScripts;
        if (size > (ulong)(data.Length - position))
        {
            return false;
        }

        if (size > MaxScriptSize)
        {
            // compressor.h: "Overly long script, replace with a short invalid one" (OP_RETURN), and skip the bytes.
            position += (int)size;
            script = [0x6a];
            return true;
        }

        script = data.Slice(position, (int)size).ToArray();
        position += (int)size;
        return true;
    }

    private static bool TryDecompress(int kind, ReadOnlySpan<byte> body, out byte[] script)
    {
        switch (kind)
        {
            case 0x00:
                script = new byte[25];
                script[0] = 0x76; script[1] = 0xa9; script[2] = 20;
                body.CopyTo(script.AsSpan(3));
                script[23] = 0x88; script[24] = 0xac;
                return true;
            case 0x01:
                script = new byte[23];
                script[0] = 0xa9; script[1] = 20;
                body.CopyTo(script.AsSpan(2));
                script[22] = 0x87;
                return true;
            case 0x02 or 0x03:
                script = new byte[35];
                script[0] = 33; script[1] = (byte)kind;
                body.CopyTo(script.AsSpan(2));
                script[34] = 0xac;
                return true;
            default:
                // "case 0x04: case 0x05: vch[0] = nSize - 2; ... pubkey.Decompress()"
                var compressed = new byte[33];
                compressed[0] = (byte)(kind - 2);
                body.CopyTo(compressed.AsSpan(1));
                if (!PubKey.TryCreatePubKey(compressed, out var key))
                {
                    script = [];
                    return false;
                }

                var full = key.Decompress().ToBytes();
                script = new byte[67];
                script[0] = 65;
                full.CopyTo(script.AsSpan(1));
                script[66] = 0xac;
                return true;
        }
    }
}
