using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Explorer.Web.Hosting;

/// <summary>
/// Rate limits (issue 10): ASP.NET Core's rate limiter with a global, path-partitioned limiter, so it works ahead of
/// routing: <c>/api/v1/*</c> per client IP, pages per client IP on a separate bucket, the Blazor hub
/// (<c>/_blazor</c>), framework/static files and <c>/health</c> exempt. A refused request gets 429, a
/// <c>Retry-After</c> header (seconds) and an RFC 9457 problem body. Configured by <see cref="RateLimitOptions"/>.
/// The client is the connection's remote address (no forwarded headers: behind a reverse proxy, limit there).
/// </summary>
public static class RateLimiting
{
    public static WebApplicationBuilder AddExplorerRateLimiting(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<RateLimitOptions>()
            .BindConfiguration(RateLimitOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>()
            .Configure<IOptions<RateLimitOptions>>((limiter, configured) =>
            {
                var o = configured.Value;
                limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
                limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, o));
                limiter.OnRejected = (context, _) => RejectAsync(context, o);
            });
        return builder;
    }

    public static WebApplication UseExplorerRateLimiting(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRateLimiter();
        return app;
    }

    private static RateLimitPartition<string> Partition(HttpContext context, RateLimitOptions o)
    {
        var path = context.Request.Path;
        if (!o.Enabled || IsExempt(path)) return RateLimitPartition.GetNoLimiter("exempt");
        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            ? RateLimitPartition.GetTokenBucketLimiter("api|" + client, _ => Bucket(o.ApiBurst, o.ApiPermitsPerMinute))
            : RateLimitPartition.GetTokenBucketLimiter("page|" + client, _ => Bucket(o.PageBurst, o.PagePermitsPerMinute));
    }

    private static bool IsExempt(PathString path) =>
        path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/_framework", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/_content", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
        || Path.HasExtension(path.Value); // static files (css, js, favicon): cheap, and a page load fetches several

    private static TokenBucketRateLimiterOptions Bucket(int burst, int permitsPerMinute) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = Period(permitsPerMinute),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static TimeSpan Period(int permitsPerMinute) => TimeSpan.FromTicks(Math.Max(1, TimeSpan.TicksPerMinute / permitsPerMinute));

    private static async ValueTask RejectAsync(OnRejectedContext context, RateLimitOptions o)
    {
        var http = context.HttpContext;
        var api = http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after)
            ? after
            : Period(api ? o.ApiPermitsPerMinute : o.PagePermitsPerMinute);
        var seconds = (int)Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds));
        // RFC 6585 section 4: "The response representations SHOULD include details explaining the condition, and MAY
        // include a Retry-After header indicating how long to wait before making a new request."
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var detail = $"This client sent more requests than the {(api ? "API" : "pages")} allow; retry after {seconds} s.";
        await Results.Problem(
                statusCode: (int)HttpStatusCode.TooManyRequests,
                title: "Too many requests",
                detail: detail,
                type: "https://www.rfc-editor.org/rfc/rfc6585#section-4",
                // Also the API's own error member (ApiError), so a client reading "error" of every 4xx reads this one.
                extensions: new Dictionary<string, object?> { ["error"] = detail })
            .ExecuteAsync(http);
    }
}
