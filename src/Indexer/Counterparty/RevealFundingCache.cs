using System.Buffers.Binary;
using Explorer.BlockFiles;
using Explorer.Indexer.Pipeline;
using Explorer.Protocols.Decoding;
using NBitcoin;

namespace Explorer.Indexer.Counterparty;

/// <summary>
/// The output that funded each recent potential commit transaction (any transaction paying a P2TR output): its input
/// 0's previous output, from the undo data. A Counterparty taproot reveal spends a commit output, and counterparty-core
/// takes the commit's funder as the reveal's source and fee input ("A reveal transaction's source is one hop further
/// back than an ordinary input: not the commit output it spends, but the output that funded the commit transaction",
/// backend/bitcoind.py get_reveal_prevouts). Bounded and in memory; a reveal sees only the payers of its own block
/// (before it) and of the <see cref="Window"/> blocks below it, which is what the indexer reads again at a start
/// (Indexer:RevealWarmupBlocks), so that a reveal's source does not depend on whether the indexer restarted in between
/// (docs/counterparty.md).
/// <para>
/// Kept as whole blocks (<see cref="RevealPayerBlock"/>, built by the parallel stage), newest last; a block leaves when it
/// falls out of the window, or, oldest first, when more than <see cref="Capacity"/> payers are held. Keyed by the P2TR
/// output key (BIP 341 <c>OP_1 &lt;32-byte key&gt;</c>) rather than by the commit's txid: the reveal's undo data gives
/// the script of the output it spends. When several transactions pay the same key, their txids (the merkle-root
/// check's, or the payers' own hashed by the parallel stage when the check is off) tell them apart exactly, as a txid
/// lookup would: a later payment to a reused key, same index and amount, never takes a reveal whose commit is older.
/// </para>
/// </summary>
public sealed class RevealFundingCache
{
    public const int DefaultCapacity = 200_000;

    /// <summary>Blocks below a reveal whose payers it may find (the indexer's default warm-up).</summary>
    public const int DefaultWindow = 144;

    // Oldest first; _first is the oldest still held (the list is compacted when half of it has left).
    private readonly List<RevealPayerBlock> _blocks = [];
    private int _first;
    private int _count;

    /// <param name="capacity">Payers held at most (whole blocks leave, oldest first; the newest block always stays).</param>
    /// <param name="window">Blocks below a reveal whose payers it may find (<see cref="Window"/>).</param>
    public RevealFundingCache(int capacity = DefaultCapacity, int window = DefaultWindow)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfNegative(window);
        Capacity = capacity;
        Window = window;
    }

    public int Capacity { get; }

    /// <summary>
    /// How many blocks below a reveal its commit may be: payers older than that are not looked at (and leave). An indexer
    /// that restarts reads exactly these blocks again (Indexer:RevealWarmupBlocks), so a reveal finds the same payers
    /// whether or not it restarted.
    /// </summary>
    public int Window { get; }

    /// <summary>Height of the last block whose payers were recorded (-1: none): the indexer keeps the cache across its
    /// passes and fills it again from the source when this is not the height it resumes from.</summary>
    public int ObservedHeight { get; set; } = -1;

    /// <summary>Payers held.</summary>
    public int Count => _count;

    /// <summary>Records a block's payers. A block at or below one held replaces it and every block above it (a reorg's
    /// blocks); blocks out of the window below it, then the oldest past <see cref="Capacity"/>, leave.</summary>
    public void Observe(RevealPayerBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (block.Released) throw new ArgumentException("the block's payers were released", nameof(block));
        while (_blocks.Count > _first && _blocks[^1].Height >= block.Height)
        {
            var replaced = _blocks[^1];
            _count -= replaced.Count;
            _blocks.RemoveAt(_blocks.Count - 1);
            // The same block observed again (a block applied twice) stays; another leaves and gives its arrays back.
            if (!ReferenceEquals(replaced, block)) replaced.Release();
        }
        if (block.Count > 0)
        {
            _blocks.Add(block);
            _count += block.Count;
        }
        while (_blocks.Count - _first > 0 && (block.Height - _blocks[_first].Height > Window
            || (_count > Capacity && _blocks.Count - _first > 1)))
        {
            _count -= _blocks[_first].Count;
            _blocks[_first].Release();
            _blocks[_first++] = null!;
        }
        if (_first > 64 && _first * 2 > _blocks.Count)
        {
            _blocks.RemoveRange(0, _first);
            _first = 0;
        }
    }

    /// <summary>Records a parsed block's payers (<see cref="ParsedBlock.RevealPayers"/>, or built here).</summary>
    /// <exception cref="InvalidDataException">The undo data is malformed.</exception>
    public void Observe(ParsedBlock parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        Observe(parsed.RevealPayers ?? RevealPayerBlock.Build(parsed, parsed.TaprootPayers ?? BlockParser.TaprootPayers(parsed)));
    }

    /// <summary>The funding of the commit whose output a reveal's input 0 spends: <paramref name="outpoint"/> (36 raw
    /// bytes: txid, vout), that output's script and amount (from the undo data), for a reveal that is transaction
    /// <paramref name="txIndex"/> of the block at <paramref name="height"/>; null when unknown, older than
    /// <see cref="Window"/> blocks below it, or not P2TR.</summary>
    public RevealFunding? For(ReadOnlySpan<byte> outpoint, ReadOnlySpan<byte> spentScript, long spentAmount, int height, int txIndex = int.MaxValue)
    {
        if (outpoint.Length < 36 || !IsTaproot(spentScript)) return null;
        var key = OutputKey.From(spentScript[2..]);
        for (var b = _blocks.Count - 1; b >= _first; b--)
        {
            var block = _blocks[b];
            if (block.Height > height) continue;
            // Blocks are held in height order: past the window, every older one is too.
            if ((long)height - block.Height > Window) break;
            var found = block.Find(key, outpoint, spentAmount, block.Height == height ? txIndex : int.MaxValue);
            if (found >= 0) return Funding(block, found);
        }
        return null;
    }

    public void Clear()
    {
        ObservedHeight = -1;
        for (var b = _first; b < _blocks.Count; b++) _blocks[b].Release();
        _blocks.Clear();
        _first = 0;
        _count = 0;
    }

    /// <summary>BIP 341 output: OP_1 &lt;32-byte key&gt;.</summary>
    public static bool IsTaproot(ReadOnlySpan<byte> script) => script.Length == 34 && script[0] == 0x51 && script[1] == 0x20;

    private static RevealFunding Funding(RevealPayerBlock block, int payer)
    {
        var (outpointMemory, value, compressed) = block.Funder(payer);
        var outpoint = outpointMemory.Span;
        var at = 0;
        // Kept as the undo data had it (checked structurally there); a script that does not decompress (a public key
        // off the curve) is kept as no script rather than failing the reveal.
        if (!ScriptCompression.TryRead(compressed.Span, ref at, out var script)) script = [];
        return new RevealFunding(new OutPoint(new uint256(outpoint[..32]), BinaryPrimitives.ReadUInt32LittleEndian(outpoint[32..])),
            new TxOut(Money.Satoshis(value), new Script(script)));
    }
}
