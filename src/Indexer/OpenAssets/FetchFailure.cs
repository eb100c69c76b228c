namespace Explorer.Indexer.OpenAssets;

/// <summary>Why an asset definition could not be had. "If the file can not be retrieved or if the hash doesn't
/// match, no metadata is associated to this asset."</summary>
public enum FetchFailure
{
    None = 0,
    UnsupportedScheme = 1,
    BlockedAddress = 2,
    Timeout = 3,
    TooLarge = 4,
    TooManyRedirects = 5,
    BadRedirect = 6,
    HttpStatus = 7,
    Network = 8,
    HashMismatch = 9,
    InvalidDefinition = 10,
    AssetIdNotListed = 11,
}
