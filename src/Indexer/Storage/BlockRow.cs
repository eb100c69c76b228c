namespace Explorer.Indexer.Storage;

/// <summary>A row of <c>blocks</c> (sql/001_blocks.sql).</summary>
public sealed record BlockRow(uint Height, string Hash, string PrevHash, DateTime Time, uint TxCount, uint Size, uint ColoredTxCount)
{
    public static readonly string[] Columns = ["height", "hash", "prev_hash", "time", "tx_count", "size", "colored_tx_count", "is_orphaned", "version"];

    public object[] ToRow(ulong version) => [Height, Hash, PrevHash, Time, TxCount, Size, ColoredTxCount, (byte)0, version];
}
