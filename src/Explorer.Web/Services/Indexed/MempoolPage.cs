namespace Explorer.Web.Services.Indexed;

/// <summary>
/// One page of the mempool, newest first. <see cref="Available"/> is false when the store has no
/// <c>mempool_transactions</c> table (no mempool source has run against it); <see cref="Count"/> counts every
/// unconfirmed (transaction, protocol) row.
/// </summary>
public sealed record MempoolPage(bool Available, ulong Count, IReadOnlyList<MempoolLine> Items, MempoolCursor? Next);
