using System.Buffers.Binary;
using Explorer.BlockFiles;
using Explorer.Protocols.Decoding;
using NBitcoin;

namespace Explorer.Indexer.Counterparty;

/// <summary>
/// The output that funded each recent potential commit transaction (any transaction paying a P2TR output): its input
/// 0's previous output, from the undo data. A Counterparty taproot reveal spends a commit output, and counterparty-core
/// takes the commit's funder as the reveal's source and fee input ("A reveal transaction's source is one hop further
/// back than an ordinary input: not the commit output it spends, but the output that funded the commit transaction",
/// backend/bitcoind.py get_reveal_prevouts). Bounded (oldest entries leave first) and in memory; a reveal sees only the
/// payers of its own block and of the <see cref="Window"/> blocks below it, which is what the indexer reads again at a
/// start (Indexer:RevealWarmupBlocks), so that a reveal's source does not depend on whether the indexer restarted in
/// between (docs/counterparty.md).
/// <para>
/// Keyed by the P2TR output key (BIP 341 <c>OP_1 &lt;32-byte key&gt;</c>) rather than by the commit's txid: the reveal's
/// undo data gives the script of the output it spends, so no commit has to be hashed (a quarter of ordinary traffic pays
/// P2TR; hashing all of them was 40% of the state stage). When several transactions pay the same key, each one after
/// the first keeps its txid (from the merkle-root check when the pipeline made them) or, without it, a copy of the bytes
/// that hash to it in a bounded ring (hashed only when a reveal needs it), and a reveal is matched by its outpoint's txid among them before falling back to the first payer: the answer is the
/// commit that created the output, as a txid lookup gives it.
/// </para>
/// </summary>
public sealed class RevealFundingCache
{
    public const int DefaultCapacity = 200_000;

    /// <summary>Blocks below a reveal whose payers it may find (the indexer's default warm-up).</summary>
    public const int DefaultWindow = 144;

    // Funders' scripts are kept in Core's compressed form (undo.h), inline up to this size (P2PKH, P2SH and P2PK take 21
    // or 33 bytes; P2WPKH 23, P2WSH and P2TR 35); longer ones (bare multisig, odd scripts) in a side table.
    private const int InlineScript = 40;

    // A ring of slots in arrays without references, so that the garbage collector never walks the cache: 200,000
    // payers as objects made the collector a third of the state stage.
    private readonly int _capacity;
    private OutputKey[] _keys;
    private long[] _sequence;      // sequence number of the payer in each slot (0 = empty)
    private long[] _previous;      // sequence number of the previous payer of the same key (0 = none)
    private int[] _heights;        // the payer's block height
    private byte[] _outpoints;     // 36 bytes per slot: the commit's input 0 outpoint
    private long[] _values;
    private byte[] _scripts;       // InlineScript bytes per slot
    private short[] _scriptLengths; // -1: in _longScripts
    private byte[] _txids;         // 32 bytes per slot, when _hasTxid
    private bool[] _hasTxid;
    private long[] _preimageAt;    // when !_hasTxid and not first: where its txid preimage starts in the ring's stream
    private int[] _preimageLength;
    private byte[] _ring;          // txid preimages of later payers, overwritten oldest first
    private long _ringWritten;
    private readonly Dictionary<long, byte[]> _longScripts = [];
    private readonly OutputKeyTable _newest;
    private long _next = 1;

    /// <param name="window">Blocks below a reveal whose payers it may find (<see cref="Window"/>).</param>
    public RevealFundingCache(int capacity = DefaultCapacity, int preimageBytes = 32 << 20, int window = DefaultWindow)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(preimageBytes, 1 << 16);
        ArgumentOutOfRangeException.ThrowIfNegative(window);
        _capacity = capacity;
        Window = window;
        _ringLimit = preimageBytes;
        // Allocated small and grown while nothing has left yet (so that a slot's place does not change): a pass or a
        // follow step that meets few P2TR payers does not pay for the whole ring.
        _ring = new byte[Math.Min(preimageBytes, 1 << 16)];
        _newest = new OutputKeyTable(Math.Min(capacity, 1024));
        Allocate(Math.Min(capacity, 1024));
    }

    private readonly int _ringLimit;

    private int _size;

    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(_keys), nameof(_sequence), nameof(_previous), nameof(_heights), nameof(_outpoints), nameof(_values),
        nameof(_scripts), nameof(_scriptLengths), nameof(_txids), nameof(_hasTxid), nameof(_preimageAt), nameof(_preimageLength))]
    private void Allocate(int size)
    {
        _size = size;
        _newest?.Grow(size);
        Array.Resize(ref _keys, size);
        Array.Resize(ref _sequence, size);
        Array.Resize(ref _previous, size);
        Array.Resize(ref _heights, size);
        Array.Resize(ref _outpoints, size * 36);
        Array.Resize(ref _values, size);
        Array.Resize(ref _scripts, size * InlineScript);
        Array.Resize(ref _scriptLengths, size);
        Array.Resize(ref _txids, size * 32);
        Array.Resize(ref _hasTxid, size);
        Array.Resize(ref _preimageAt, size);
        Array.Resize(ref _preimageLength, size);
    }

    public int Capacity => _capacity;

    /// <summary>
    /// How many blocks below a reveal its commit may be: payers older than that are not looked at. An indexer that
    /// restarts reads exactly these blocks again (Indexer:RevealWarmupBlocks), so a reveal finds the same payers
    /// whether or not it restarted: without the window, an uninterrupted run remembered up to <see cref="Capacity"/>
    /// payers and a restarted one only the warm-up's.
    /// </summary>
    public int Window { get; }

    /// <summary>Height of the last block whose payers were recorded (-1: none): the indexer keeps the cache across its
    /// passes and fills it again from the source when this is not the height it resumes from.</summary>
    public int ObservedHeight { get; set; } = -1;

    /// <summary>Payers held (at most <see cref="Capacity"/>).</summary>
    public int Count => (int)Math.Min(_next - 1, _size);

    /// <summary>Records transaction <paramref name="tx"/> of <paramref name="block"/>, a possible commit paying P2TR
    /// output key <paramref name="outputKey"/> (32 bytes): its input 0's outpoint and the output that input spent, read
    /// from the block's undo data. False when the block has no undo entry for it (nothing is recorded).</summary>
    /// <exception cref="InvalidDataException">The undo data is malformed.</exception>
    public bool Observe(ReadOnlySpan<byte> outputKey, Pipeline.ParsedBlock block, int tx)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (outputKey.Length != 32) throw new ArgumentException("a 32-byte key is required", nameof(outputKey));
        if (block.Source.Undo is not { } undo) return false;
        // The funder as the undo data stores it (amount, compressed script): nothing is built per payer.
        Span<byte> compressedCopy = stackalloc byte[InlineScript];
        scoped ReadOnlySpan<byte> compressed;
        if (undo.TryFirstSpentCompressed(tx, out var value, out var stored))
        {
            compressed = stored;
        }
        else
        {
            // Undo data made from parsed outputs (a node's verbose block): compress the script here.
            if (undo.FirstSpent(tx) is not { } spent) return false;
            value = spent.Value;
            if (ScriptCompression.MaxCompressedSize(spent.ScriptPubKey.Length) <= InlineScript)
            {
                compressed = compressedCopy[..ScriptCompression.Write(compressedCopy, spent.ScriptPubKey)];
            }
            else
            {
                var buffer = new byte[ScriptCompression.MaxCompressedSize(spent.ScriptPubKey.Length)];
                compressed = buffer.AsSpan(0, ScriptCompression.Write(buffer, spent.ScriptPubKey));
            }
        }
        Record(outputKey, block, tx, value, compressed);
        return true;
    }

    /// <summary>Records a payer found by the parallel stage (<see cref="Pipeline.BlockParser.TaprootPayers"/>), whose
    /// funder it already located in the undo data.</summary>
    /// <exception cref="InvalidDataException">The undo data is malformed.</exception>
    public bool Observe(Pipeline.ParsedBlock block, in Pipeline.TaprootPayer payer)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (payer.FunderAt < 0) return Observe(block.Source.Bytes.Span.Slice(payer.KeyOffset, 32), block, payer.Tx);
        var undo = block.Source.Undo ?? throw new InvalidOperationException("a payer with a funder needs the block's undo data");
        undo.ReadSpentAt(payer.FunderAt, out var value, out var compressed);
        Record(block.Source.Bytes.Span.Slice(payer.KeyOffset, 32), block, payer.Tx, value, compressed);
        return true;
    }

    private void Record(ReadOnlySpan<byte> outputKey, Pipeline.ParsedBlock block, int tx, long value, ReadOnlySpan<byte> compressedScript)
    {
        var key = OutputKey.From(outputKey);
        var seq = _next++;
        // Still filling: grow (slots keep their places, as none has been reused yet).
        if (seq > _size && _size < _capacity) Allocate((int)Math.Min((long)_size * 16, _capacity));
        var slot = Slot(seq);
        // The slot's previous payer leaves; so does its key when that payer was the key's newest.
        if (_sequence[slot] != 0)
        {
            _newest.Remove(_keys[slot], slot, _keys);
            if (_scriptLengths[slot] < 0) _longScripts.Remove(_sequence[slot]);
        }
        _keys[slot] = key;
        // The table only points at live slots (a slot leaves it when reused), so the key's previous payer is live.
        var replaced = _newest.Set(key, slot, _keys);
        var previous = replaced < 0 ? 0 : _sequence[replaced];
        _sequence[slot] = seq;
        _previous[slot] = previous;
        _heights[slot] = block.Height;
        block.Prevout(tx, 0).CopyTo(_outpoints.AsSpan(slot * 36, 36));
        _values[slot] = value;
        if (compressedScript.Length <= InlineScript)
        {
            compressedScript.CopyTo(_scripts.AsSpan(slot * InlineScript, InlineScript));
            _scriptLengths[slot] = (short)compressedScript.Length;
        }
        else
        {
            _longScripts[seq] = compressedScript.ToArray();
            _scriptLengths[slot] = -1;
        }
        // Every payer keeps its txid when the pipeline made them (the merkle-root check, the default): a reveal is then
        // matched exactly. Without them, a key's first live payer keeps nothing and the later ones the bytes that hash
        // to their txid; a reveal matching none of those is taken for the first payer's, which a restart can change (its
        // first payer may have had older ones before the warm-up; docs/counterparty.md).
        _hasTxid[slot] = false;
        _preimageLength[slot] = 0;
        if (block.Txids is not null)
        {
            block.Txid(tx, _txids.AsSpan(slot * 32, 32));
            _hasTxid[slot] = true;
        }
        else if (previous != 0)
        {
            KeepPreimage(slot, block.Source.Bytes.Span, block.Layout.Transactions[tx]);
        }
    }

    /// <summary>The funding of the commit whose output a reveal's input 0 spends: <paramref name="outpoint"/> (36 raw
    /// bytes: txid, vout) and that output's script (from the undo data), for a reveal in the block at
    /// <paramref name="height"/>; null when unknown, older than <see cref="Window"/> blocks below it, or not P2TR.</summary>
    public RevealFunding? For(ReadOnlySpan<byte> outpoint, ReadOnlySpan<byte> spentScript, int height)
    {
        if (outpoint.Length < 36 || !IsTaproot(spentScript)) return null;
        var newest = _newest.Find(OutputKey.From(spentScript[2..]), _keys);
        if (newest < 0) return null;
        var seq = _sequence[newest];
        var txid = outpoint[..32];
        long first = 0;
        // Newest to oldest payer of the key; a payer with neither txid nor preimage is the first of the chain.
        for (var steps = 0; seq != 0 && Live(seq) && steps < _size; steps++)
        {
            var slot = Slot(seq);
            // Payers are recorded in block order: past the window, every older one is too.
            if ((long)height - _heights[slot] > Window) break;
            if (!_hasTxid[slot] && _preimageLength[slot] == 0) first = seq;
            else if (TryTxid(slot, out var known) && known.SequenceEqual(txid)) return Funding(slot, seq);
            seq = _previous[slot];
        }
        return first == 0 ? null : Funding(Slot(first), first);
    }

    public void Clear()
    {
        ObservedHeight = -1;
        Array.Clear(_sequence);
        _newest.Clear();
        _longScripts.Clear();
    }

    /// <summary>BIP 341 output: OP_1 &lt;32-byte key&gt;.</summary>
    public static bool IsTaproot(ReadOnlySpan<byte> script) => script.Length == 34 && script[0] == 0x51 && script[1] == 0x20;

    private void KeepPreimage(int slot, ReadOnlySpan<byte> block, Pipeline.RawTransaction tx)
    {
        var body = tx.HasWitness ? tx.WitnessStart - tx.BodyStart : tx.Length - 4;
        var length = body + (tx.HasWitness ? 8 : 4);
        if (length > _ringLimit) return;
        // Still filling: grow the ring (a preimage keeps its place, as nothing has been overwritten yet).
        while (_ringWritten + length > _ring.Length && _ring.Length < _ringLimit && _ringWritten < _ring.Length)
            Array.Resize(ref _ring, (int)Math.Min((long)_ring.Length * 16, _ringLimit));
        var at = (int)(_ringWritten % _ring.Length);
        if (at + length > _ring.Length) _ringWritten += _ring.Length - at; // no wrapping inside one preimage
        at = (int)(_ringWritten % _ring.Length);
        var target = _ring.AsSpan(at, length);
        if (tx.HasWitness)
        {
            block.Slice(tx.Start, 4).CopyTo(target);
            block[tx.BodyStart..tx.WitnessStart].CopyTo(target[4..]);
            block.Slice(tx.End - 4, 4).CopyTo(target[(4 + body)..]);
        }
        else
        {
            block[tx.Start..tx.End].CopyTo(target);
        }
        _preimageAt[slot] = _ringWritten;
        _preimageLength[slot] = length;
        _ringWritten += length;
    }

    /// <summary>The slot's txid, hashed from its preimage on first use; false when the ring overwrote the preimage (the
    /// payer can then not be told apart, and does not match).</summary>
    private bool TryTxid(int slot, out ReadOnlySpan<byte> txid)
    {
        txid = _txids.AsSpan(slot * 32, 32);
        if (_hasTxid[slot]) return true;
        if (_ringWritten - _preimageAt[slot] > _ring.Length) return false;
        var hash = _txids.AsSpan(slot * 32, 32);
        Pipeline.DoubleSha256.Hash(_ring.AsSpan((int)(_preimageAt[slot] % _ring.Length), _preimageLength[slot]), hash);
        _hasTxid[slot] = true;
        return true;
    }

    private int Slot(long seq) => (int)((seq - 1) % _size);

    private bool Live(long seq) => seq > 0 && _sequence[Slot(seq)] == seq;

    private RevealFunding Funding(int slot, long seq)
    {
        var outpoint = _outpoints.AsSpan(slot * 36, 36);
        ReadOnlySpan<byte> compressed = _scriptLengths[slot] < 0 ? _longScripts[seq] : _scripts.AsSpan(slot * InlineScript, _scriptLengths[slot]);
        var at = 0;
        // Kept as the undo data had it (checked structurally there); a script that does not decompress (a public key
        // off the curve) is kept as no script rather than failing the reveal.
        if (!ScriptCompression.TryRead(compressed, ref at, out var script)) script = [];
        return new RevealFunding(new OutPoint(new uint256(outpoint[..32]), BinaryPrimitives.ReadUInt32LittleEndian(outpoint[32..])),
            new TxOut(Money.Satoshis(_values[slot]), new Script(script)));
    }
}
