namespace Explorer.Web.Services.Indexed;

/// <summary>The transaction page's store answers, kept from its prerendering for its interactive render.</summary>
public sealed record TxPageState(string Txid, IndexedTransaction Transaction, string? LedgerStatus);
