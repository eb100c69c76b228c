namespace Explorer.Web.Services.Indexed;

/// <summary>
/// One unconfirmed colored transaction and protocol (a <c>mempool_transactions</c> row read with
/// <c>FINAL ... WHERE is_removed = 0</c>, sql/003_mempool.sql). <see cref="FirstSeenMs"/>: Unix milliseconds.
/// </summary>
public sealed record MempoolLine(string Txid, string Protocol, string Kind, byte Valid, string Error, long FirstSeenMs)
{
    public DateTime FirstSeen => DateTime.UnixEpoch.AddMilliseconds(FirstSeenMs);
}
