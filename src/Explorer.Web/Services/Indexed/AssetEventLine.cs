namespace Explorer.Web.Services.Indexed;

/// <summary>One non-orphaned <c>asset_events</c> row (issuance, transfer, burn, destroyed, Counterparty message kinds).</summary>
public sealed record AssetEventLine(string Protocol, string AssetId, uint Height, string Txid, string Kind, uint Seq,
    ulong Quantity, string Address, int N)
{
    /// <summary>Counterparty only: the ledger's verdict on the event's transaction (<c>xcp_statuses</c>: "valid",
    /// "invalid: reason", "not computed: reason"); null for the other protocols, or when the ledger has none. An event
    /// the ledger refused moved nothing.</summary>
    public string? LedgerStatus { get; init; }

    /// <summary>Whether the Counterparty ledger refused or did not compute the event's transaction.</summary>
    public bool RefusedByLedger => LedgerStatus is { Length: > 0 } s && s != "valid";
}
