namespace Explorer.Indexer.Storage;

/// <summary>A row of <c>assets</c>, written at an asset's first issuance.</summary>
public sealed record AssetRow(
    string Protocol, string AssetId, string Name, string MetadataHex, string MetadataUtf8, string DefinitionUrl,
    short Divisibility, sbyte LockStatus, string AggregationPolicy, string FirstTxid, uint FirstHeight, string FirstBlockHash)
{
    public static readonly string[] Columns =
    [
        "protocol", "asset_id", "name", "metadata_hex", "metadata_utf8", "definition_url", "divisibility", "lock_status",
        "aggregation_policy", "first_txid", "first_height", "first_block_hash", "is_orphaned", "version",
    ];

    public object[] ToRow(ulong version) =>
    [
        Protocol, AssetId, Name, MetadataHex, MetadataUtf8, DefinitionUrl, Divisibility, LockStatus, AggregationPolicy,
        FirstTxid, FirstHeight, FirstBlockHash, (byte)0, version,
    ];
}
