namespace Explorer.BlockFiles;

/// <summary>
/// A block of the active chain, read from the folder: its height, its record, the serialized block (with witnesses,
/// de-obfuscated) and its undo data (the outputs spent by each input; null for the genesis block).
/// <para>
/// The bytes are <see cref="Bytes"/>; a reader may lend them from a buffer pool, and whoever is done with the block
/// (the indexer's state stage) gives them back with <see cref="Release"/>: after that they must not be read.
/// <see cref="Block"/> is an array of exactly the block (the lent buffer is copied when one is asked for).
/// </para>
/// </summary>
public sealed record ChainBlock
{
    private byte[]? _array;
    private Action? _release;

    public ChainBlock(int height, BlockRecord record, byte[] block, BlockUndo? undo)
        : this(height, record, (ReadOnlyMemory<byte>)(block ?? throw new ArgumentNullException(nameof(block))), undo, null) => _array = block;

    /// <param name="release">Gives a lent buffer back (called once, by <see cref="Release"/>); null when nothing was lent.</param>
    public ChainBlock(int height, BlockRecord record, ReadOnlyMemory<byte> bytes, BlockUndo? undo, Action? release)
    {
        Height = height;
        Record = record;
        Bytes = bytes;
        Undo = undo;
        _release = release;
    }

    public int Height { get; }

    public BlockRecord Record { get; }

    /// <summary>The serialized block (exactly its bytes).</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    public BlockUndo? Undo { get; }

    /// <summary>Reads a part of the block again from where it is stored (a blocks folder), for bytes wanted after
    /// <see cref="Bytes"/> were given back; null when the source cannot (a node's answers).</summary>
    public BlockBytesReader? ReadAgain { get; init; }

    /// <summary>The serialized block as an array of exactly its bytes.</summary>
    public byte[] Block => _array ??= Bytes.ToArray();

    /// <summary>Gives lent bytes back to their pool (nothing when they were not lent; once only).</summary>
    public void Release() => Interlocked.Exchange(ref _release, null)?.Invoke();
}

/// <summary>Reads <c>destination.Length</c> bytes of a stored block from <paramref name="offset"/> in the block on.</summary>
public delegate void BlockBytesReader(int offset, Span<byte> destination);
