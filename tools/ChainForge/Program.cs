using System.Globalization;

namespace Explorer.ChainForge;

/// <summary>
/// chain-forge --scenario demo|bench|reorg --seed N --out DIR [--blocks N] [--tx-per-block N] [--colored-per-block X]
/// [--size-mb N] [--quiet]. Writes DIR/blocks (a Bitcoin Core regtest blocks folder) and DIR/truth.json.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        string? scenario = null, output = null;
        int? seed = null, blocks = null, txPerBlock = null;
        double? colored = null;
        long? sizeMb = null;
        var quiet = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--scenario": scenario = Next(); break;
                case "--seed": seed = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--out": output = Next(); break;
                case "--blocks": blocks = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--tx-per-block": txPerBlock = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--colored-per-block": colored = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--size-mb": sizeMb = long.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--quiet": quiet = true; break;
                case "-h" or "--help":
                    Console.WriteLine("usage: forge --scenario demo|bench|reorg --seed N --out DIR [--blocks N] [--tx-per-block N] [--colored-per-block X] [--size-mb N] [--quiet]");
                    return 0;
                default:
                    Console.Error.WriteLine($"Unknown argument {args[i]}.");
                    return 2;
            }
        }

        if (scenario is null || output is null)
        {
            Console.Error.WriteLine("--scenario and --out are required.");
            return 2;
        }

        var settings = ScenarioSettings.Preset(scenario);
        settings = settings with
        {
            Seed = seed ?? settings.Seed,
            Blocks = blocks ?? settings.Blocks,
            TransactionsPerBlock = txPerBlock ?? settings.TransactionsPerBlock,
            ColoredPerBlock = colored ?? settings.ColoredPerBlock,
            TargetBytes = sizeMb is { } mb ? mb << 20 : settings.TargetBytes,
        };
        var blocksDir = Path.Combine(output, "blocks");
        if (Directory.Exists(blocksDir) && Directory.EnumerateFiles(blocksDir, "blk*.dat").Any())
        {
            Console.Error.WriteLine($"{blocksDir} already holds block files; choose an empty --out.");
            return 1;
        }

        var result = ScenarioRunner.Run(settings, output, quiet ? null : Console.Out);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"forged {settings.Name} seed {settings.Seed}: tip height {result.Height}, {result.Blocks} blocks ({result.StaleBlocks} stale), " +
            $"{result.Transactions} transactions, {result.Bytes / 1e6:F1} MB in {result.Elapsed.TotalSeconds:F1} s " +
            $"({result.Bytes / 1e6 / Math.Max(result.Elapsed.TotalSeconds, 1e-3):F1} MB/s) -> {Path.GetFullPath(output)}"));
        return 0;
    }
}
