namespace Explorer.Web.Services.Indexed;

/// <summary>One non-orphaned <c>counterparty_messages</c> row naming an address (as source or destination).</summary>
public sealed record CounterpartyMessageLine(string Txid, uint Height, string MessageType, string Source, string Destination,
    string Asset, long Quantity, byte Valid, uint TxIndex = 0)
{
    /// <summary>Counterparty only: the ledger's verdict on the transaction ("valid", "invalid: reason", "not computed:
    /// reason", from <c>xcp_statuses</c>); null for the other protocols, or when the ledger has none. A message the
    /// decoder reads as valid (<c>Valid</c>) can still be refused by the ledger (insufficient funds, no such asset).</summary>
    public string? LedgerStatus { get; init; }
}
