using System.ComponentModel.DataAnnotations;

namespace Explorer.Web.Hosting;

/// <summary>
/// Per-client-IP token buckets (section <c>Web:RateLimit</c>): one for <c>/api/v1</c>, a more generous one for pages.
/// The Blazor hub, static assets and <c>/health</c> are not limited. A bucket holds <c>*Burst</c> requests and refills
/// at <c>*PermitsPerMinute</c>, one token at a time.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Web:RateLimit";

    /// <summary>False: nothing is limited (e.g. behind a proxy that limits, or for a load test).</summary>
    public bool Enabled { get; set; } = true;

    [Range(1, 1_000_000)]
    public int ApiBurst { get; set; } = 100;

    [Range(1, 60_000_000)]
    public int ApiPermitsPerMinute { get; set; } = 1200;

    [Range(1, 1_000_000)]
    public int PageBurst { get; set; } = 300;

    [Range(1, 60_000_000)]
    public int PagePermitsPerMinute { get; set; } = 3000;
}
