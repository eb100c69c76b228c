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

    /// <summary>The row in RowBinary, columns in <see cref="Columns"/> order (sql/002_colored.sql types).</summary>
    public void Write(RowBinaryWriter writer, ulong version)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.String(Txid);
        writer.UInt32(Height);
        writer.String(BlockHash);
        writer.UInt32(TxIndex);
        writer.Int32(MessageTypeId);
        writer.String(MessageType);
        writer.String(Carrier);
        writer.String(Source);
        writer.String(Destination);
        writer.String(Asset);
        writer.Int64(Quantity);
        writer.Int64(BtcAmount);
        writer.Int64(Fee);
        writer.UInt8((byte)(Valid ? 1 : 0));
        writer.String(Error);
        writer.String(DataHex);
        writer.String(FieldsJson);
        writer.UInt8(0);
        writer.UInt64(version);
    }
}
