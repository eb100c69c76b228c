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

    /// <summary>The row in RowBinary, columns in <see cref="Columns"/> order (sql/002_colored.sql types).</summary>
    public void Write(RowBinaryWriter writer, ulong version)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.String(Protocol);
        writer.String(AssetId);
        writer.String(Name);
        writer.String(MetadataHex);
        writer.String(MetadataUtf8);
        writer.String(DefinitionUrl);
        writer.Int16(Divisibility);
        writer.Int8(LockStatus);
        writer.String(AggregationPolicy);
        writer.String(FirstTxid);
        writer.UInt32(FirstHeight);
        writer.String(FirstBlockHash);
        writer.UInt8(0);
        writer.UInt64(version);
    }
}
