using NBitcoin;
using NBitcoin.DataEncoders;

namespace Explorer.Web.Services.Indexed;

/// <summary>
/// Address input: a Bitcoin address of the configured network, or an Open Assets colored address, which is the
/// underlying address's payload behind the version byte 0x13
/// (https://github.com/OpenAssets/open-assets-protocol/blob/master/address-format.mediawiki: "the colored address is
/// formed by prepending the namespace byte 0x13 to the underlying address's version byte and hash, Base58Check-encoded").
/// </summary>
public static class AddressText
{
    private const byte OpenAssetsNamespace = 0x13;

    /// <summary>The plain address for <paramref name="text"/>, or null when it is no address of <paramref name="network"/>.</summary>
    public static string? Normalize(string text, Network network, out bool wasColored)
    {
        wasColored = false;
        if (!InputRules.IsAddressText(text)) return null;
        if (TryParse(text, network) is { } plain) return plain;
        byte[] data;
        try
        {
            data = Encoders.Base58Check.DecodeData(text);
        }
        catch (FormatException)
        {
            return null;
        }
        if (data.Length < 2 || data[0] != OpenAssetsNamespace) return null;
        var underlying = Encoders.Base58Check.EncodeData(data, 1, data.Length - 1);
        var parsed = TryParse(underlying, network);
        wasColored = parsed is not null;
        return parsed;
    }

    private static string? TryParse(string text, Network network)
    {
        try
        {
            return BitcoinAddress.Create(text, network).ToString();
        }
        catch (FormatException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
