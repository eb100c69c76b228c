using System.Buffers;
using System.Collections.Immutable;

namespace Explorer.BlockFiles;

/// <summary>
/// Serialization of <c>CBlockUndo</c> in Core's format. Source: Bitcoin Core src/undo.h:
/// CBlockUndo = CompactSize count, then per tx a CTxUndo = CompactSize count, then per input (TxInUndoFormatter)
/// "VARINT(nHeight * 2 + fCoinBase)", "if (nHeight > 0) ... (unsigned char)0" (legacy version dummy),
/// then TxOutCompression = VARINT(CompressAmount(nValue)) and ScriptCompression (src/compressor.h).
/// </summary>
public static class UndoSerializer
{
    /// <summary>Parses undo data (the <c>size</c> bytes of a rev record, without its checksum).</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out BlockUndo undo, out string error)
    {
        undo = new BlockUndo([]);
        var pos = 0;
        if (!CoreVarInt.TryReadCompactSize(data, ref pos, out var txCount) || txCount > (ulong)data.Length)
        {
            error = "bad transaction count";
            return false;
        }

        var txs = ImmutableArray.CreateBuilder<ImmutableArray<SpentOutput>>((int)txCount);
        for (ulong t = 0; t < txCount; t++)
        {
            if (!TryParseTransaction(data, ref pos, (int)t, out var spent, out error))
            {
                return false;
            }

            txs.Add(spent);
        }

        if (pos != data.Length)
        {
            error = $"{data.Length - pos} trailing bytes";
            return false;
        }

        undo = new BlockUndo(txs.MoveToImmutable());
        error = "";
        return true;
    }

    /// <summary>
    /// Walks undo data without building anything and returns where each transaction's <c>CTxUndo</c> starts
    /// (<paramref name="offsets"/> has one entry per transaction plus the end). Structure only: the same checks as
    /// <see cref="TryParse"/> except that compressed public keys are not decompressed.
    /// </summary>
    public static bool TryIndex(ReadOnlySpan<byte> data, out int[] offsets, out string error)
    {
        offsets = [];
        var pos = 0;
        if (!CoreVarInt.TryReadCompactSize(data, ref pos, out var txCount) || txCount > (ulong)data.Length)
        {
            error = "bad transaction count";
            return false;
        }

        var found = new int[(int)txCount + 1];
        for (var t = 0; t < (int)txCount; t++)
        {
            found[t] = pos;
            if (!CoreVarInt.TryReadCompactSize(data, ref pos, out var inCount) || inCount > (ulong)data.Length)
            {
                error = $"bad input count in tx {t}";
                return false;
            }

            for (ulong i = 0; i < inCount; i++)
            {
                if (!CoreVarInt.TryReadVarInt(data, ref pos, out var code) || code > uint.MaxValue)
                {
                    error = $"bad height code in tx {t} input {i}";
                    return false;
                }

                // undo.h: "if (txout.nHeight > 0) { ... unsigned int nVersionDummy; ::Unserialize(s, VARINT(nVersionDummy)); }"
                if ((code >> 1) > 0 && !CoreVarInt.TryReadVarInt(data, ref pos, out _))
                {
                    error = $"truncated version dummy in tx {t} input {i}";
                    return false;
                }

                if (!CoreVarInt.TryReadVarInt(data, ref pos, out _) || !ScriptCompression.TrySkip(data, ref pos))
                {
                    error = $"bad txout in tx {t} input {i}";
                    return false;
                }
            }
        }

        found[^1] = pos;
        if (pos != data.Length)
        {
            error = $"{data.Length - pos} trailing bytes";
            return false;
        }

        offsets = found;
        error = "";
        return true;
    }

    /// <summary>Parses one <c>CTxUndo</c> (input count, then one coin per input) at <paramref name="pos"/>; with
    /// <paramref name="limit"/>, only its first inputs (and <paramref name="pos"/> is then left inside the record).</summary>
    public static bool TryParseTransaction(ReadOnlySpan<byte> data, ref int pos, int t, out ImmutableArray<SpentOutput> spent, out string error,
        int limit = int.MaxValue)
    {
        spent = [];
        if (!CoreVarInt.TryReadCompactSize(data, ref pos, out var inCount) || inCount > (ulong)data.Length)
        {
            error = $"bad input count in tx {t}";
            return false;
        }

        inCount = Math.Min(inCount, (ulong)Math.Max(limit, 0));
        var builder = ImmutableArray.CreateBuilder<SpentOutput>((int)inCount);
        for (ulong i = 0; i < inCount; i++)
        {
            if (!CoreVarInt.TryReadVarInt(data, ref pos, out var code) || code > uint.MaxValue)
            {
                error = $"bad height code in tx {t} input {i}";
                return false;
            }

            var height = (int)(code >> 1);
            // undo.h: "if (txout.nHeight > 0) { ... unsigned int nVersionDummy; ::Unserialize(s, VARINT(nVersionDummy)); }"
            if (height > 0 && !CoreVarInt.TryReadVarInt(data, ref pos, out _))
            {
                error = $"truncated version dummy in tx {t} input {i}";
                return false;
            }

            if (!CoreVarInt.TryReadVarInt(data, ref pos, out var compressedAmount)
                || !ScriptCompression.TryRead(data, ref pos, out var script))
            {
                error = $"bad txout in tx {t} input {i}";
                return false;
            }

            builder.Add(new SpentOutput((long)AmountCompression.Decompress(compressedAmount), script, height, (code & 1) == 1));
        }

        spent = builder.MoveToImmutable();
        error = "";
        return true;
    }

    public static byte[] Serialize(BlockUndo undo)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Write(buffer, undo);
        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(IBufferWriter<byte> writer, BlockUndo undo)
    {
        var span = writer.GetSpan(9);
        writer.Advance(CoreVarInt.WriteCompactSize(span, (ulong)undo.Transactions.Length));
        foreach (var tx in undo.Transactions)
        {
            span = writer.GetSpan(9);
            writer.Advance(CoreVarInt.WriteCompactSize(span, (ulong)tx.Length));
            foreach (var coin in tx)
            {
                span = writer.GetSpan((3 * CoreVarInt.MaxVarIntSize) + ScriptCompression.MaxCompressedSize(coin.ScriptPubKey.Length));
                var n = CoreVarInt.WriteVarInt(span, ((ulong)coin.Height * 2) + (coin.IsCoinbase ? 1u : 0u));
                if (coin.Height > 0)
                {
                    span[n++] = 0;
                }

                n += CoreVarInt.WriteVarInt(span[n..], AmountCompression.Compress((ulong)coin.Value));
                n += ScriptCompression.Write(span[n..], coin.ScriptPubKey);
                writer.Advance(n);
            }
        }
    }
}
