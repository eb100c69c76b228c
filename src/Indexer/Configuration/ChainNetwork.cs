using Explorer.BlockFiles;
using NBitcoin;

namespace Explorer.Indexer.Configuration;

/// <summary>A network name resolved to NBitcoin's <see cref="Network"/> (addresses, parsing) and the blocks-folder magic.</summary>
public sealed record ChainNetwork(string Name, Network Network, ImmutableMagic Magic)
{
    public static bool TryResolve(string name, out ChainNetwork network)
    {
        ArgumentNullException.ThrowIfNull(name);
        network = name.ToLowerInvariant() switch
        {
            "main" or "mainnet" => new("main", Network.Main, NetworkMagic.Main),
            "test" or "testnet" or "testnet3" => new("test", Network.TestNet, NetworkMagic.TestNet3),
            // Address prefixes of testnet4 and signet are testnet3's (BIP 173 "tb", base58 111/196).
            "testnet4" => new("testnet4", Network.TestNet, NetworkMagic.TestNet4),
            "signet" => new("signet", Network.TestNet, NetworkMagic.Signet),
            "regtest" => new("regtest", Network.RegTest, NetworkMagic.RegTest),
            _ => null!,
        };
        return network is not null;
    }

    public static ChainNetwork Resolve(string name) =>
        TryResolve(name, out var n) ? n : throw new ArgumentException($"unknown network '{name}' (main, test, testnet4, signet, regtest)", nameof(name));
}
