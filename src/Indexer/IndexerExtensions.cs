using ClickHouse.Driver;
using Explorer.Indexer.Configuration;
using Explorer.Indexer.HostedServices;
using Explorer.Indexer.Pipeline;
using Explorer.Indexer.Sources;
using Explorer.Indexer.Storage;
using Explorer.Storage;
using Explorer.Storage.Configuration;
using Explorer.Storage.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Explorer.Indexer;

public static class IndexerExtensions
{
    /// <summary>
    /// The indexer's services: storage (options, migrations applied at start), <see cref="IndexerOptions"/> from the
    /// <c>Indexer</c> section, one <see cref="ClickHouseClient"/> for bulk writes, the pipeline and its hosted service.
    /// </summary>
    public static IHostApplicationBuilder AddIndexer(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddExplorerStorage();
        builder.Services.AddOptions<IndexerOptions>()
            .BindConfiguration(IndexerOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => !string.IsNullOrEmpty(o.BlocksDirectory) || !string.IsNullOrEmpty(o.RpcUrl), "Indexer:BlocksDirectory or Indexer:RpcUrl is required")
            .Validate(o => o.StartHeights.Problem() is null, "Indexer:StartHeights values must be 0 or more")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<ClickHouseOptions>>().Value;
            return new ClickHouseClient(ConnectionStrings.ForDatabase(o.ConnectionString, o.Database));
        });
        builder.Services.AddSingleton(sp => new ClickHouseStore(sp.GetRequiredService<ClickHouseClient>()));
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<IndexerOptions>>().Value);
        // Health and Prometheus metrics (Indexer:MetricsPort; the endpoint does nothing when it is 0).
        builder.Services.AddSingleton(_ => new Operations.IndexerMetrics());
        builder.Services.AddHostedService<Operations.OperationsEndpoint>();
        builder.Services.AddSingleton<ChainIndexer>();
        builder.AddNodeSources();
        builder.Services.AddSingleton<IndexerService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<IndexerService>());
        return builder;
    }
}
