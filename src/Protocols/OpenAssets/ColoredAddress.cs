using System.Diagnostics.CodeAnalysis;
using NBitcoin.DataEncoders;

namespace Explorer.Protocols.OpenAssets;

/// <summary>
/// Open Assets colored addresses: base58check(0x13 || the original address's version byte(s) || its payload),
/// the checksum computed over all of it, so a wallet can tell an asset-aware address from a plain one.
/// Spec: https://github.com/OpenAssets/open-assets-protocol/blob/master/address-format.mediawiki
/// </summary>
public static class ColoredAddress
{
    /// <summary>"The namespace used for Open Assets is 19 (0x13 in hexadecimal)."</summary>
    public const byte Namespace = 0x13;

    /// <summary>A base-58 P2PKH or P2SH address: one version byte and a 20-byte hash.</summary>
    private const int AddressLength = 21;

    /// <summary>The colored form of a base-58 Bitcoin address (P2PKH or P2SH, any network).</summary>
    public static bool TryFromAddress(string address, [NotNullWhen(true)] out string? colored)
    {
        colored = null;
        if (string.IsNullOrEmpty(address) || address.Length > 64 || !OaAssetId.TryDecodeBase58Check(address, out var raw) || raw.Length != AddressLength)
            return false;
        colored = Encoders.Base58Check.EncodeData([Namespace, .. raw]);
        return true;
    }

    /// <summary>The plain Bitcoin address behind a colored address.</summary>
    public static bool TryToAddress(string colored, [NotNullWhen(true)] out string? address)
    {
        address = null;
        if (string.IsNullOrEmpty(colored) || colored.Length > 80 || !OaAssetId.TryDecodeBase58Check(colored, out var raw)
            || raw.Length != AddressLength + 1 || raw[0] != Namespace)
            return false;
        address = Encoders.Base58Check.EncodeData(raw.AsSpan(1).ToArray());
        return true;
    }
}
