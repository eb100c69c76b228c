using System.Text.Json;
using System.Text.Json.Serialization;
using Explorer.Storage.Hosting;
using Explorer.Web.Api;
using Explorer.Web.Components;
using Explorer.Web.Services;
using MudBlazor.Services;

namespace Explorer.Web.Hosting;

/// <summary>Composition of the web app (eShop style): services in <see cref="AddExplorerWeb"/>, pipeline in <see cref="MapExplorerWeb"/>.</summary>
public static class ExplorerWebExtensions
{
    /// <summary>Blazor circuits carry pasted transactions: allow messages as large as the API's body cap.</summary>
    private const long MaxCircuitMessageBytes = 2 * 1024 * 1024;

    public static WebApplicationBuilder AddExplorerWeb(this WebApplicationBuilder builder)
    {
        // ./run.sh serves the build output (not a publish) in Production: map the packages' static web assets
        // (MudBlazor's css/js, blazor.web.js) from the build's manifest. A no-op for published apps.
        builder.WebHost.UseStaticWebAssets();

        // Storage: ClickHouse options and data source. The web only reads; ClickHouse:ApplyMigrations is false in
        // its appsettings.json, so a missing store never stops it from starting.
        builder.AddExplorerStorage();
        // The web's data source (registered last, so it is the one resolved): every query gives up after
        // Web:StoreRequestTimeoutSeconds, and the page or route answers "store unavailable" (StoreFailures).
        builder.Services.AddSingleton(sp =>
        {
            var store = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Explorer.Storage.Configuration.ClickHouseOptions>>().Value;
            var web = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<WebOptions>>().Value;
            var connection = new ClickHouse.Driver.ADO.ClickHouseConnectionStringBuilder(
                Explorer.Storage.ConnectionStrings.ForDatabase(store.ConnectionString, store.Database))
            {
                Timeout = TimeSpan.FromSeconds(web.StoreRequestTimeoutSeconds),
            };
            return new ClickHouse.Driver.ADO.ClickHouseDataSource(connection.ToString());
        });

        builder.Services.AddOptions<WebOptions>()
            .BindConfiguration(WebOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ExplorerQueries>();
        builder.Services.AddScoped<DecodeDraft>();
        builder.Services.AddSingleton<Explorer.Web.Services.Indexed.IndexedQueries>();
        builder.Services.AddSingleton<Explorer.Web.Services.Indexed.CounterpartyLedgerQueries>();
        builder.Services.AddSingleton<Explorer.Web.Services.Indexed.SearchResolver>();
        builder.Services.AddSingleton<Explorer.Web.Services.Indexed.MempoolQueries>();
        builder.Services.AddSingleton<Explorer.Web.Services.Indexed.ActivityQueries>();
        builder.Services.AddSingleton<Explorer.Web.Services.Live.ChainWatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Explorer.Web.Services.Live.ChainWatcher>());

        builder.Services.AddRazorComponents()
            .AddInteractiveServerComponents()
            .AddHubOptions(o => o.MaximumReceiveMessageSize = MaxCircuitMessageBytes);
        builder.Services.AddMudServices();

        // A query parameter that does not bind throws (with its reason) instead of an empty 400: ApiErrors writes it.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddHealthChecks().AddCheck<StoreHealthCheck>("store");
        builder.Services.ConfigureHttpJsonOptions(o =>
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Colored-coin explorer API";
            document.Info.Description = "Decode transactions (the decode contract of docs/decode-cli.md) and read the store's status.";
            return Task.CompletedTask;
        }));
        return builder;
    }

    public static WebApplication MapExplorerWeb(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }
        // API paths answer JSON errors whatever went wrong (ApiErrors); unknown page URLs show the not-found page.
        app.UseWhen(ApiErrors.IsApi, branch =>
        {
            branch.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = ApiErrors.WriteExceptionAsync });
            branch.UseStatusCodePages(ApiErrors.WriteStatusAsync);
        });
        app.UseWhen(
            ctx => !ApiErrors.IsApi(ctx),
            branch => branch.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        // Routing after the status code pages, so a re-executed request is routed again.
        app.UseRouting();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapHealthChecks("/health");
        app.MapOpenApi();
        app.MapExplorerApi();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode();
        return app;
    }
}
