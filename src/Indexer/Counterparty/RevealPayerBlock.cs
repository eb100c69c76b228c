using System.Buffers;
using System.Buffers.Binary;
using Explorer.BlockFiles;
using Explorer.Indexer.Pipeline;

namespace Explorer.Indexer.Counterparty;

/// <summary>
/// One block's P2TR payers as the reveal-source cache keeps them (<see cref="RevealFundingCache"/>): for each, the key
/// it pays, the output index and amount of that output, its input 0's outpoint and the output that input spent (the
/// commit's funder, Core's compressed form from the undo data), and the payer's txid: copied from the merkle-root
/// check's; with the check off, hashed only when a reveal's key, index and amount point at the payer, from the
/// transaction read again from the blocks folder (<see cref="ChainBlock.ReadAgain"/>), or else hashed here for the
/// payers alone. Built once per block by the parallel stage
/// (<see cref="BlockParser"/>), so the state stage only links it in; flat arrays without references, and a small
/// open-addressing index by key.
/// </summary>
public sealed class RevealPayerBlock
{
    private const int OutpointBytes = 36;

    // The arrays are lent, and given back when the cache lets the block go (Release): a block's payers take a few hundred
    // kilobytes, and allocated anew for every block they were large objects, each batch of which cost a full collection.
    private static readonly ArrayPool<OutputKey> Keys = ArrayPool<OutputKey>.Create(1 << 20, 256);
    private static readonly ArrayPool<int> Ints = ArrayPool<int>.Create(1 << 22, 1024);
    private static readonly ArrayPool<long> Longs = ArrayPool<long>.Create(1 << 20, 512);
    private static readonly ArrayPool<byte> Bytes = ArrayPool<byte>.Create(1 << 26, 768);
    private static readonly ArrayPool<RawTransaction> Transactions = ArrayPool<RawTransaction>.Create(1 << 20, 256);

    private OutputKey[] _keys;
    private int[] _tx;
    private int[] _output;
    private long[] _paid;
    private int[] _previous;              // the block's earlier payer of the same key (-1: none)
    private int[] _newest;                // index by key: the block's last payer of it, + 1 (0: empty); _mask + 1 entries
    private readonly int _mask;
    private byte[] _outpoints;            // OutpointBytes per payer
    private long[] _funderValues;
    private byte[] _scripts;              // the funders' compressed scripts, one after another (24 bytes a payer at first:
                                          // P2PKH and P2SH take 21, P2WPKH 23; grown past that)
    private int[] _scriptAt;              // Count + 1 offsets into _scripts
    private byte[] _txids;                // each payer's txid, 32 bytes (read-again mode: once _located[i] is default)
    private RawTransaction[]? _located;   // read-again mode: each payer's transaction in the block, until it is hashed
    private readonly BlockBytesReader? _readAgain;
    private bool _released;

    private RevealPayerBlock(int height, int count, BlockBytesReader? readAgain)
    {
        Height = height;
        _readAgain = readAgain;
        _located = readAgain is null ? null : Transactions.Rent(count);
        _keys = Keys.Rent(count);
        _tx = Ints.Rent(count);
        _output = Ints.Rent(count);
        _paid = Longs.Rent(count);
        _previous = Ints.Rent(count);
        var table = count == 0 ? 1 : (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)count * 2);
        _newest = Ints.Rent(table);
        Array.Clear(_newest, 0, table);
        _mask = table - 1;
        _outpoints = Bytes.Rent(count * OutpointBytes);
        _funderValues = Longs.Rent(count);
        _scriptAt = Ints.Rent(count + 1);
        _scriptAt[0] = 0;
        _scripts = Bytes.Rent(count * 24);
        _txids = Bytes.Rent(count * 32);
    }

    /// <summary>Gives the arrays back to their pools (the cache, when the block leaves it); the block is empty after.</summary>
    public void Release()
    {
        if (_released) return;
        _released = true;
        Count = 0;
        Keys.Return(_keys);
        Ints.Return(_tx);
        Ints.Return(_output);
        Longs.Return(_paid);
        Ints.Return(_previous);
        Ints.Return(_newest);
        Bytes.Return(_outpoints);
        Longs.Return(_funderValues);
        Ints.Return(_scriptAt);
        Bytes.Return(_scripts);
        Bytes.Return(_txids);
        if (_located is not null) Transactions.Return(_located);
        _located = null;
        (_keys, _tx, _output, _paid, _previous, _newest, _outpoints, _funderValues, _scriptAt, _scripts, _txids) =
            ([], [], [], [], [], [0], [], [], [0], [], []);
    }

    /// <summary>Whether <see cref="Release"/> was called.</summary>
    public bool Released => _released;

    public int Height { get; }

    /// <summary>Payers recorded (those whose funder the undo data gives).</summary>
    public int Count { get; private set; }

    /// <summary>The payers of <paramref name="parsed"/> (<see cref="BlockParser.TaprootPayers"/>) with their funders.</summary>
    /// <exception cref="InvalidDataException">The undo data is malformed.</exception>
    public static RevealPayerBlock Build(ParsedBlock parsed, ReadOnlySpan<TaprootPayer> payers)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        // Without the merkle check's txids, a blocks folder's payers are hashed only when a reveal points at them.
        var block = new RevealPayerBlock(parsed.Height, payers.Length, parsed.Txids is null ? parsed.Source.ReadAgain : null);
        if (payers.Length == 0 || parsed.Source.Undo is not { } undo) return block;
        var bytes = parsed.Source.Bytes.Span;
        Span<byte> compressedCopy = stackalloc byte[64];
        foreach (var payer in payers)
        {
            long value;
            scoped ReadOnlySpan<byte> compressed;
            if (payer.FunderAt >= 0)
            {
                undo.ReadSpentAt(payer.FunderAt, out value, out compressed);
            }
            else if (undo.TryFirstSpentCompressed(payer.Tx, out value, out var stored))
            {
                compressed = stored;
            }
            else
            {
                // Undo data made from parsed outputs (a node's verbose block): compress the script here.
                if (undo.FirstSpent(payer.Tx) is not { } spent) continue;
                value = spent.Value;
                var size = ScriptCompression.MaxCompressedSize(spent.ScriptPubKey.Length);
                var buffer = size <= compressedCopy.Length ? compressedCopy : new byte[size];
                compressed = buffer[..ScriptCompression.Write(buffer, spent.ScriptPubKey)];
            }
            // The payer's txid, so that a reveal is matched to the commit its outpoint names, as a txid lookup would be:
            // from a blocks folder without the merkle check, hashed when a reveal points at it (TxidOf); else the
            // block's (the merkle check's copied, or this transaction hashed, once: payers come in block order).
            var txid = block._txids.AsSpan(block.Count * 32, 32);
            if (block._located is { } located) located[block.Count] = parsed.Layout.Transactions[payer.Tx];
            else if (block.Count > 0 && block._tx[block.Count - 1] == payer.Tx) block._txids.AsSpan((block.Count - 1) * 32, 32).CopyTo(txid);
            else parsed.Txid(payer.Tx, txid);
            // The P2TR output: amount (8 bytes), script length (0x22), OP_1, 0x20, then the key at KeyOffset. A length in
            // a longer, non-canonical CompactSize (which Core refuses) leaves the amount unknown: -1 matches no reveal.
            var paid = bytes[payer.KeyOffset - 3] == 0x22 ? BinaryPrimitives.ReadInt64LittleEndian(bytes.Slice(payer.KeyOffset - 11, 8)) : -1;
            block.Add(bytes.Slice(payer.KeyOffset, 32), payer.Tx, payer.Output, paid, parsed.Prevout(payer.Tx, 0), value, compressed);
        }
        return block;
    }

    private void Add(ReadOnlySpan<byte> key, int tx, int output, long paid, ReadOnlySpan<byte> outpoint, long funderValue, ReadOnlySpan<byte> compressedScript)
    {
        var i = Count++;
        var k = OutputKey.From(key);
        _keys[i] = k;
        _tx[i] = tx;
        _output[i] = output;
        _paid[i] = paid;
        outpoint.CopyTo(_outpoints.AsSpan(i * OutpointBytes, OutpointBytes));
        _funderValues[i] = funderValue;
        var at = _scriptAt[i];
        if (at + compressedScript.Length > _scripts.Length)
        {
            var grown = Bytes.Rent(Math.Max(at + compressedScript.Length, _scripts.Length * 2));
            _scripts.AsSpan(0, at).CopyTo(grown);
            Bytes.Return(_scripts);
            _scripts = grown;
        }
        compressedScript.CopyTo(_scripts.AsSpan(at));
        _scriptAt[i + 1] = at + compressedScript.Length;
        // An empty slot (0) makes the payer the key's first: previous -1.
        var slot = SlotOf(k);
        _previous[i] = _newest[slot] - 1;
        _newest[slot] = i + 1;
    }

    /// <summary>The index slot holding <paramref name="key"/>'s newest payer, or the empty slot where it would go: linear
    /// probing on the key's first word (random bytes: a public key's x coordinate).</summary>
    private int SlotOf(in OutputKey key)
    {
        for (var slot = (int)(key.A & (ulong)_mask); ; slot = (slot + 1) & _mask)
        {
            var entry = _newest[slot];
            if (entry == 0 || _keys[entry - 1] == key) return slot;
        }
    }

    /// <summary>The newest payer of <paramref name="key"/> before transaction <paramref name="beforeTx"/> that created
    /// the output <paramref name="outpoint"/> (36 bytes: txid, vout) of amount <paramref name="amount"/> (a payer whose
    /// amount was left unknown matches nothing). -1 when none.</summary>
    public int Find(in OutputKey key, ReadOnlySpan<byte> outpoint, long amount, int beforeTx)
    {
        if (Count == 0) return -1;
        var vout = BinaryPrimitives.ReadUInt32LittleEndian(outpoint[32..]);
        for (var i = _newest[SlotOf(key)] - 1; i >= 0; i = _previous[i])
        {
            if (_tx[i] < beforeTx && (uint)_output[i] == vout && _paid[i] == amount && TxidOf(i).SequenceEqual(outpoint[..32]))
                return i;
        }
        return -1;
    }

    /// <summary>How many payers' transactions were read again and hashed (read-again mode).</summary>
    public int ReadAgainCount { get; private set; }

    // Payer i's txid; in read-again mode its transaction is read from the folder and hashed the first time it is asked.
    private ReadOnlySpan<byte> TxidOf(int i)
    {
        var txid = _txids.AsSpan(i * 32, 32);
        if (_located is null || _located[i] == default) return txid;
        var raw = _located[i];
        var bytes = Bytes.Rent(raw.Length);
        try
        {
            _readAgain!(raw.Start, bytes.AsSpan(0, raw.Length));
            // The transaction's byte offsets, from the block's start to its own (FirstInput indexes the scan's outpoints).
            var own = new RawTransaction(0, raw.Length, raw.BodyStart - raw.Start, raw.WitnessStart - raw.Start, raw.FirstInput, raw.InputCount);
            RawBlockScanner.Txid(bytes.AsSpan(0, raw.Length), own, txid);
        }
        finally
        {
            Bytes.Return(bytes);
        }
        _located[i] = default;
        ReadAgainCount++;
        return txid;
    }

    /// <summary>Payer <paramref name="i"/>'s funder: its input 0's outpoint, and the output it spent (compressed).</summary>
    public (ReadOnlyMemory<byte> Outpoint, long Value, ReadOnlyMemory<byte> CompressedScript) Funder(int i) =>
        (_outpoints.AsMemory(i * OutpointBytes, OutpointBytes), _funderValues[i],
            _scripts.AsMemory(_scriptAt[i], _scriptAt[i + 1] - _scriptAt[i]));
}
