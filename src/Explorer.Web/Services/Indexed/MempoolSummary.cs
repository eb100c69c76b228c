namespace Explorer.Web.Services.Indexed;

/// <summary>How many unconfirmed colored rows there are and the newest row version: a change of either means the mempool changed.</summary>
public sealed record MempoolSummary(ulong Count, ulong Version);
