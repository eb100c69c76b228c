using System.Diagnostics;
using Explorer.ChainForge;
using Explorer.ClickHouse.Embedded;
using Explorer.Indexer.Tests.Support;
using Xunit.Abstractions;

namespace Explorer.Indexer.Tests;

/// <summary>
/// Issue 7: the built indexer (<c>dotnet exec Explorer.Indexer.dll index ...</c>, a child process) is killed with
/// SIGKILL (<see cref="Process.Kill()"/>) 20 times while it indexes a forged chain (each time after the run committed a
/// batch of its own, plus a seeded-random delay),
/// restarted each time, then left to finish; every table (FINAL, visible rows, all columns but version) must equal an
/// uninterrupted run of the same binary into another database. ClickHouse runs embedded in the test process, so a
/// kill cuts the indexer's HTTP requests at arbitrary points, as a crash would.
/// </summary>
[Trait("Category", "Integration")]
public sealed class KillRestartTests(ITestOutputHelper output)
{
    private const int Kills = 20;
    private const int Blocks = 1000;

    [Fact(Timeout = 300_000)]
    public async Task Killed_twenty_times_with_sigkill_then_finished_equals_an_uninterrupted_run()
    {
        var server = await SharedEmbeddedClickHouse.GetAsync();
        // Long enough that twenty short runs cannot index it all (demo mix: Open Assets, Colu, Counterparty).
        using var chain = new ForgedChain(ScenarioSettings.Preset("demo") with { Seed = 7, Blocks = Blocks });
        var blocks = chain.BlocksDirectory;

        var referenceDb = "idx_killref_" + Guid.NewGuid().ToString("N")[..10];
        var clock = Stopwatch.StartNew();
        using (var reference = Start(blocks, server.Uri, referenceDb))
        {
            await reference.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
            Assert.True(reference.ExitCode == 0, $"uninterrupted run exited {reference.ExitCode}");
        }
        var uninterrupted = clock.Elapsed;

        var database = "idx_kill_" + Guid.NewGuid().ToString("N")[..10];
        await using var reference_ = IndexerHarness.Attach(referenceDb, server.GetConnectionString(referenceDb));
        await using var harness = IndexerHarness.Attach(database, server.GetConnectionString(database));
        var random = new Random(20261128);
        var kills = 0;
        var heights = new List<int>();
        for (var attempt = 0; kills < Kills && attempt < 2 * Kills; attempt++)
        {
            // Each run is killed after it has committed at least one batch of its own (so the kill lands while it
            // indexes, whatever the machine's load), plus a seeded-random 0-300 ms: mid-batch, between tables,
            // between batches. Progress per run stays small, so twenty runs do not reach the tip.
            var before = await ProgressAsync(harness);
            var extra = random.Next(0, 300);
            using var process = Start(blocks, server.Uri, database);
            var run = Stopwatch.StartNew();
            while (!process.HasExited && await ProgressAsync(harness) <= before)
            {
                Assert.True(run.Elapsed < TimeSpan.FromSeconds(90), "the indexer made no progress in 90 s");
                await Task.Delay(20);
            }

            if (process.HasExited || await ExitsWithinAsync(process, TimeSpan.FromMilliseconds(extra)))
            {
                // Reached the tip before the kill.
                Assert.True(process.ExitCode == 0, $"run exited {process.ExitCode}");
                heights.Add(await ProgressAsync(harness));
                continue;
            }

            process.Kill(); // SIGKILL on Unix
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
            kills++;
            heights.Add(await ProgressAsync(harness));
        }

        output.WriteLine($"uninterrupted {uninterrupted.TotalSeconds:F1} s; {kills} kills; progress after each: {string.Join(", ", heights)}");
        Assert.Equal(Kills, kills);
        Assert.True(heights[^1] < Blocks, "every kill landed before the tip");
        Assert.True(heights.Zip(heights.Skip(1)).All(p => p.Second >= p.First), "progress never goes back");

        using (var last = Start(blocks, server.Uri, database))
        {
            await last.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
            Assert.True(last.ExitCode == 0, $"final run exited {last.ExitCode}");
        }

        var expected = await reference_.SnapshotAsync();
        Assert.Equal(Blocks + 1, expected["blocks"].Count);
        var actual = await harness.SnapshotAsync();
        // Where a table differs, say where (the assertion below prints only the dictionaries' starts).
        foreach (var (table, rows) in expected)
        {
            var other = actual.GetValueOrDefault(table) ?? [];
            var missing = rows.Except(other).Take(3).ToList();
            var extra = other.Except(rows).Take(3).ToList();
            foreach (var (m, x) in missing.Zip(extra))
            {
                var at = 0;
                while (at < Math.Min(m.Length, x.Length) && m[at] == x[at]) at++;
                output.WriteLine($"DIFF at {at}: expected ...{m[Math.Max(0, at - 150)..Math.Min(m.Length, at + 250)]}\n  actual ...{x[Math.Max(0, at - 150)..Math.Min(x.Length, at + 250)]}");
            }
            if (missing.Count + extra.Count > 0)
                output.WriteLine($"TABLE {table}: expected {rows.Count} actual {other.Count}\n  missing: {string.Join("\n  missing: ", missing)}\n  extra: {string.Join("\n  extra: ", extra)}");
        }
        Assert.Equal(expected, actual);
        await Truth.AssertOpenAssetsEqualAsync(harness, chain.Truth);
    }

    private static async Task<int> ProgressAsync(IndexerHarness harness)
    {
        try
        {
            return (await harness.Store.ReadProgressAsync(CancellationToken.None))?.Height ?? -1;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return -1; // killed before the migrations created the database
        }
    }

    private static async Task<bool> ExitsWithinAsync(Process process, TimeSpan delay)
    {
        using var cts = new CancellationTokenSource(delay);
        try
        {
            await process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The indexer built next to this assembly (ProjectReference), run with <c>dotnet exec</c>.</summary>
    private static Process Start(string blocksDirectory, Uri clickhouse, string database)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Explorer.Indexer.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build tests/Indexer.Tests (it references src/Indexer)");
        var info = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var arg in new[]
                 {
                     "exec", "--runtimeconfig", Path.ChangeExtension(dll, ".runtimeconfig.json"), dll, "index", "--blocks-dir",
                     blocksDirectory, "--network", "regtest", "--clickhouse", clickhouse.ToString(), "--database", database,
                 })
            info.ArgumentList.Add(arg);
        // Small batches: many commit points, so kills land between and inside batches.
        info.Environment["Indexer__BatchBlocks"] = "5";
        info.Environment.Remove("ClickHouse__ConnectionString");
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host)) return host;
        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
