namespace Explorer.Indexer.Storage;

/// <summary>
/// A batch of blocks' rows, each table's rows in RowBinary as the blocks are added (<see cref="Add"/>): the writer
/// serializes a block when it arrives, so that its rows die young instead of waiting as objects, promoted by every
/// collection, while earlier batches are sent (session 5: most of what collections promoted). Versions: one for the
/// batch (given at creation, so above every version of earlier batches), except the colored outputs, which carry their
/// own (a spend's copy is newer than its creation's). The arrays are lent (<see cref="Dispose"/> gives them back);
/// sending does not consume them, so a failed batch is sent again as it is.
/// </summary>
public sealed class WriteBatch(ulong version) : IDisposable
{
    // The order they are sent in (ClickHouseStore.WriteAsync): the block rows last, then progress.
    private static readonly (string Table, string[] Columns)[] TableOrder =
    [
        ("colored_transactions", ColoredTransactionRow.Columns),
        ("colored_outputs", ColoredOutputRow.Columns),
        ("assets", AssetRow.Columns),
        ("asset_events", AssetEventRow.Columns),
        ("counterparty_messages", CounterpartyMessageRow.Columns),
        (CounterpartyLedgerStore.JournalTable, XcpJournalRow.Columns),
        ("blocks", BlockRow.Columns),
    ];

    private readonly RowBinaryWriter[] _bodies = [.. TableOrder.Select(_ => new RowBinaryWriter())];
    private readonly int[] _rows = new int[TableOrder.Length];

    public int Blocks { get; private set; }

    /// <summary>Rows in every table (the blocks' <see cref="BlockRows.RowCount"/>).</summary>
    public long Rows { get; private set; }

    public long Bytes { get; private set; }

    public long Transactions { get; private set; }

    public long ColoredTransactions { get; private set; }

    /// <summary>The last block added (progress names it once the batch is written).</summary>
    public BlockRow? Last { get; private set; }

    /// <summary>Serializes a block's rows into the tables' bodies.</summary>
    public void Add(BlockRows block)
    {
        ArgumentNullException.ThrowIfNull(block);
        foreach (var r in block.Transactions) r.Write(_bodies[0], version);
        foreach (var (row, own) in block.Outputs) row.Write(_bodies[1], own);
        foreach (var r in block.Assets) r.Write(_bodies[2], version);
        foreach (var r in block.Events) r.Write(_bodies[3], version);
        foreach (var r in block.Messages) r.Write(_bodies[4], version);
        foreach (var r in block.Xcp.Journal) r.Write(_bodies[5], version);
        block.Block.Write(_bodies[6], version);
        _rows[0] += block.Transactions.Count;
        _rows[1] += block.Outputs.Count;
        _rows[2] += block.Assets.Count;
        _rows[3] += block.Events.Count;
        _rows[4] += block.Messages.Count;
        _rows[5] += block.Xcp.Journal.Count;
        _rows[6]++;
        Blocks++;
        Rows += block.RowCount;
        Bytes += block.Bytes;
        Transactions += block.Block.TxCount;
        ColoredTransactions += block.Block.ColoredTxCount;
        Last = block.Block;
    }

    /// <summary>The tables with rows, in the order they are sent.</summary>
    public IEnumerable<(string Table, string[] Columns, ReadOnlyMemory<byte> Body)> Tables()
    {
        for (var i = 0; i < TableOrder.Length; i++)
            if (_rows[i] > 0) yield return (TableOrder[i].Table, TableOrder[i].Columns, _bodies[i].Written);
    }

    public void Dispose()
    {
        foreach (var body in _bodies) body.Release();
    }
}
