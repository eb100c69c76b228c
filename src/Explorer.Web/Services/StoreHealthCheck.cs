using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Explorer.Web.Services;

/// <summary>
/// Health of the web app's view of the store: the web app itself stays up when the store is down, so an unreachable
/// store is <see cref="HealthStatus.Degraded"/> (HTTP 200), not unhealthy.
/// </summary>
public sealed class StoreHealthCheck(ExplorerQueries queries) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = await queries.GetStatusAsync(cancellationToken);
        return status.State is StoreState.Ready or StoreState.Empty
            ? HealthCheckResult.Healthy(status.Message)
            : HealthCheckResult.Degraded(status.Message);
    }
}
