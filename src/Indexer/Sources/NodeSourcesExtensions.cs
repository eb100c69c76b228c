using Explorer.Indexer.Configuration;
using Explorer.Indexer.Mempool;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Explorer.Indexer.Sources;

public static class NodeSourcesExtensions
{
    /// <summary>The sources of the passes (<see cref="BlockSourceFactory"/>), tip following (ZMQ listener, polling) and,
    /// with a node in follow mode, the mempool service.</summary>
    public static IHostApplicationBuilder AddNodeSources(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<ZmqListener>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ZmqListener>());
        builder.Services.AddSingleton<TipWatcher>();
        builder.Services.AddSingleton<BlockSourceFactory>();
        builder.Services.AddSingleton<MempoolService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MempoolService>());
        return builder;
    }
}
