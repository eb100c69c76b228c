using Explorer.BlockFiles;

namespace Explorer.Indexer.Pipeline;

/// <summary>
/// A block of the source's active chain that cannot be used as stored: its bytes do not parse, its transactions do
/// not hash to its header's merkle root, or its undo record is missing or damaged while the next block's is present.
/// The node's files are corrupt there (Bitcoin Core would need <c>-reindex</c>), and skipping the block would lose its
/// colored transfers, so indexing stops on it (<see cref="IndexerException"/>: the service does not retry) after the
/// blocks below it are written; nothing is written for it. Names the blk file, the record's offset and the height.
/// </summary>
public sealed class MalformedBlockException : IndexerException
{
    public MalformedBlockException(string message) : base(message) { }

    public MalformedBlockException(string message, Exception inner) : base(message, inner) { }

    public MalformedBlockException() { }

    private MalformedBlockException(BlockRecord record, int height, string reason, Exception? inner)
        : base($"malformed block at height {height} ({FlatFileLayout.BlockFileName(record.File)} offset {record.DataOffset}, " +
               $"hash {record.Hash}): {reason}", inner!)
    {
        File = FlatFileLayout.BlockFileName(record.File);
        Offset = record.DataOffset;
        Height = height;
    }

    /// <summary>The blk file holding the block (e.g. <c>blk00000.dat</c>).</summary>
    public string? File { get; }

    /// <summary>Offset of the block's bytes in <see cref="File"/> (after the record's magic and size).</summary>
    public long Offset { get; }

    /// <summary>Height of the block in the source's active chain.</summary>
    public int Height { get; }

    public static MalformedBlockException For(BlockRecord record, int height, string reason, Exception? inner = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new MalformedBlockException(record, height, reason, inner);
    }
}
