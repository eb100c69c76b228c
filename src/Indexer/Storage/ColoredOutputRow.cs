namespace Explorer.Indexer.Storage;

/// <summary>One asset entry on an output: a row of <c>colored_outputs</c> (sql/002_colored.sql).</summary>
public sealed record ColoredOutputRow(
    string Protocol,
    string AssetId,
    string Txid,
    uint N,
    ushort Idx,
    ulong Quantity,
    string Address,
    string ScriptHex,
    ulong Value,
    uint Height,
    string BlockHash,
    string IssueTxid,
    short Divisibility,
    sbyte LockStatus,
    string AggregationPolicy)
{
    public string SpentTxid { get; init; } = string.Empty;
    public uint SpentInput { get; init; }
    public uint SpentHeight { get; init; }

    public static readonly string[] Columns =
    [
        "protocol", "asset_id", "txid", "n", "idx", "quantity", "address", "script_hex", "value", "height", "block_hash",
        "spent_txid", "spent_input", "spent_height", "issue_txid", "divisibility", "lock_status", "aggregation_policy",
        "is_orphaned", "version",
    ];

    /// <summary>The row in RowBinary, columns in <see cref="Columns"/> order (sql/002_colored.sql types).</summary>
    public void Write(RowBinaryWriter writer, ulong version)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.String(Protocol);
        writer.String(AssetId);
        writer.String(Txid);
        writer.UInt32(N);
        writer.UInt16(Idx);
        writer.UInt64(Quantity);
        writer.String(Address);
        writer.String(ScriptHex);
        writer.UInt64(Value);
        writer.UInt32(Height);
        writer.String(BlockHash);
        writer.String(SpentTxid);
        writer.UInt32(SpentInput);
        writer.UInt32(SpentHeight);
        writer.String(IssueTxid);
        writer.Int16(Divisibility);
        writer.Int8(LockStatus);
        writer.String(AggregationPolicy);
        writer.UInt8(0);
        writer.UInt64(version);
    }
}
