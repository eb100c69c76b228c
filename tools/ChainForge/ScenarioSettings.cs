namespace Explorer.ChainForge;

/// <summary>What to forge. Presets: demo, bench, reorg; every field can be overridden on the command line.</summary>
public sealed record ScenarioSettings
{
    public required string Name { get; init; }
    public int Seed { get; init; } = 1;
    /// <summary>Blocks on the main line after genesis (bench: an upper bound, see <see cref="TargetBytes"/>).</summary>
    public int Blocks { get; init; }
    /// <summary>Ordinary transactions per block once coins are mature.</summary>
    public int TransactionsPerBlock { get; init; }
    /// <summary>Spendable coins the ordinary traffic keeps ready (fan-out when short).</summary>
    public int PoolTarget { get; init; }
    /// <summary>Open Assets transactions per block (fractions are drawn at random).</summary>
    public double ColoredPerBlock { get; init; }
    /// <summary>Stop once this many record bytes are written (0 = no limit).</summary>
    public long TargetBytes { get; init; }
    /// <summary>Depths of the competing branches the reorg scenario builds (the stale branch is this deep).</summary>
    public IReadOnlyList<int> ReorgDepths { get; init; } = [];
    /// <summary>Most outputs per payment to outside payees (fills blocks without extra signatures).</summary>
    public int MaxExternalOutputs { get; init; } = 1;
    /// <summary>Maximum block weight used by the forge (consensus limit is 4,000,000).</summary>
    public int MaxWeight { get; init; } = 3_990_000;
    /// <summary>Output types of ordinary payments and coinbases, by weight (<c>--script-mix p2pkh=1,p2sh=1,p2wpkh=1,p2tr=1</c>).</summary>
    public Wallet.ScriptMix Scripts { get; init; } = Wallet.ScriptMix.Even;
    /// <summary>
    /// Also forge Counterparty P2SH data carriers (commit + reveal), which counterparty-core's regtest rules do not read
    /// (p2sh_disabled is in force): their truth holds for a decoder told to apply P2SH encoding (docs/chain-forge.md).
    /// </summary>
    public bool CounterpartyP2sh { get; init; }

    public static ScenarioSettings Preset(string name) => name switch
    {
        "demo" => new() { Name = name, Blocks = 300, TransactionsPerBlock = 8, PoolTarget = 300, ColoredPerBlock = 1.5 },
        "bench" => new() { Name = name, Blocks = 1_000_000, TransactionsPerBlock = 2_000, PoolTarget = 12_000, ColoredPerBlock = 20, TargetBytes = 2L << 30, MaxExternalOutputs = 14 },
        "reorg" => new() { Name = name, Blocks = 130, TransactionsPerBlock = 6, PoolTarget = 200, ColoredPerBlock = 1, ReorgDepths = [1, 2, 3, 5, 10, 25, 50, 100] },
        _ => throw new ArgumentException($"Unknown scenario '{name}' (demo, bench, reorg).", nameof(name)),
    };
}
