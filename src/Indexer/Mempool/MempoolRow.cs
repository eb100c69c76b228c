namespace Explorer.Indexer.Mempool;

/// <summary>A row of <c>mempool_transactions</c> (sql/003_mempool.sql, request_json: sql/008): one protocol's view of an
/// unconfirmed transaction, the columns meaning what they mean in <c>colored_transactions</c> (answer_json without raw
/// views, request_json the decode request's context with the prevouts). <paramref name="FirstSeen"/>: when the
/// transaction entered the node's mempool (its mempool entry's "time") or, when the node does not say, when the
/// indexer first saw it there.</summary>
public sealed record MempoolRow(string Txid, string Protocol, string Kind, bool Valid, string Error, string RawHex, string AnswerJson,
    DateTime FirstSeen, string RequestJson = "")
{
    public static readonly string[] Columns =
        ["txid", "protocol", "kind", "valid", "error", "raw_hex", "answer_json", "first_seen", "is_removed", "version", "request_json"];

    /// <summary>The row in RowBinary, columns in <see cref="Columns"/> order (sql/003_mempool.sql types; first_seen is
    /// DateTime64(3): "Int64, ticks of the column's precision since the epoch", milliseconds here; request_json:
    /// sql/008).</summary>
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
        writer.String(RequestJson);
    }
}
