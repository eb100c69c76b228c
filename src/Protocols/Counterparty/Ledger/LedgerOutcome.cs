using System.Collections.Immutable;

namespace Explorer.Protocols.Counterparty.Ledger;

/// <summary>
/// What the ledger did with one transaction: its status ("valid", "invalid: reason", or "not computed: reason" for the
/// message types whose ledger effects this explorer does not compute), the debits and credits in the order
/// counterparty-core writes them, and the assets whose state changed (issuances, ownership sweeps).
/// </summary>
public sealed record LedgerOutcome(
    string Status,
    ImmutableArray<LedgerEntry> Debits,
    ImmutableArray<LedgerEntry> Credits,
    ImmutableArray<XcpAsset> Assets)
{
    public bool IsValid => Status == "valid";

    public static LedgerOutcome Invalid(string reason) => new("invalid: " + reason, [], [], []);

    public static LedgerOutcome NotComputed(string reason) => new("not computed: " + reason, [], [], []);
}
