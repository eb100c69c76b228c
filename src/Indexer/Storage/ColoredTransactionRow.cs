namespace Explorer.Indexer.Storage;

/// <summary>A row of <c>colored_transactions</c>: one protocol's view of one transaction, with the raw transaction.</summary>
public sealed record ColoredTransactionRow(
    string Txid, string Protocol, uint Height, string BlockHash, uint TxIndex, string Kind, bool Valid, string Error,
    string RawHex, string AnswerJson)
{
    public static readonly string[] Columns =
        ["txid", "protocol", "height", "block_hash", "tx_index", "kind", "valid", "error", "raw_hex", "answer_json", "is_orphaned", "version"];

    public object[] ToRow(ulong version) =>
        [Txid, Protocol, Height, BlockHash, TxIndex, Kind, (byte)(Valid ? 1 : 0), Error, RawHex, AnswerJson, (byte)0, version];
}
