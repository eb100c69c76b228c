namespace Explorer.Indexer.Storage;

/// <summary>A row of <c>xcp_credits</c> or <c>xcp_debits</c> (sql/005_counterparty_ledger.sql).</summary>
public sealed record XcpLedgerEntryRow(
    uint Height, string BlockHash, string Txid, uint TxIndex, uint Seq, string Address, string Asset, long Quantity, string Action)
{
    public static readonly string[] Columns =
        ["height", "block_hash", "txid", "tx_index", "seq", "address", "asset", "quantity", "action", "is_orphaned", "version"];

    public object[] ToRow(ulong version) =>
        [Height, BlockHash, Txid, TxIndex, Seq, Address, Asset, Quantity, Action, (byte)0, version];
}
