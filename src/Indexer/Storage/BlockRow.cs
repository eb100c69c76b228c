namespace Explorer.Indexer.Storage;

/// <summary>A row of <c>blocks</c> (sql/001_blocks.sql).</summary>
public sealed record BlockRow(uint Height, string Hash, string PrevHash, DateTime Time, uint TxCount, uint Size, uint ColoredTxCount)
{
    public static readonly string[] Columns = ["height", "hash", "prev_hash", "time", "tx_count", "size", "colored_tx_count", "is_orphaned", "version"];

    /// <summary>The row in RowBinary, columns in <see cref="Columns"/> order (sql/001_blocks.sql types).</summary>
    public void Write(RowBinaryWriter writer, ulong version)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.UInt32(Height);
        writer.String(Hash);
        writer.String(PrevHash);
        writer.DateTime(Time);
        writer.UInt32(TxCount);
        writer.UInt32(Size);
        writer.UInt32(ColoredTxCount);
        writer.UInt8(0);
        writer.UInt64(version);
    }
}
