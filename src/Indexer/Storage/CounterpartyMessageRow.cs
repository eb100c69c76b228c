namespace Explorer.Indexer.Storage;

/// <summary>A row of <c>counterparty_messages</c>: typed common fields, the rest as JSON.</summary>
public sealed record CounterpartyMessageRow(
    string Txid, uint Height, string BlockHash, uint TxIndex, int MessageTypeId, string MessageType, string Carrier,
    string Source, string Destination, string Asset, long Quantity, long BtcAmount, long Fee, bool Valid, string Error,
    string DataHex, string FieldsJson)
{
    public static readonly string[] Columns =
    [
        "txid", "height", "block_hash", "tx_index", "message_type_id", "message_type", "carrier", "source", "destination",
        "asset", "quantity", "btc_amount", "fee", "valid", "error", "data_hex", "fields_json", "is_orphaned", "version",
    ];

    public object[] ToRow(ulong version) =>
    [
        Txid, Height, BlockHash, TxIndex, MessageTypeId, MessageType, Carrier, Source, Destination, Asset, Quantity,
        BtcAmount, Fee, (byte)(Valid ? 1 : 0), Error, DataHex, FieldsJson, (byte)0, version,
    ];
}
