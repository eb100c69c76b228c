using System.Diagnostics;

namespace Explorer.Fuzz;

/// <summary>
/// Replays a target's seeds, then <c>count</c> seeded mutations, in process on a worker thread watched by a per-call
/// watchdog: an exception is recorded with its input, a call that does not end within <c>perCall</c> stops the run
/// as a hang. Used by tests/Fuzz.Tests (short, deterministic) and by <c>Fuzz mutate</c> (long).
/// </summary>
public static class MutationRun
{
    public const int MaxRecordedFindings = 10;

    public static MutationReport Run(FuzzTarget target, IReadOnlyList<byte[]> seeds, int count, int seed, TimeSpan perCall)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(seeds);
        var findings = new List<string>();
        long calls = 0;
        long exceptions = 0;
        byte[] current = [];
        var stopwatch = Stopwatch.StartNew();
        var worker = new Thread(() =>
        {
            var mutator = new Mutator(seed, seeds);
            for (var i = 0; i < seeds.Count + count; i++)
            {
                var input = i < seeds.Count ? seeds[i] : mutator.Next(target.Kind);
                Volatile.Write(ref current, input);
                try
                {
                    target.Run(input);
                }
#pragma warning disable CA1031 // Every exception is a finding to record, whatever its type.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    Interlocked.Increment(ref exceptions);
                    lock (findings)
                        if (findings.Count < MaxRecordedFindings)
                            findings.Add($"{target.Name} input {Convert.ToHexStringLower(input)}: {ex}");
                }
                Interlocked.Increment(ref calls);
            }
        }, 16 * 1024 * 1024) { IsBackground = true, Name = "fuzz " + target.Name };
        worker.Start();

        long lastCalls = -1;
        var lastProgress = Stopwatch.StartNew();
        var step = TimeSpan.FromMilliseconds(Math.Min(250, perCall.TotalMilliseconds));
        while (!worker.Join(step))
        {
            var now = Interlocked.Read(ref calls);
            if (now != lastCalls) { lastCalls = now; lastProgress.Restart(); continue; }
            if (lastProgress.Elapsed < perCall) continue;
            // The worker is stuck in one call: report the input; the background thread is abandoned.
            var hung = Volatile.Read(ref current);
            findings.Add($"{target.Name} HANG (> {perCall.TotalSeconds:0.#} s) on input {Convert.ToHexStringLower(hung)}");
            return new MutationReport(target.Name, now, Interlocked.Read(ref exceptions), true, stopwatch.Elapsed, findings);
        }
        return new MutationReport(target.Name, calls, exceptions, false, stopwatch.Elapsed, findings);
    }
}
