namespace Explorer.Protocols.Counterparty.Ledger;

/// <summary>A credit or a debit, as counterparty-core's <c>credits</c>/<c>debits</c> tables hold them: address, asset,
/// quantity (base units) and the action (<c>calling_function</c>: "send", "issuance fee", "open order", ...).</summary>
public sealed record LedgerEntry(string Address, string Asset, long Quantity, string Action);
