namespace Explorer.Indexer.OpenAssets;

/// <summary>The outcome of fetching one asset definition: the definition, or a failure and its reason.</summary>
public sealed record AssetDefinitionFetchResult(AssetDefinition? Definition, FetchFailure Failure, string? Message)
{
    public bool IsSuccess => Failure == FetchFailure.None && Definition is not null;

    public static AssetDefinitionFetchResult Ok(AssetDefinition definition) => new(definition, FetchFailure.None, null);

    public static AssetDefinitionFetchResult Fail(FetchFailure failure, string message) => new(null, failure, message);
}
