using System.Net.Http;
using Explorer.Storage.Configuration;
using Explorer.Storage.Migrations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Explorer.Storage.Hosting;

/// <summary>
/// Applies migrations before the other hosted services start. ClickHouse may still be starting: connection
/// failures are retried with capped back-off; a bad or edited migration stops the host with its message.
/// </summary>
public sealed partial class DatabaseSetupHostedService(
    MigrationRunner runner,
    IOptions<ClickHouseOptions> options,
    ILogger<DatabaseSetupHostedService> logger) : IHostedService
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.ApplyMigrations) return;
        var delay = TimeSpan.FromMilliseconds(250);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await runner.ApplyAsync(cancellationToken);
                return;
            }
            catch (HttpRequestException ex) when (attempt < 40)
            {
                LogUnreachable(logger, attempt, delay.TotalSeconds, ex.Message);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning,
        Message = "ClickHouse unreachable (attempt {Attempt}), retrying in {DelaySeconds}s: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, int attempt, double delaySeconds, string reason);
}
