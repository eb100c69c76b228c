namespace Explorer.Web.Services.Indexed;

/// <summary>One credit or debit of the Counterparty ledger (<c>xcp_credits</c>/<c>xcp_debits</c>).</summary>
/// <param name="Direction">"credit" or "debit".</param>
/// <param name="TxIndex">The transaction's position in its block (paging).</param>
/// <param name="Seq">The line's place in the ledger journal of its transaction (paging).</param>
public sealed record XcpLedgerLine(uint Height, string Txid, string Direction, string Asset, long Quantity, string Action,
    uint TxIndex = 0, uint Seq = 0);
