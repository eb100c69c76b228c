namespace Explorer.Indexer.OpenAssets;

/// <summary>Limits of the asset definition fetcher (configuration section "OpenAssets:Definitions").</summary>
public sealed record AssetDefinitionFetcherOptions
{
    public const string Section = "OpenAssets:Definitions";

    /// <summary>Whole-fetch timeout, redirects included.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest definition file read; larger ones fail with <see cref="FetchFailure.TooLarge"/>.</summary>
    public int MaxBytes { get; init; } = 256 * 1024;

    public int MaxRedirects { get; init; } = 5;

    /// <summary>Entries kept in memory (least recently used ones are dropped first).</summary>
    public int CacheCapacity { get; init; } = 10_000;

    public TimeSpan SuccessCacheDuration { get; init; } = TimeSpan.FromHours(6);

    public TimeSpan FailureCacheDuration { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>FOR TESTS ONLY: allow loopback addresses (127.0.0.0/8, ::1). Private, link-local and other special
    /// addresses stay refused even then. Default false.</summary>
    public bool AllowLoopback { get; init; }

    public string UserAgent { get; init; } = "colored-coin-explorer/1.0 (asset definition fetcher)";
}
