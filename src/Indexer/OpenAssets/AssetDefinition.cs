using System.Collections.Immutable;

namespace Explorer.Indexer.OpenAssets;

/// <summary>
/// An Open Assets asset definition file, validated against the fields of
/// https://github.com/OpenAssets/open-assets-protocol/blob/master/asset-definition-protocol.mediawiki#asset-definition-file
/// </summary>
public sealed record AssetDefinition(
    ImmutableArray<string> AssetIds,
    string NameShort,
    string Name,
    string? ContractUrl,
    string? Issuer,
    string? Description,
    string DescriptionMime,
    string? Type,
    int Divisibility,
    bool? LinkToWebsite,
    string? IconUrl,
    string? ImageUrl,
    string? Version)
{
    /// <summary>Where the file was finally read (after redirects).</summary>
    public string? FinalUrl { get; init; }

    /// <summary>SHA-256 of the file bytes, hex.</summary>
    public string? Sha256 { get; init; }

    /// <summary>Every request of the redirect chain used HTTPS: "the full redirection chain must use HTTPS for the
    /// proof of authenticity to be valid".</summary>
    public bool AllHttps { get; init; }
}
