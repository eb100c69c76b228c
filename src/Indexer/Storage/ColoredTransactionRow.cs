namespace Explorer.Indexer.Storage;

/// <summary>A row of <c>colored_transactions</c>: one protocol's view of one transaction, with the raw transaction
/// (kept as bytes, a quarter of its hex text, and written as hex into the <c>raw_hex</c> column).</summary>
public sealed record ColoredTransactionRow(
    string Txid, string Protocol, uint Height, string BlockHash, uint TxIndex, string Kind, bool Valid, string Error,
    byte[] Raw, string AnswerJson)
{
    /// <summary>The raw transaction as the <c>raw_hex</c> column holds it.</summary>
    public string RawHex => Convert.ToHexStringLower(Raw);

    /// <summary>The decode request's context when the answer was stored without raw views (sql/006), else empty.</summary>
    public string RequestJson { get; init; } = string.Empty;

    public static readonly string[] Columns =
        ["txid", "protocol", "height", "block_hash", "tx_index", "kind", "valid", "error", "raw_hex", "answer_json", "is_orphaned", "version", "request_json"];

    /// <summary>The row in RowBinary, columns in <see cref="Columns"/> order (txid, protocol, height, block_hash,
    /// tx_index, kind, valid, error, raw_hex, answer_json, is_orphaned, version: sql/002_colored.sql; request_json: sql/006).</summary>
    public void Write(RowBinaryWriter writer, ulong version)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.String(Txid);
        writer.String(Protocol);
        writer.UInt32(Height);
        writer.String(BlockHash);
        writer.UInt32(TxIndex);
        writer.String(Kind);
        writer.UInt8((byte)(Valid ? 1 : 0));
        writer.String(Error);
        writer.HexString(Raw);
        writer.String(AnswerJson);
        writer.UInt8(0);
        writer.UInt64(version);
        writer.String(RequestJson);
    }
}
