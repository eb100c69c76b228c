using System.Collections.Immutable;

namespace Explorer.BlockFiles;

/// <summary>
/// Core's <c>CBlockUndo</c>: for every transaction but the coinbase, in block order, the outputs its inputs spent,
/// in input order. Source: Bitcoin Core src/undo.h ("std::vector&lt;CTxUndo&gt; vtxundo; // for all but the coinbase").
/// Either built from parsed outputs (<c>new BlockUndo(transactions)</c>) or over the serialized undo data
/// (<see cref="FromSerialized"/>): then only the transactions asked for with <see cref="ForTransaction"/> are parsed,
/// which is what the indexer needs (the outputs spent by colored-coin candidates, about 1% of transactions).
/// </summary>
public sealed record BlockUndo
{
    private readonly ReadOnlyMemory<byte> _data;
    private readonly int[]? _offsets;
    private ImmutableArray<ImmutableArray<SpentOutput>> _parsed;

    public BlockUndo(ImmutableArray<ImmutableArray<SpentOutput>> transactions)
    {
        _parsed = transactions.IsDefault ? [] : transactions;
        TransactionCount = _parsed.Length;
    }

    private BlockUndo(ReadOnlyMemory<byte> data, int[] offsets)
    {
        _data = data;
        _offsets = offsets;
        TransactionCount = offsets.Length - 1;
    }

    /// <summary>Number of transaction undos (the block's transactions but the coinbase).</summary>
    public int TransactionCount { get; }

    /// <summary>Every transaction's spent outputs (parsed on first use when built over serialized data).</summary>
    public ImmutableArray<ImmutableArray<SpentOutput>> Transactions
    {
        get
        {
            if (_parsed.IsDefault)
            {
                var builder = ImmutableArray.CreateBuilder<ImmutableArray<SpentOutput>>(TransactionCount);
                for (var t = 0; t < TransactionCount; t++)
                {
                    builder.Add(Parse(t));
                }

                _parsed = builder.MoveToImmutable();
            }

            return _parsed;
        }
    }

    /// <summary>
    /// Undo data over its serialized form (the <c>size</c> bytes of a rev record), checked structurally now
    /// (<see cref="UndoSerializer.TryIndex"/>), parsed per transaction on demand. The memory must not change afterwards.
    /// </summary>
    public static bool TryFromSerialized(ReadOnlyMemory<byte> data, out BlockUndo undo, out string error)
    {
        if (!UndoSerializer.TryIndex(data.Span, out var offsets, out error))
        {
            undo = new BlockUndo([]);
            return false;
        }

        undo = new BlockUndo(data, offsets);
        return true;
    }

    /// <summary>Like <see cref="TryFromSerialized"/>; throws <see cref="InvalidDataException"/> on malformed data.</summary>
    public static BlockUndo FromSerialized(ReadOnlyMemory<byte> data) =>
        TryFromSerialized(data, out var undo, out var error) ? undo : throw new InvalidDataException($"Malformed undo data: {error}.");

    /// <summary>Spent outputs of transaction <paramref name="txIndex"/> of the block (index 0 = coinbase, which has none).</summary>
    public ImmutableArray<SpentOutput> ForTransaction(int txIndex)
    {
        if (txIndex == 0)
        {
            return [];
        }

        return _parsed.IsDefault ? Parse(txIndex - 1) : _parsed[txIndex - 1];
    }

    /// <summary>The output spent by input 0 of transaction <paramref name="txIndex"/> (null for the coinbase, or a
    /// transaction with no undo entry): parses that coin only.</summary>
    public SpentOutput? FirstSpent(int txIndex)
    {
        if (txIndex == 0 || txIndex > TransactionCount) return null;
        if (!_parsed.IsDefault) return _parsed[txIndex - 1] is [var first, ..] ? first : null;
        var pos = _offsets![txIndex - 1];
        if (!UndoSerializer.TryParseTransaction(_data.Span, ref pos, txIndex - 1, out var spent, out var error, limit: 1))
            throw new InvalidDataException($"Malformed undo data: {error}.");
        return spent is [var one] ? one : null;
    }

    /// <summary>The output spent by input 0 of transaction <paramref name="txIndex"/> as the undo data stores it,
    /// without building it: its amount and its script in Core's compressed form (<see cref="ScriptCompression"/>, read
    /// back with <see cref="ScriptCompression.TryRead"/>). False for the coinbase, a transaction with no undo entry, or
    /// undo data built from parsed outputs (use <see cref="FirstSpent"/> there).</summary>
    /// <exception cref="InvalidDataException">The coin's bytes are malformed.</exception>
    public bool TryFirstSpentCompressed(int txIndex, out long value, out ReadOnlySpan<byte> compressedScript)
    {
        value = 0;
        compressedScript = default;
        if (!TryLocateFirstSpent(txIndex, out var at)) return false;
        ReadSpentAt(at, out value, out compressedScript);
        return true;
    }

    /// <summary>The serialized undo data (empty when built from parsed outputs): what the positions of
    /// <see cref="TryLocateFirstSpent"/> point into.</summary>
    public ReadOnlySpan<byte> Serialized => _data.Span;

    /// <summary>Where the output spent by input 0 of transaction <paramref name="txIndex"/> is stored (the position of
    /// its compressed amount in <see cref="Serialized"/>, for <see cref="ReadSpentAt"/>); false as
    /// <see cref="TryFirstSpentCompressed"/>.</summary>
    /// <exception cref="InvalidDataException">The coin's bytes are malformed.</exception>
    public bool TryLocateFirstSpent(int txIndex, out int amountAt)
    {
        amountAt = -1;
        if (txIndex == 0 || txIndex > TransactionCount || _offsets is null) return false;
        var data = _data.Span;
        var pos = _offsets[txIndex - 1];
        if (!CoreVarInt.TryReadCompactSize(data, ref pos, out var inCount)) throw new InvalidDataException("Malformed undo data: bad input count.");
        if (inCount == 0) return false;
        // undo.h: height code, a version dummy when the height is above 0, then the compressed amount and script.
        if (!CoreVarInt.TryReadVarInt(data, ref pos, out var code) || (code >> 1 > 0 && !CoreVarInt.TryReadVarInt(data, ref pos, out _)))
            throw new InvalidDataException("Malformed undo data: bad coin.");
        amountAt = pos;
        return true;
    }

    /// <summary>The amount and compressed script of the coin whose amount is at <paramref name="amountAt"/>
    /// (<see cref="TryLocateFirstSpent"/>).</summary>
    /// <exception cref="InvalidDataException">The coin's bytes are malformed.</exception>
    public void ReadSpentAt(int amountAt, out long value, out ReadOnlySpan<byte> compressedScript)
    {
        var data = _data.Span;
        var pos = amountAt;
        if (amountAt < 0 || !CoreVarInt.TryReadVarInt(data, ref pos, out var amount)) throw new InvalidDataException("Malformed undo data: bad amount.");
        var start = pos;
        if (!ScriptCompression.TrySkip(data, ref pos)) throw new InvalidDataException("Malformed undo data: bad script.");
        value = (long)AmountCompression.Decompress(amount);
        compressedScript = data[start..pos];
    }

    private ImmutableArray<SpentOutput> Parse(int t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(t, TransactionCount);
        var pos = _offsets![t];
        if (!UndoSerializer.TryParseTransaction(_data.Span, ref pos, t, out var spent, out var error))
        {
            throw new InvalidDataException($"Malformed undo data: {error}.");
        }

        return spent;
    }
}
