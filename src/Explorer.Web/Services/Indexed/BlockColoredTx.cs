namespace Explorer.Web.Services.Indexed;

/// <summary>One colored transaction of a block (a protocol per row).</summary>
public sealed record BlockColoredTx(string Txid, string Protocol, uint TxIndex, string Kind, byte Valid, string Error);
