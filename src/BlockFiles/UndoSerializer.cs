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
            if (!CoreVarInt.TryReadCompactSize(data, ref pos, out var inCount) || inCount > (ulong)data.Length)
            {
                error = $"bad input count in tx {t}";
                return false;
            }

            var spent = ImmutableArray.CreateBuilder<SpentOutput>((int)inCount);
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

                spent.Add(new SpentOutput((long)AmountCompression.Decompress(compressedAmount), script, height, (code & 1) == 1));
            }

            txs.Add(spent.MoveToImmutable());
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
