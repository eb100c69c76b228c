namespace Explorer.Indexer.Storage;

/// <summary>A row of <c>asset_events</c>: issuance, transfer (units received by output <see cref="N"/>), burn,
/// destroyed, or a Counterparty message kind.</summary>
public sealed record AssetEventRow(
    string Protocol, string AssetId, uint Height, string Txid, string Kind, uint Seq, ulong Quantity, string Address, int N, string BlockHash)
{
    public static readonly string[] Columns =
        ["protocol", "asset_id", "height", "txid", "kind", "seq", "quantity", "address", "n", "block_hash", "is_orphaned", "version"];

    public object[] ToRow(ulong version) =>
        [Protocol, AssetId, Height, Txid, Kind, Seq, Quantity, Address, N, BlockHash, (byte)0, version];
}
