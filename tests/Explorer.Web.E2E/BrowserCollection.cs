namespace Explorer.Web.E2E;

/// <summary>One web app, store and browser for every end-to-end test class.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>
{
    public const string Name = "browser";
}
