namespace Explorer.Protocols.Counterparty.Ledger;

/// <summary>
/// The writes of one valid transaction, applied to the ledger as they are made (counterparty-core ledger.events.debit
/// and credit), in the order counterparty-core makes them. Zero quantities are written where counterparty-core writes
/// them (a reissuance's "issuance fee" debit of 0); negative ones never.
/// </summary>
internal sealed class LedgerWriter(CounterpartyLedger ledger, LedgerTx tx)
{
    public LedgerTx Tx => tx;

    public string Source => tx.Source!;

    public CounterpartyLedger Ledger => ledger;

    public List<LedgerEntry> Debits { get; } = [];

    public List<LedgerEntry> Credits { get; } = [];

    public List<XcpAsset> Assets { get; } = [];

    public long Balance(string address, string asset) => ledger.BalanceOf(address, asset) ?? 0;

    public void Debit(string address, string asset, long quantity, string action)
    {
        if (quantity < 0) return;
        ledger.Add(address, asset, -quantity);
        Debits.Add(new LedgerEntry(address, asset, quantity, action));
    }

    public void Credit(string address, string asset, long quantity, string action)
    {
        if (quantity < 0) return;
        ledger.Add(address, asset, quantity);
        Credits.Add(new LedgerEntry(address, asset, quantity, action));
    }

    public void SetAsset(XcpAsset asset)
    {
        ledger.SetAsset(asset);
        Assets.RemoveAll(a => a.Name == asset.Name);
        Assets.Add(asset);
    }
}
