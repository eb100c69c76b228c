namespace Explorer.Indexer.Mempool;

/// <summary>A row of <c>mempool_transactions</c> (sql/003_mempool.sql): one protocol's view of an unconfirmed
/// transaction, the columns meaning what they mean in <c>colored_transactions</c>.</summary>
public sealed record MempoolRow(string Txid, string Protocol, string Kind, bool Valid, string Error, string RawHex, string AnswerJson,
    DateTime FirstSeen)
{
    public static readonly string[] Columns =
        ["txid", "protocol", "kind", "valid", "error", "raw_hex", "answer_json", "first_seen", "is_removed", "version"];

    public object[] ToRow(bool removed, ulong version) =>
        [Txid, Protocol, Kind, (byte)(Valid ? 1 : 0), Error, RawHex, AnswerJson, FirstSeen, (byte)(removed ? 1 : 0), version];
}
