namespace Explorer.Web.Services.Indexed;

/// <summary>One non-orphaned <c>colored_transactions</c> row (one per transaction and protocol). <see cref="RequestJson"/>:
/// the decode request's context when the answer was stored without raw views (sql/006), else empty.</summary>
public sealed record ColoredTxRow(string Txid, string Protocol, uint Height, string BlockHash, uint TxIndex, string Kind,
    byte Valid, string Error, string RawHex, string AnswerJson, string RequestJson);
