using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Explorer.ChainForge.Activities;
using Explorer.ChainForge.Chain;

namespace Explorer.ChainForge;

/// <summary>Runs a scenario into OUT/blocks (Core blocks folder) and OUT/truth.json (ground truth).</summary>
public static class ScenarioRunner
{
    public sealed record Result(int Height, int Blocks, int StaleBlocks, long Transactions, long Bytes, TimeSpan Elapsed);

    /// <param name="extraActivities">More colored activities (e.g. Colu, Counterparty), run before ordinary traffic.</param>
    /// <param name="writerOptions">File sizes (Core's by default; tests shrink them to roll many files).</param>
    public static Result Run(ScenarioSettings settings, string outDirectory, TextWriter? progress = null,
        IEnumerable<IScenarioActivity>? extraActivities = null, Explorer.BlockFiles.BlocksFolderWriterOptions? writerOptions = null)
    {
        var watch = Stopwatch.StartNew();
        var blocksDir = Path.Combine(outDirectory, "blocks");
        var activities = ScenarioActivities.Create(settings, extra: extraActivities);
        using var forger = new ChainForger(blocksDir, settings.Seed, activities, settings.MaxWeight, writerOptions, settings.Scripts);
        // The genesis block is written by the forger, not mined here: its coinbase counts too (the summary said one
        // transaction fewer than truth.json and the indexer).
        long transactions = forger.ActiveChain.Sum(b => (long)b.TransactionCount);
        void Mine()
        {
            var block = forger.MineBlock();
            transactions += block.TransactionCount;
            if (progress is not null && block.Height % 100 == 0)
            {
                progress.WriteLine($"height {block.Height}, {forger.BytesWritten / 1e6:F1} MB, {watch.Elapsed.TotalSeconds:F1} s");
            }
        }

        for (var i = 0; i < settings.Blocks && (settings.TargetBytes == 0 || forger.BytesWritten < settings.TargetBytes); i++)
        {
            Mine();
        }

        foreach (var depth in settings.ReorgDepths)
        {
            // Branch A (depth blocks) is connected first; branch B (depth + 1 blocks) arrives after it and wins:
            // Core stores B's first blocks without connecting them, then reorganises and writes their undo data.
            var fork = forger.SaveFork();
            for (var i = 0; i < depth; i++)
            {
                Mine();
            }

            forger.RestoreFork(fork);
            forger.DeferUndo = true;
            for (var i = 0; i <= depth; i++)
            {
                Mine();
            }

            forger.ConnectDeferred();
            Mine();
        }

        var truth = Truth(settings, forger);
        Directory.CreateDirectory(outDirectory);
        File.WriteAllText(Path.Combine(outDirectory, "truth.json"), truth.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return new Result(forger.Height, forger.ActiveChain.Count + forger.Stale.Count, forger.Stale.Count, transactions, forger.BytesWritten, watch.Elapsed);
    }

    /// <summary>"events" keeps the Open Assets events (the format readers already know); Colu and Counterparty events
    /// go to "protocolEvents".</summary>
    private static JsonArray Events(IEnumerable<JsonObject> events, bool openAssets) =>
        [.. events.Where(e => (e["protocol"]?.GetValue<string>() == "openassets") == openAssets).Select(e => e.DeepClone())];

    private static JsonObject Truth(ScenarioSettings settings, ChainForger forger)
    {
        var blocks = new JsonArray();
        foreach (var b in forger.ActiveChain)
        {
            blocks.Add(new JsonObject
            {
                ["height"] = b.Height,
                ["hash"] = b.Hash.ToString(),
                ["txCount"] = b.TransactionCount,
                ["events"] = Events(b.Events, openAssets: true),
                ["protocolEvents"] = Events(b.Events, openAssets: false),
            });
        }

        var stale = new JsonArray();
        foreach (var b in forger.Stale)
        {
            stale.Add(new JsonObject
            {
                ["height"] = b.Height,
                ["hash"] = b.Hash.ToString(),
                ["txids"] = new JsonArray([.. b.Txids.Select(t => (JsonNode)t.ToString())]),
                ["events"] = Events(b.Events, openAssets: true),
                ["protocolEvents"] = Events(b.Events, openAssets: false),
            });
        }

        return new JsonObject
        {
            ["network"] = "regtest",
            ["scenario"] = settings.Name,
            ["seed"] = settings.Seed,
            ["tip"] = new JsonObject { ["height"] = forger.Height, ["hash"] = forger.Tip.ToString() },
            ["blocks"] = blocks,
            ["stale"] = stale,
            ["final"] = forger.FinalState(),
        };
    }
}
