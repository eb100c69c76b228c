using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Unicode;

namespace Explorer.Protocols.OpenAssets;

/// <summary>
/// An asset definition pointer: <c>u=&lt;asset definition URL&gt;</c> or <c>u=&lt;URL&gt;&amp;sha256=&lt;hex&gt;</c>.
/// Spec: https://github.com/OpenAssets/open-assets-protocol/blob/master/asset-definition-protocol.mediawiki#blockchain-association
/// "Both values must be URL encoded, and the asset definition pointer is encoded using UTF-8."
/// </summary>
/// <param name="Url">The URL-decoded absolute URL (any scheme: "Clients are free to choose which subset to support").</param>
/// <param name="Sha256">The optional SHA-256 of the definition file, 32 bytes, or null.</param>
public sealed record AssetDefinitionPointer(string Url, ReadOnlyMemory<byte>? Sha256)
{
    private const string UrlPrefix = "u=";
    private const string HashSeparator = "&sha256=";

    /// <summary>Parses a pointer from marker metadata or a redeem-script push; false if it is not one.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out AssetDefinitionPointer? pointer)
    {
        pointer = null;
        // "the asset definition pointer is encoded using UTF-8"
        if (bytes.Length < 3 || bytes[0] != (byte)'u' || bytes[1] != (byte)'=' || !Utf8.IsValid(bytes)) return false;
        var text = Encoding.UTF8.GetString(bytes)[UrlPrefix.Length..];
        ReadOnlyMemory<byte>? hash = null;
        var amp = text.IndexOf(HashSeparator, StringComparison.Ordinal);
        if (amp >= 0)
        {
            var hex = Uri.UnescapeDataString(text[(amp + HashSeparator.Length)..]);
            if (hex.Length != 64 || !IsHex(hex)) return false;
            hash = Convert.FromHexString(hex);
            text = text[..amp];
        }
        else if (text.Contains('&', StringComparison.Ordinal))
        {
            return false; // "Both values must be URL encoded": a raw '&' can only introduce the sha256 part.
        }
        // "<asset definition URL> is the absolute URL of the asset definition"
        var url = Uri.UnescapeDataString(text);
        // Absolute means "scheme:..." here; .NET would also take a bare "/path" as a file URI.
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !url.StartsWith(uri.Scheme + ":", StringComparison.OrdinalIgnoreCase))
            return false;
        pointer = new AssetDefinitionPointer(url, hash);
        return true;
    }

    private static bool IsHex(string s)
    {
        foreach (var c in s)
            if (!char.IsAsciiHexDigit(c)) return false;
        return true;
    }
}
