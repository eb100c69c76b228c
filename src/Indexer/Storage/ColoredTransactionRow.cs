using System.Text;

namespace Explorer.Indexer.Storage;

/// <summary>A row of <c>colored_transactions</c>: one protocol's view of one transaction, with the raw transaction
/// (kept as bytes, a quarter of its hex text, and written as hex into the <c>raw_hex</c> column). The JSON columns are
/// carried as UTF-8 (<see cref="AnswerJsonUtf8"/>, <see cref="RequestJsonUtf8"/>), as the decoding stage wrote them and
/// as RowBinary sends them; <see cref="AnswerJson"/> and <see cref="RequestJson"/> are their text.</summary>
public sealed record ColoredTransactionRow(
    string Txid, string Protocol, uint Height, string BlockHash, uint TxIndex, string Kind, bool Valid, string Error,
    byte[] Raw, ReadOnlyMemory<byte> AnswerJsonUtf8)
{
    public ColoredTransactionRow(string Txid, string Protocol, uint Height, string BlockHash, uint TxIndex, string Kind, bool Valid,
        string Error, byte[] Raw, string AnswerJson)
        : this(Txid, Protocol, Height, BlockHash, TxIndex, Kind, Valid, Error, Raw, Encoding.UTF8.GetBytes(AnswerJson))
    {
    }

    /// <summary>The raw transaction as the <c>raw_hex</c> column holds it.</summary>
    public string RawHex => Convert.ToHexStringLower(Raw);

    /// <summary>The decoder's answer as JSON text (<c>answer_json</c>).</summary>
    public string AnswerJson => Encoding.UTF8.GetString(AnswerJsonUtf8.Span);

    /// <summary>The decode request's context when the answer was stored without raw views (sql/006), else empty.</summary>
    public ReadOnlyMemory<byte> RequestJsonUtf8 { get; init; }

    /// <summary><see cref="RequestJsonUtf8"/> as text.</summary>
    public string RequestJson
    {
        get => Encoding.UTF8.GetString(RequestJsonUtf8.Span);
        init => RequestJsonUtf8 = Encoding.UTF8.GetBytes(value);
    }

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
        writer.String(AnswerJsonUtf8.Span);
        writer.UInt8(0);
        writer.UInt64(version);
        writer.String(RequestJsonUtf8.Span);
    }
}
