namespace Explorer.BlockFiles;

/// <summary>
/// The four "message start" bytes that open every record of a blk/rev file.
/// Source: Bitcoin Core src/kernel/chainparams.cpp (<c>pchMessageStart</c> of each network), written by
/// src/node/blockstorage.cpp (<c>fileout &lt;&lt; GetParams().MessageStart() &lt;&lt; nSize</c>).
/// </summary>
public static class NetworkMagic
{
    public static readonly ImmutableMagic Main = new(0xf9, 0xbe, 0xb4, 0xd9);
    public static readonly ImmutableMagic TestNet3 = new(0x0b, 0x11, 0x09, 0x07);
    public static readonly ImmutableMagic TestNet4 = new(0x1c, 0x16, 0x3f, 0x28);
    /// <summary>Default signet (the magic of a custom signet is derived from its challenge).</summary>
    public static readonly ImmutableMagic Signet = new(0x0a, 0x03, 0xcf, 0x40);
    public static readonly ImmutableMagic RegTest = new(0xfa, 0xbf, 0xb5, 0xda);

    /// <summary>Magic of a network by name: main, test (testnet3), testnet4, signet, regtest.</summary>
    public static ImmutableMagic ForNetwork(string name) => name.ToLowerInvariant() switch
    {
        "main" or "mainnet" => Main,
        "test" or "testnet" or "testnet3" => TestNet3,
        "testnet4" => TestNet4,
        "signet" => Signet,
        "regtest" => RegTest,
        _ => throw new ArgumentException($"Unknown network '{name}'.", nameof(name)),
    };
}
