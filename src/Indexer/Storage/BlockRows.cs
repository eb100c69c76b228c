namespace Explorer.Indexer.Storage;

/// <summary>Everything one block adds to the store. Output rows carry their own version: a spend in a later block of
/// the same batch must win over the creation row (both are in <see cref="Outputs"/>, in order).</summary>
public sealed class BlockRows(BlockRow block, long bytes)
{
    public BlockRow Block { get; set; } = block;

    public long Bytes { get; } = bytes;

    public List<ColoredTransactionRow> Transactions { get; } = [];

    public List<(ColoredOutputRow Row, ulong Version)> Outputs { get; } = [];

    public List<AssetRow> Assets { get; } = [];

    public List<AssetEventRow> Events { get; } = [];

    public List<CounterpartyMessageRow> Messages { get; } = [];

    public CounterpartyLedgerRows Xcp { get; } = new();

    public int RowCount => Transactions.Count + Outputs.Count + Assets.Count + Events.Count + Messages.Count + Xcp.RowCount + 1;
}
