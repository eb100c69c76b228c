namespace Explorer.Indexer.Operations;

/// <summary>
/// The indexer's <c>/health</c> answer. <see cref="Status"/>: <c>starting</c> (no pass begun), <c>ok</c>,
/// <c>failing</c> (the last pass failed, or the last ClickHouse write attempt did; retrying) or <c>stopped</c> (an error
/// retrying cannot fix). Heights are -1 before they are known; <see cref="Lag"/> = tip - height.
/// </summary>
public sealed record HealthReport(
    string Status, int Height, int Tip, int Lag, DateTimeOffset? LastProgress, DateTimeOffset? LastBlockTime, string? Error)
{
    /// <summary>True for <c>starting</c> and <c>ok</c> (HTTP 200); otherwise the endpoint answers 503.</summary>
    public bool Healthy => Status is "starting" or "ok";
}
