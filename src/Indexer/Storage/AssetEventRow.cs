namespace Explorer.Indexer.Storage;

/// <summary>A row of <c>asset_events</c>: issuance, transfer (units received by output <see cref="N"/>), burn,
/// destroyed, or a Counterparty message kind.</summary>
public sealed record AssetEventRow(
    string Protocol, string AssetId, uint Height, string Txid, string Kind, uint Seq, ulong Quantity, string Address, int N, string BlockHash)
{
    public static readonly string[] Columns =
        ["protocol", "asset_id", "height", "txid", "kind", "seq", "quantity", "address", "n", "block_hash", "is_orphaned", "version"];

    /// <summary>The row in RowBinary, columns in <see cref="Columns"/> order (sql/002_colored.sql types).</summary>
    public void Write(RowBinaryWriter writer, ulong version)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.String(Protocol);
        writer.String(AssetId);
        writer.UInt32(Height);
        writer.String(Txid);
        writer.String(Kind);
        writer.UInt32(Seq);
        writer.UInt64(Quantity);
        writer.String(Address);
        writer.Int32(N);
        writer.String(BlockHash);
        writer.UInt8(0);
        writer.UInt64(version);
    }
}
