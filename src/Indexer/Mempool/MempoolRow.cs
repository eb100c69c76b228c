namespace Explorer.Indexer.Mempool;

/// <summary>A row of <c>mempool_transactions</c> (sql/003_mempool.sql): one protocol's view of an unconfirmed
/// transaction, the columns meaning what they mean in <c>colored_transactions</c>.</summary>
public sealed record MempoolRow(string Txid, string Protocol, string Kind, bool Valid, string Error, string RawHex, string AnswerJson,
    DateTime FirstSeen)
{
    public static readonly string[] Columns =
        ["txid", "protocol", "kind", "valid", "error", "raw_hex", "answer_json", "first_seen", "is_removed", "version"];

    /// <summary>The row in RowBinary, columns in <see cref="Columns"/> order (sql/003_mempool.sql types; first_seen is
    /// DateTime64(3): "Int64, ticks of the column's precision since the epoch", milliseconds here).</summary>
    public void Write(Storage.RowBinaryWriter writer, bool removed, ulong version)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.String(Txid);
        writer.String(Protocol);
        writer.String(Kind);
        writer.UInt8((byte)(Valid ? 1 : 0));
        writer.String(Error);
        writer.String(RawHex);
        writer.String(AnswerJson);
        writer.Int64(new DateTimeOffset(DateTime.SpecifyKind(FirstSeen, DateTimeKind.Utc)).ToUnixTimeMilliseconds());
        writer.UInt8((byte)(removed ? 1 : 0));
        writer.UInt64(version);
    }
}
