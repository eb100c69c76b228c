namespace Explorer.Web.Services.Indexed;

/// <summary>One colored transaction of a block (a protocol per row).</summary>
public sealed record BlockColoredTx(string Txid, string Protocol, uint TxIndex, string Kind, byte Valid, string Error)
{
    /// <summary>Counterparty only: the ledger's verdict on the transaction ("valid", "invalid: reason", "not computed:
    /// reason", from <c>xcp_statuses</c>); null for the other protocols, or when the ledger has none. A message the
    /// decoder reads as valid (<c>Valid</c>) can still be refused by the ledger (insufficient funds, no such asset).</summary>
    public string? LedgerStatus { get; init; }
}
