using System.Globalization;

namespace Explorer.ChainForge;

/// <summary>
/// chain-forge --scenario demo|bench|reorg --seed N --out DIR [--blocks N] [--tx-per-block N] [--colored-per-block X]
/// [--size-mb N] [--script-mix p2pkh=1,p2sh=1,p2wpkh=1,p2tr=1] [--xcp-p2sh] [--quiet] [--read-back]. Writes DIR/blocks (a Bitcoin Core regtest blocks folder) and DIR/truth.json.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        try
        {
            return Run(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            // Bad flags and values: one clear line, exit code 2 (as for an unknown argument).
            Console.Error.WriteLine(e is ArgumentException { ParamName: { } name } ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : e.Message);
            return 2;
        }
    }

    private static int Run(string[] args)
    {
        string? scenario = null, output = null;
        int? seed = null, blocks = null, txPerBlock = null;
        double? colored = null;
        long? sizeMb = null;
        Wallet.ScriptMix? scripts = null;
        var quiet = false;
        var xcpP2sh = false;
        var readBack = false;
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
                case "--script-mix": scripts = Wallet.ScriptMix.Parse(Next()); break;
                case "--xcp-p2sh": xcpP2sh = true; break;
                case "--quiet": quiet = true; break;
                case "--read-back": readBack = true; break;
                case "-h" or "--help":
                    Console.WriteLine("usage: forge --scenario demo|bench|reorg --seed N --out DIR [--blocks N] [--tx-per-block N] [--colored-per-block X] [--size-mb N] [--script-mix p2pkh=1,p2sh=1,p2wpkh=1,p2tr=1] [--xcp-p2sh] [--quiet] [--read-back]");
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
            Scripts = scripts ?? settings.Scripts,
            CounterpartyP2sh = xcpP2sh,
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
        if (readBack)
        {
            ReadBack(blocksDir);
        }

        return 0;
    }

    /// <summary>Reads the folder back (blocks and undo of the active chain) and prints the reader's throughput.</summary>
    private static void ReadBack(string blocksDir)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var reader = Explorer.BlockFiles.BlocksFolderReader.Open(blocksDir, Explorer.BlockFiles.NetworkMagic.RegTest);
        var scan = watch.Elapsed;
        long bytes = 0, spent = 0;
        var blocks = 0;
        foreach (var block in reader.ReadActiveChain())
        {
            bytes += block.Block.Length;
            spent += block.Undo?.Transactions.Sum(t => t.Length) ?? 0;
            blocks++;
        }

        var seconds = Math.Max(watch.Elapsed.TotalSeconds, 1e-3);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"read back {blocks} blocks ({bytes / 1e6:F1} MB of blocks, {spent} spent outputs from undo) in {seconds:F2} s " +
            $"(index scan {scan.TotalSeconds:F2} s): {bytes / 1e6 / seconds:F1} MB/s, {blocks / seconds:F0} blocks/s"));
    }
}
