namespace Explorer.Web.Services.Indexed;

/// <summary>One credit or debit of the Counterparty ledger (<c>xcp_credits</c>/<c>xcp_debits</c>).</summary>
/// <param name="Direction">"credit" or "debit".</param>
public sealed record XcpLedgerLine(uint Height, string Txid, string Direction, string Asset, long Quantity, string Action);
