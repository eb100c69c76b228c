using System.CommandLine;
using System.Globalization;
using System.Text;
using Explorer.Indexer.Configuration;

namespace Explorer.Indexer.Cli;

/// <summary>
/// <c>bench --blocks-dir DIR [--network NET] [--clickhouse URL]</c>: measures, in one run over one blocks folder,
/// (a) reading the files, (b) NBitcoin <c>Block.Load</c>, (b') the same plus every txid, (c0) the raw prefilter alone, (c) the raw prefilter plus
/// decoding, (d) end-to-end indexing into a fresh ClickHouse database (embedded unless --clickhouse), and prints one
/// table: MB/s, blocks/s, tx/s, rows/s, peak working set, and each stage's speed against (a) and (b).
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var blocksDir = new Option<string?>("--blocks-dir") { Description = "Bitcoin Core blocks folder (blk/rev/xor.dat)" };
        var network = new Option<string>("--network") { Description = "main, test, testnet4, signet or regtest", DefaultValueFactory = _ => "main" };
        var clickhouse = new Option<string?>("--clickhouse") { Description = "ClickHouse URL for (d); a fresh database is created and dropped. Default: a fresh embedded store" };
        var chunkMb = new Option<int>("--chunk-mb") { Description = "blocks held in memory per chunk for (b) and (c)", DefaultValueFactory = _ => 64 };
        var xcpPrefix = new Option<string>("--xcp-prefix") { Description = "Counterparty prefix", DefaultValueFactory = _ => "CNTRPRTY" };
        var noMerkle = new Option<bool>("--no-merkle-check") { Description = "(d) without the merkle-root check of every block (Indexer:VerifyMerkleRoot = false)" };
        var only = new Option<string?>("--only") { Description = "c or d: run that stage alone, after the warm-up read (for a profiler; no baselines, no ratios)" };
        var command = new Command("bench", "Measure reading, NBitcoin parsing, prefilter + decoding and end-to-end indexing of a blocks folder")
        {
            blocksDir, network, clickhouse, chunkMb, xcpPrefix, noMerkle, only,
        };
        command.SetAction(async (parse, ct) =>
        {
            var dir = parse.GetValue(blocksDir);
            if (dir is null || !Directory.Exists(dir))
            {
                await Console.Error.WriteLineAsync(dir is null ? "bench: give --blocks-dir DIR" : $"bench: blocks folder '{dir}' does not exist");
                return 2;
            }
            var networkName = parse.GetValue(network) ?? "main";
            if (!ChainNetwork.TryResolve(networkName, out var chain))
            {
                await Console.Error.WriteLineAsync("bench: --network must be main, test, testnet4, signet or regtest");
                return 2;
            }
            var given = parse.GetValue(clickhouse);
            if (given is not null && !ClickHouseAddress.TryToConnectionString(given, out _))
            {
                await Console.Error.WriteLineAsync("bench: --clickhouse must be an http(s) URL or a connection string");
                return 2;
            }
            var alone = parse.GetValue(only);
            if (alone is not (null or "c" or "d"))
            {
                await Console.Error.WriteLineAsync("bench: --only must be c or d");
                return 2;
            }
            var chunk = Math.Clamp(parse.GetValue(chunkMb), 1, 4096);
            var prefix = parse.GetValue(xcpPrefix) ?? "CNTRPRTY";
            using var memory = new PeakMemorySampler();
            var runner = new BenchRunner(Path.GetFullPath(dir), chain, prefix, chunk * 1_000_000L, memory);
            var output = Console.Out;
            await output.WriteLineAsync(Machine("before"));
            await output.WriteLineAsync(Runtime());
            // Warm-up pass (not timed): the files in the page cache, the code jitted.
            runner.ReadFiles(ct);
            if (alone is not null) return await AloneAsync(runner, alone, given, new IndexerOptions
                { Network = networkName, XcpPrefix = prefix, ProgressSeconds = 3600, VerifyMerkleRoot = !parse.GetValue(noMerkle) }, ct);
            var read = runner.ReadFiles(ct);
            await output.WriteLineAsync(Line(read));
            var (load, loadHash, scan, carriers, prefilter, colored) = runner.CpuStages(ct);
            await output.WriteLineAsync(Line(load));
            await output.WriteLineAsync(Line(loadHash));
            await output.WriteLineAsync(Line(scan));
            await output.WriteLineAsync(Line(carriers));
            await output.WriteLineAsync(Line(prefilter));
            var options = new IndexerOptions { Network = networkName, XcpPrefix = prefix, ProgressSeconds = 3600, VerifyMerkleRoot = !parse.GetValue(noMerkle) };
            var (end, run, storeStart) = await runner.EndToEndAsync(given, options, ct);
            await output.WriteLineAsync(Line(end));
            var details = new List<string> { Details("(d)", run, runner, options) };
            var stages = new List<BenchStage> { read, load, loadHash, scan, carriers, prefilter, end };
            var agree = colored == run.ColoredTransactions && prefilter.Rows == end.Rows;
            // Two more passes in the same process, each into a fresh database: (d') without the merkle-root check (index
            // --no-merkle-check; reveal sources are the same, RevealPayerBlock reads a payer again when asked), then (d'')
            // as (d) again. (d) pays what a process's first pass pays (the JIT of the write path, the pools and the
            // collector's sizing, the engine's first inserts); (d') and (d'') both run warm, as a long pass over a bigger
            // chain does after its first gigabytes, so (d'') against (d') is what the check costs, and (d'') against (d)
            // what the first pass pays. With --no-merkle-check, (d) is already without the check and only (d'') runs.
            var more = new List<(string Name, string Short, bool Merkle)>();
            if (options.VerifyMerkleRoot) more.Add(("(d') end to end, no merkle check", "(d')", false));
            more.Add(("(d'') end to end again, warm", "(d'')", options.VerifyMerkleRoot));
            var ratios = new StringBuilder();
            foreach (var (name, label, merkle) in more)
            {
                var again = new IndexerOptions { Network = networkName, XcpPrefix = prefix, ProgressSeconds = 3600, VerifyMerkleRoot = merkle };
                var (passEnd, passRun, _) = await runner.EndToEndAsync(given, again, ct);
                var stage = passEnd with { Name = name };
                await output.WriteLineAsync(Line(stage));
                details.Add(Details(label, passRun, runner, again));
                stages.Add(stage);
                agree &= colored == passRun.ColoredTransactions && prefilter.Rows == stage.Rows;
                ratios.Append(CultureInfo.InvariantCulture, $", {label} at {stage.MegabytesPerSecond / prefilter.MegabytesPerSecond:F2}x (c) and {stage.MegabytesPerSecond / end.MegabytesPerSecond:F2}x (d)");
            }
            await output.WriteLineAsync(Machine("after"));
            await output.WriteLineAsync(Table(stages, read, load));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"carriers (prefilter hits): {runner.Carriers}; colored transactions: (c) {colored}, (d) {run.ColoredTransactions}; rows: (c) {prefilter.Rows}, (d) {end.Rows}; " +
                $"(d) store start + migrations {storeStart.TotalSeconds:F1} s (not in (d)); (c0) at {scan.MegabytesPerSecond / load.MegabytesPerSecond:F1}x (b), (c1) at {carriers.MegabytesPerSecond / load.MegabytesPerSecond:F1}x (b), (c) at {prefilter.MegabytesPerSecond / load.MegabytesPerSecond:F1}x (b), " +
                $"(d) at {end.MegabytesPerSecond / prefilter.MegabytesPerSecond:F2}x (c){ratios}"));
            foreach (var line in details) await output.WriteLineAsync(line);
            // The paths must agree, or the numbers compare different work.
            return agree ? 0 : 1;
        });
        return command;
    }

    // Where an end-to-end pass's time went, and its inserts (read from the runner right after that pass).
    private static string Details(string stage, Pipeline.IndexRunResult run, BenchRunner runner, IndexerOptions options) => string.Create(CultureInfo.InvariantCulture,
        $"{stage} where the time went: state stage busy {run.StateBusy.TotalSeconds:F2} s, waiting for parsed blocks {run.StateWaitingForParse.TotalSeconds:F2} s, " +
        $"ClickHouse writes {run.WriteBusy.TotalSeconds:F2} s, state stage done at {run.StateEnded.TotalSeconds:F2} s, pass {run.Elapsed.TotalSeconds:F2} s; garbage collections " +
        $"{runner.Collections.Gen0}/{runner.Collections.Gen1}/{runner.Collections.Gen2} (gen 0/1/2), paused {runner.Collections.Paused.TotalSeconds:F2} s " +
        $"({(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC); txid hashing: {(Pipeline.DoubleSha256.IsNative ? "OpenSSL" : ".NET")}; " +
        $"merkle-root check {(options.VerifyMerkleRoot ? "on" : "off")}\n{stage} inserts per table: {runner.Writes}");

    /// <summary><c>--only c|d</c>: one stage, its line only (what a profiler attached to the process should see).</summary>
    private static async Task<int> AloneAsync(BenchRunner runner, string stage, string? clickhouse, IndexerOptions options, CancellationToken ct)
    {
        if (stage == "c")
        {
            var (_, _, _, _, prefilter, _) = runner.CpuStages(ct, decodingOnly: true);
            await Console.Out.WriteLineAsync(Line(prefilter));
        }
        else
        {
            var (end, run, _) = await runner.EndToEndAsync(clickhouse, options, ct);
            await Console.Out.WriteLineAsync(Line(end));
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"(d) state stage busy {run.StateBusy.TotalSeconds:F2} s, done at {run.StateEnded.TotalSeconds:F2} s, writes {run.WriteBusy.TotalSeconds:F2} s; collections " +
                $"{runner.Collections.Gen0}/{runner.Collections.Gen1}/{runner.Collections.Gen2}, paused {runner.Collections.Paused.TotalSeconds:F2} s"));
            await Console.Out.WriteLineAsync($"(d) inserts per table: {runner.Writes}");
        }
        return 0;
    }

    /// <summary>The result table (markdown, so that docs/benchmarks.md can quote it as printed).</summary>
    public static string Table(IReadOnlyList<BenchStage> stages, BenchStage read, BenchStage load)
    {
        ArgumentNullException.ThrowIfNull(stages);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(load);
        var text = new StringBuilder();
        text.AppendLine("| stage | seconds | MB/s | blocks/s | tx/s | rows/s | peak working set MB | vs (a) | vs (b) |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in stages)
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {s.Name} | {s.Elapsed.TotalSeconds:F2} | {s.MegabytesPerSecond:F1} | {s.BlocksPerSecond:F1} | {s.TransactionsPerSecond:F0} | " +
                $"{(s.Rows > 0 ? s.RowsPerSecond.ToString("F0", CultureInfo.InvariantCulture) : "-")} | {s.PeakWorkingSet / 1e6:F0} | " +
                $"{s.MegabytesPerSecond / read.MegabytesPerSecond:F2}x | {s.MegabytesPerSecond / load.MegabytesPerSecond:F2}x |"));
        return text.ToString();
    }

    private static string Line(BenchStage s) => string.Create(CultureInfo.InvariantCulture,
        $"{s.Name}: {s.Bytes / 1e6:F1} MB, {s.Blocks} blocks, {s.Transactions} tx in {s.Elapsed.TotalSeconds:F2} s = {s.MegabytesPerSecond:F1} MB/s; " +
        $"processor time {s.ProcessorTime.TotalSeconds:F2} s (JIT {s.Jit.Time.TotalSeconds:F2} s, {s.Jit.Methods} methods); peak working set {s.PeakWorkingSet / 1e6:F0} MB; " +
        $"allocated {s.AllocatedBytes / 1e6:F0} MB ({(double)s.AllocatedBytes / Math.Max(1, s.Bytes):F2} bytes per block byte)");

    /// <summary>The runtime settings every stage ran under (they change the baselines too: NBitcoin's Block.Load is
    /// faster with tiered PGO, docs/benchmarks.md).</summary>
    private static string Runtime()
    {
        var tiered = AppContext.TryGetSwitch("System.Runtime.TieredCompilation", out var on) ? on : true;
        if (Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") is { } env) tiered = env != "0";
        var pgo = Environment.GetEnvironmentVariable("DOTNET_TieredPGO") is { } p ? p != "0" : tiered;
        return string.Create(CultureInfo.InvariantCulture,
            $"runtime: .NET {Environment.Version}, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC, " +
            $"youngest generation {Environment.GetEnvironmentVariable("DOTNET_GCgen0size") ?? "default"}, " +
            $"tiered compilation {(tiered ? (pgo ? "on with PGO" : "on without PGO") : "off")}");
    }

    private static string Machine(string when)
    {
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
        return string.Create(CultureInfo.InvariantCulture, $"machine ({when}): {Environment.ProcessorCount} cores, load average {load}");
    }
}
