namespace Explorer.Web.Services;

/// <summary>One non-orphaned row of the <c>blocks</c> table.</summary>
public sealed record IndexedBlock(uint Height, string Hash, DateTime Time, uint TxCount, uint ColoredTxCount);
