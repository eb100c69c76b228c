namespace Explorer.Indexer.Storage;

/// <summary>The Counterparty ledger rows of one block. Asset rows carry their own version: an asset changed twice in one
/// batch must end with its last state.</summary>
public sealed class CounterpartyLedgerRows
{
    public List<XcpLedgerEntryRow> Credits { get; } = [];

    public List<XcpLedgerEntryRow> Debits { get; } = [];

    public List<XcpStatusRow> Statuses { get; } = [];

    public List<(XcpAssetStateRow Row, ulong Version)> AssetStates { get; } = [];

    public int RowCount => Credits.Count + Debits.Count + Statuses.Count + AssetStates.Count * 2;
}
