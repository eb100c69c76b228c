namespace Explorer.Web.E2E;

/// <summary>The live-update end-to-end test has its own app, store and browser (it writes to its store).</summary>
[CollectionDefinition(Name)]
public sealed class LiveBrowserCollection : ICollectionFixture<LiveBrowserApp>
{
    public const string Name = "live-browser";
}
