namespace Explorer.Web.Services.Indexed;

/// <summary>A block the indexer indexed and a reorg then left (its rows orphaned): where it was, and the best chain's
/// block at that height now (null when the best chain is not that high any more).</summary>
public sealed record StaleBlock(uint Height, string Hash, DateTime Time, string? ReplacedBy);
