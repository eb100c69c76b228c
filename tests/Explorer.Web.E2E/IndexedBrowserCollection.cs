namespace Explorer.Web.E2E;

/// <summary>The indexed-data end-to-end tests share one app, store and browser.</summary>
[CollectionDefinition(Name)]
public sealed class IndexedBrowserCollection : ICollectionFixture<IndexedBrowserApp>
{
    public const string Name = "indexed-browser";
}
