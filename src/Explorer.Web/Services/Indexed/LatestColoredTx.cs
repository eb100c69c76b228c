namespace Explorer.Web.Services.Indexed;

/// <summary>One recent colored transaction for the home page (a protocol per row).</summary>
public sealed record LatestColoredTx(string Txid, string Protocol, uint Height, uint TxIndex, string Kind, byte Valid);
