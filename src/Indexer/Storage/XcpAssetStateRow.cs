namespace Explorer.Indexer.Storage;

/// <summary>A row of <c>xcp_asset_states</c>: an asset after a transaction that changed it.</summary>
public sealed record XcpAssetStateRow(
    string Asset, uint Height, uint TxIndex, string Txid, string BlockHash, string Longname, string Issuer, bool Divisible,
    bool Locked, bool DescriptionLocked, string Description, long Supply, string FirstTxid, uint FirstHeight, string FirstBlockHash)
{
    public static readonly string[] Columns =
    [
        "asset", "height", "tx_index", "txid", "block_hash", "longname", "issuer", "divisible", "locked", "description_locked",
        "description", "supply", "first_txid", "first_height", "first_block_hash", "is_orphaned", "version",
    ];

    public object[] ToRow(ulong version) =>
    [
        Asset, Height, TxIndex, Txid, BlockHash, Longname, Issuer, (byte)(Divisible ? 1 : 0), (byte)(Locked ? 1 : 0),
        (byte)(DescriptionLocked ? 1 : 0), Description, Supply, FirstTxid, FirstHeight, FirstBlockHash, (byte)0, version,
    ];

    /// <summary>The <c>assets</c> row the explorer reads: name = longname, metadata = description, divisibility 8 or 0.</summary>
    public AssetRow ToAssetRow() =>
        new("counterparty", Asset, Longname, string.Empty, Description, string.Empty, (short)(Divisible ? 8 : 0),
            (sbyte)(Locked ? 1 : 0), string.Empty, FirstTxid, FirstHeight, FirstBlockHash);
}
