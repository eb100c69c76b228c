using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using NBitcoin;

namespace Explorer.Indexer.Pipeline;

/// <summary>
/// The prefilter over a serialized block, without NBitcoin: walks the transactions (Bitcoin Core
/// src/primitives/transaction.h <c>UnserializeTransaction</c>: version, [marker 0x00, flag 0x01], vin, vout,
/// [witness per input], lock time), records where each one and each input's outpoint is, and applies the carrier
/// rules to the scripts in place. Nothing is hashed and nothing is allocated per transaction; txids are computed
/// afterwards only for the transactions that need one (<see cref="Txid"/>).
/// </summary>
public static class RawBlockScanner
{
    public const int HeaderBytes = 80;

    // Smallest sizes, to reject absurd counts before allocating: an input is outpoint 36 + script length 1 +
    // sequence 4; an output is value 8 + script length 1; a transaction is version 4 + two counts + lock time 4.
    private const int MinInputBytes = 41;
    private const int MinOutputBytes = 9;
    private const int MinTransactionBytes = 10;
    private const int OutpointBytes = 36;

    /// <summary>Scans a block; false with a reason when it is not a well-formed serialized block.</summary>
    public static bool TryScan(ReadOnlySpan<byte> block, out RawBlockLayout layout, out string error)
    {
        layout = Empty;
        var pos = HeaderBytes;
        if (block.Length <= HeaderBytes || !TryReadCount(block, ref pos, MinTransactionBytes, out var count) || count == 0)
        {
            error = "bad header or transaction count";
            return false;
        }

        var txs = new RawTransaction[count];
        var carriers = new bool[count];
        var taproot = TaprootScratch ??= new List<TaprootPayer>(256);
        taproot.Clear();
        // Scratch arrays of this thread, sized by the largest block it scanned; the layout gets exact copies.
        var prevouts = PrevoutScratch ??= new int[4096];
        var hashes = HashScratch ??= new uint[4096];
        var inputs = 0;
        for (var t = 0; t < count; t++)
        {
            var start = pos;
            if (block.Length - pos < MinTransactionBytes)
            {
                error = $"transaction {t} truncated";
                return false;
            }

            pos += 4;
            var bodyStart = pos;
            if (!TryReadCount(block, ref pos, MinInputBytes, out var vin))
            {
                error = $"bad input count in transaction {t}";
                return false;
            }

            var witness = false;
            if (vin == 0)
            {
                // transaction.h: "We read a dummy or an empty vin." ... "if ((flags & 1) && fAllowWitness)"; any other
                // flag is "Unknown transaction optional data".
                if (pos >= block.Length || block[pos] != 1)
                {
                    error = $"transaction {t}: empty input list without witness flag";
                    return false;
                }

                pos++;
                bodyStart = pos;
                witness = true;
                if (!TryReadCount(block, ref pos, MinInputBytes, out vin) || vin == 0)
                {
                    error = $"bad input count in transaction {t}";
                    return false;
                }
            }

            var carrier = false;
            var firstInput = inputs;
            if (prevouts.Length - inputs < vin)
            {
                Array.Resize(ref prevouts, Math.Max(prevouts.Length * 2, inputs + vin));
                Array.Resize(ref hashes, prevouts.Length);
                (PrevoutScratch, HashScratch) = (prevouts, hashes);
            }

            for (var i = 0; i < vin; i++)
            {
                // The outpoint's bucket hash while its bytes are in the cache (bounds: checked by the script read after it).
                if (block.Length - pos >= OutpointBytes)
                    hashes[inputs] = ColoredUtxoSet.OutpointHash(BinaryPrimitives.ReadUInt64LittleEndian(block.Slice(pos, 8)),
                        BinaryPrimitives.ReadUInt32LittleEndian(block.Slice(pos + 32, 4)));
                prevouts[inputs++] = pos;
                pos += OutpointBytes;
                if (!TryReadScript(block, ref pos, out var script) || block.Length - pos < 4)
                {
                    error = $"transaction {t} input {i} truncated";
                    return false;
                }

                carrier = carrier || CarrierPrefilter.IsCarrierInput(script);
                pos += 4;
            }

            if (!TryReadCount(block, ref pos, MinOutputBytes, out var vout))
            {
                error = $"bad output count in transaction {t}";
                return false;
            }

            for (var o = 0; o < vout; o++)
            {
                pos += 8;
                if (!TryReadScript(block, ref pos, out var script))
                {
                    error = $"transaction {t} output {o} truncated";
                    return false;
                }

                carrier = carrier || CarrierPrefilter.IsCarrierOutput(script);
                // BIP 341 output: OP_1 <32-byte key>. A coinbase is no commit (its input 0 spends nothing).
                if (t > 0 && script.Length == 34 && script[0] == 0x51 && script[1] == 0x20) taproot.Add(new TaprootPayer(t, pos - 32, Output: o));
            }

            var witnessStart = pos;
            if (witness && !TrySkipWitness(block, ref pos, vin))
            {
                error = $"transaction {t} witness truncated";
                return false;
            }

            if (block.Length - pos < 4)
            {
                error = $"transaction {t} lock time truncated";
                return false;
            }

            pos += 4;
            txs[t] = new RawTransaction(start, pos, bodyStart, witnessStart, firstInput, vin);
            // A coinbase carries no colored-coin message (every coinbase since segwit has an OP_RETURN commitment).
            carriers[t] = t > 0 && carrier;
        }

        if (pos != block.Length)
        {
            error = $"{block.Length - pos} bytes after the last transaction";
            return false;
        }

        layout = new RawBlockLayout(txs, prevouts[..inputs], carriers) { TaprootKeys = taproot.ToArray(), PrevoutHashes = hashes[..inputs] };
        error = string.Empty;
        return true;
    }

    // Per thread: the parallel stage's workers collect a block's P2TR keys, outpoint offsets and outpoint hashes here,
    // then copy them out exactly sized (one allocation each, not a guess grown and then copied).
    [ThreadStatic] private static List<TaprootPayer>? TaprootScratch;
    [ThreadStatic] private static int[]? PrevoutScratch;
    [ThreadStatic] private static uint[]? HashScratch;

    /// <summary>Offsets of the 32-byte keys of a scanned transaction's P2TR outputs (walks its outputs again: the
    /// block was scanned whole before, so no bound check can fail here).</summary>
    public static void TaprootKeyOffsets(ReadOnlySpan<byte> block, RawBlockLayout layout, int tx, List<int> keys)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(keys);
        keys.Clear();
        var raw = layout.Transactions[tx];
        var pos = layout.PrevoutOffsets[raw.FirstInput + raw.InputCount - 1] + OutpointBytes;
        TryReadScript(block, ref pos, out _);
        pos += 4;
        TryReadCount(block, ref pos, MinOutputBytes, out var vout);
        for (var o = 0; o < vout; o++)
        {
            pos += 8;
            TryReadScript(block, ref pos, out var script);
            if (script.Length == 34 && script[0] == 0x51 && script[1] == 0x20) keys.Add(pos - 32);
        }
    }

    /// <summary>Txid of a scanned transaction: double SHA-256 of its serialization without witness.</summary>
    public static uint256 Txid(ReadOnlySpan<byte> block, RawTransaction tx)
    {
        Span<byte> hash = stackalloc byte[32];
        Txid(block, tx, hash);
        return new uint256(hash);
    }

    /// <summary>Txid of a scanned transaction into 32 bytes (internal byte order).</summary>
    public static void Txid(ReadOnlySpan<byte> block, RawTransaction tx, Span<byte> hash)
    {
        if (!tx.HasWitness) DoubleSha256.Hash(block[tx.Start..tx.End], hash);
        else DoubleSha256.Hash(block.Slice(tx.Start, 4), block[tx.BodyStart..tx.WitnessStart], block.Slice(tx.End - 4, 4), hash);
    }

    /// <summary>Every txid of a scanned block, 32 bytes each in block order (internal byte order, as in outpoints).</summary>
    public static byte[] Txids(ReadOnlySpan<byte> block, RawBlockLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var txids = new byte[layout.Transactions.Length * 32];
        for (var t = 0; t < layout.Transactions.Length; t++)
            Txid(block, layout.Transactions[t], txids.AsSpan(t * 32, 32));
        return txids;
    }

    /// <summary>The merkle root of a scanned block's txids (Bitcoin Core consensus/merkle.cpp ComputeMerkleRoot: pairs
    /// hashed with double SHA-256, an odd last hash paired with itself).</summary>
    public static uint256 MerkleRoot(ReadOnlySpan<byte> block, RawBlockLayout layout) => MerkleRoot(Txids(block, layout));

    /// <summary>The merkle root of txids laid out as <see cref="Txids"/> gives them (not changed).</summary>
    public static uint256 MerkleRoot(ReadOnlySpan<byte> txids)
    {
        var count = txids.Length / 32;
        if (count == 0) return uint256.Zero;
        // The levels are worked out in a lent buffer (one per block was a tenth of the indexer's allocations).
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(count * 32);
        try
        {
            var level = rented.AsSpan(0, count * 32);
            txids[..(count * 32)].CopyTo(level);
            while (count > 1)
            {
                var next = 0;
                for (var i = 0; i < count; i += 2)
                {
                    DoubleSha256.Node(level.Slice(i * 32, 32), level.Slice((i + 1 < count ? i + 1 : i) * 32, 32), level.Slice(next * 32, 32));
                    next++;
                }
                count = next;
            }
            return new uint256(level[..32]);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static readonly RawBlockLayout Empty = new([], [], []);

    /// <summary>A CompactSize count, refused when the remaining bytes cannot hold that many items of minBytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryReadCount(ReadOnlySpan<byte> data, ref int pos, int minBytes, out int count)
    {
        count = 0;
        if (!TryReadCompactSize(data, ref pos, out var value) || value > (ulong)((data.Length - pos) / minBytes))
        {
            return false;
        }

        count = (int)value;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryReadScript(ReadOnlySpan<byte> data, ref int pos, out ReadOnlySpan<byte> script)
    {
        // The common case, a length below 0xfd in one byte, without the general reader.
        if ((uint)pos < (uint)data.Length && data[pos] < 0xfd)
        {
            var short_ = data[pos];
            if (short_ <= data.Length - pos - 1)
            {
                script = data.Slice(pos + 1, short_);
                pos += 1 + short_;
                return true;
            }
            script = default;
            return false;
        }
        script = default;
        if (pos > data.Length || !TryReadCompactSize(data, ref pos, out var length) || length > (ulong)(data.Length - pos))
        {
            return false;
        }

        script = data.Slice(pos, (int)length);
        pos += (int)length;
        return true;
    }

    private static bool TrySkipWitness(ReadOnlySpan<byte> data, ref int pos, int inputs)
    {
        for (var i = 0; i < inputs; i++)
        {
            if (!TryReadCount(data, ref pos, 1, out var items))
            {
                return false;
            }

            for (var k = 0; k < items; k++)
            {
                if (!TryReadScript(data, ref pos, out _))
                {
                    return false;
                }
            }
        }

        return true;
    }

    // serialize.h ReadCompactSize (non-canonical encodings are accepted here: Core rejected them before storing).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryReadCompactSize(ReadOnlySpan<byte> data, ref int pos, out ulong value)
    {
        if ((uint)pos < (uint)data.Length && data[pos] < 0xfd)
        {
            value = data[pos++];
            return true;
        }
        return TryReadLongCompactSize(data, ref pos, out value);
    }

    private static bool TryReadLongCompactSize(ReadOnlySpan<byte> data, ref int pos, out ulong value)
    {
        value = 0;
        if (pos >= data.Length)
        {
            return false;
        }

        var first = data[pos];
        var need = first switch { < 0xfd => 0, 0xfd => 2, 0xfe => 4, _ => 8 };
        if (data.Length - pos - 1 < need)
        {
            return false;
        }

        value = need switch
        {
            0 => first,
            2 => BinaryPrimitives.ReadUInt16LittleEndian(data[(pos + 1)..]),
            4 => BinaryPrimitives.ReadUInt32LittleEndian(data[(pos + 1)..]),
            _ => BinaryPrimitives.ReadUInt64LittleEndian(data[(pos + 1)..]),
        };
        pos += 1 + need;
        return true;
    }
}
