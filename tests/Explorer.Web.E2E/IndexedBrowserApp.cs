using Explorer.Web.Tests.Indexed;
using Explorer.Web.Tests.Store;

namespace Explorer.Web.E2E;

/// <summary>The web app and chromium over the Bitcoin Core regtest chain indexed by the indexer's own pipeline.</summary>
public sealed class IndexedBrowserApp : BrowserApp
{
    public RegtestTruth Truth { get; } = RegtestTruth.Load();

    protected override Task SeedAsync(StoreDatabase store, CancellationToken ct) => RegtestIndexing.IndexAsync(store, ct);

    protected override string Network => "regtest";
}
