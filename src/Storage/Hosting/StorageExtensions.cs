using ClickHouse.Driver.ADO;
using Explorer.Storage.Configuration;
using Explorer.Storage.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Explorer.Storage.Hosting;

public static class StorageExtensions
{
    /// <summary>
    /// ClickHouse for the indexer and the web app: <see cref="ClickHouseOptions"/> bound from the <c>ClickHouse</c>
    /// section, one <see cref="ClickHouseDataSource"/> singleton pointed at the explorer's database, the migration
    /// runner, and (when <see cref="ClickHouseOptions.ApplyMigrations"/>) migrations applied before other services start.
    /// </summary>
    public static IHostApplicationBuilder AddExplorerStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ClickHouseOptions>()
            .BindConfiguration(ClickHouseOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<ClickHouseOptions>>().Value;
            return new ClickHouseDataSource(ConnectionStrings.ForDatabase(o.ConnectionString, o.Database));
        });
        builder.Services.AddSingleton<MigrationRunner>();
        builder.Services.AddHostedService<DatabaseSetupHostedService>();
        return builder;
    }
}
