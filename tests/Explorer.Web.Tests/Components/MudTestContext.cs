using Bunit;
using Explorer.Web.Services;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Explorer.Web.Tests.Components;

/// <summary>
/// A bUnit context with MudBlazor's services (JS interop loose: MudBlazor calls JS we do not test). Disposed
/// asynchronously: some MudBlazor services are only IAsyncDisposable, and xunit 2 calls IAsyncLifetime first.
/// </summary>
public abstract class MudTestContext : BunitContext, IAsyncLifetime
{
    protected MudTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddScoped<DecodeDraft>();
        // The app's defaults (mainnet); a test that needs another chain registers its own after this.
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new WebOptions()));
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();
}
