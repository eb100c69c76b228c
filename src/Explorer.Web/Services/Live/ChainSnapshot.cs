namespace Explorer.Web.Services.Live;

/// <summary>
/// What the live view compares between polls: the indexed tip (height and hash, so a reorg to the same height is
/// seen) and the mempool's row count and newest row version.
/// </summary>
public sealed record ChainSnapshot(uint? TipHeight, string? TipHash, ulong MempoolCount, ulong MempoolVersion);
