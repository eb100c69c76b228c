using Explorer.Web.Tests.Indexed;
using Explorer.Web.Tests.Store;
using Microsoft.AspNetCore.Hosting;

namespace Explorer.Web.E2E;

/// <summary>
/// The web app and chromium over the Bitcoin Core regtest chain indexed by the indexer's pipeline only up to block
/// <see cref="FirstTip"/>; the tests index the rest while a page is open. The live view polls every half second.
/// </summary>
public sealed class LiveBrowserApp : BrowserApp
{
    public const int FirstTip = 111;

    public RegtestTruth Truth { get; } = RegtestTruth.Load();

    protected override Task SeedAsync(StoreDatabase store, CancellationToken ct) => RegtestIndexing.IndexAsync(store, ct, FirstTip);

    protected override string Network => "regtest";

    /// <summary>Indexes the rest of the fixture's chain, as the indexer's next pass does.</summary>
    public Task IndexTheRestAsync(CancellationToken ct) => RegtestIndexing.IndexAsync(Store, ct);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Web:LiveRefreshSeconds", "0.5");
    }
}
