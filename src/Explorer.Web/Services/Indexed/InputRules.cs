using System.Text.RegularExpressions;

namespace Explorer.Web.Services.Indexed;

/// <summary>What the indexed-data routes accept before any query runs (anything else is a 400 / validation message).</summary>
public static partial class InputRules
{
    public const int MaxPageSize = 100;
    public const int DefaultPageSize = 25;

    public static readonly IReadOnlyList<string> Protocols = ["openassets", "colu", "counterparty"];

    public static bool IsTxid(string? text) => text is { Length: 64 } && HexPattern().IsMatch(text);

    public static bool IsProtocol(string? text) => text is not null && Protocols.Contains(text);

    /// <summary>Open Assets (A... base58), Colu (La.../Ua... base58), Counterparty names (A-Z, numeric A..., sub-assets with dots).</summary>
    public static bool IsAssetId(string? text) => text is { Length: > 0 and <= 250 } && AssetPattern().IsMatch(text);

    /// <summary>Base58 or bech32 text of plausible length (the address is then parsed for the network).</summary>
    public static bool IsAddressText(string? text) => text is { Length: >= 20 and <= 100 } && AddressPattern().IsMatch(text);

    /// <summary>An event kind (issuance, transfer, burn, destroyed, Counterparty message types): lower-case letters and
    /// underscores.</summary>
    public static bool IsEventKind(string? text) => text is { Length: > 0 and <= 40 } && KindPattern().IsMatch(text);

    /// <summary>Page size: null gives the default, larger values are capped at <see cref="MaxPageSize"/>; false below 1.</summary>
    public static bool TryPageSize(int? limit, out int size)
    {
        size = Math.Min(limit ?? DefaultPageSize, MaxPageSize);
        return size >= 1;
    }

    [GeneratedRegex(@"^[0-9a-f]{64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex HexPattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._\-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex AssetPattern();

    [GeneratedRegex(@"^[a-z_]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex KindPattern();

    [GeneratedRegex(@"^[A-Za-z0-9]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex AddressPattern();
}
