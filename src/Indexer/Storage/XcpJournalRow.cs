namespace Explorer.Indexer.Storage;

/// <summary>
/// A row of <c>xcp_ledger</c> (sql/005_counterparty_ledger.sql), the Counterparty ledger's journal: a credit, a debit,
/// a transaction's status, or an asset's state after a change (<see cref="Kind"/>). One table so that a batch costs one
/// insert; the views <c>xcp_credits</c>, <c>xcp_debits</c>, <c>xcp_statuses</c> and <c>xcp_asset_states</c> read it back.
/// </summary>
public sealed record XcpJournalRow(
    uint Height, string BlockHash, string Txid, uint TxIndex, uint Seq, string Kind, string Address, string Asset, long Quantity,
    string Action, string Status = "", string Longname = "", bool Divisible = false, bool Locked = false,
    bool DescriptionLocked = false, string Description = "", string FirstTxid = "", uint FirstHeight = 0, string FirstBlockHash = "")
{
    public static readonly string[] Columns =
    [
        "height", "block_hash", "txid", "tx_index", "seq", "kind", "address", "asset", "quantity", "action", "status", "longname",
        "divisible", "locked", "description_locked", "description", "first_txid", "first_height", "first_block_hash",
        "is_orphaned", "version",
    ];

    /// <summary>The row in RowBinary, columns in <see cref="Columns"/> order (sql/005_counterparty_ledger.sql types).</summary>
    public void Write(RowBinaryWriter writer, ulong version)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.UInt32(Height);
        writer.String(BlockHash);
        writer.String(Txid);
        writer.UInt32(TxIndex);
        writer.UInt32(Seq);
        writer.String(Kind);
        writer.String(Address);
        writer.String(Asset);
        writer.Int64(Quantity);
        writer.String(Action);
        writer.String(Status);
        writer.String(Longname);
        writer.UInt8((byte)(Divisible ? 1 : 0));
        writer.UInt8((byte)(Locked ? 1 : 0));
        writer.UInt8((byte)(DescriptionLocked ? 1 : 0));
        writer.String(Description);
        writer.String(FirstTxid);
        writer.UInt32(FirstHeight);
        writer.String(FirstBlockHash);
        writer.UInt8(0);
        writer.UInt64(version);
    }

    /// <summary>The <c>assets</c> row the explorer reads for an asset-state row: name = longname, metadata = description,
    /// divisibility 8 or 0.</summary>
    public AssetRow ToAssetRow() =>
        new("counterparty", Asset, Longname, string.Empty, Description, string.Empty, (short)(Divisible ? 8 : 0),
            (sbyte)(Locked ? 1 : 0), string.Empty, FirstTxid, FirstHeight, FirstBlockHash);
}
