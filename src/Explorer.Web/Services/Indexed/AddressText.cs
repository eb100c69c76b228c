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

    /// <summary>The network <paramref name="text"/> is an address of, when it is one of another chain than
    /// <paramref name="network"/> (a mainnet address on a regtest explorer); null otherwise.</summary>
    public static string? OtherNetwork(string text, Network network)
    {
        if (!InputRules.IsAddressText(text)) return null;
        foreach (var (other, label) in new[] { (Network.Main, "main"), (Network.TestNet, "test (or signet, testnet4)"), (Network.RegTest, "regtest") })
            if (other.ChainName != network.ChainName && Normalize(text, other, out _) is not null)
                return label;
        return null;
    }

    /// <summary>Why <paramref name="text"/> is not an address of <paramref name="network"/> (named
    /// <paramref name="name"/>), for the 400 answers of the address page and the API.</summary>
    public static string NotAnAddress(string text, Network network, string name) => OtherNetwork(text, network) is { } other
        ? $"an address of the {other} network, and this explorer indexes {name}"
        : $"not an address of the {name} network (nor an Open Assets colored address)";

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
