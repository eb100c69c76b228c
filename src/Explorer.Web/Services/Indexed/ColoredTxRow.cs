namespace Explorer.Web.Services.Indexed;

/// <summary>One non-orphaned <c>colored_transactions</c> row (one per transaction and protocol).</summary>
public sealed record ColoredTxRow(string Txid, string Protocol, uint Height, string BlockHash, uint TxIndex, string Kind,
    byte Valid, string Error, string RawHex, string AnswerJson);
