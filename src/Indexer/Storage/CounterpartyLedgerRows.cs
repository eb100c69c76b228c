namespace Explorer.Indexer.Storage;

/// <summary>The Counterparty ledger rows of one block: the journal (credits, debits, statuses, asset states). The
/// <c>assets</c> rows of the assets it changes go to the block's shared <see cref="BlockRows.Assets"/>.</summary>
public sealed class CounterpartyLedgerRows
{
    public const string Credit = "credit", Debit = "debit", Status = "status", AssetState = "asset";

    public List<XcpJournalRow> Journal { get; } = [];

    public int RowCount => Journal.Count;
}
