namespace Explorer.Indexer.Storage;

/// <summary>A row of <c>xcp_statuses</c>: the ledger's verdict on one Counterparty transaction.</summary>
public sealed record XcpStatusRow(string Txid, uint Height, string BlockHash, uint TxIndex, string MessageType, string Status)
{
    public static readonly string[] Columns =
        ["txid", "height", "block_hash", "tx_index", "message_type", "status", "is_orphaned", "version"];

    public object[] ToRow(ulong version) => [Txid, Height, BlockHash, TxIndex, MessageType, Status, (byte)0, version];
}
