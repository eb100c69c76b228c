using System.Globalization;
using Explorer.Fuzz;
using SharpFuzz;

// Verbs (see docs/fuzzing.md):
//   list                              targets and their seed counts
//   seeds <target> <dir>              writes the seed corpus as files (AFL input folder)
//   afl <target>                      SharpFuzz persistent AFL mode: run under afl-fuzz with an instrumented Protocols.dll
//   replay <target> <file|dir>...     runs saved inputs (e.g. AFL crashes) and prints any exception
//   mutate <target> <count> [seed]    in-process seeded mutation loop (no coverage feedback)
if (args.Length == 0) return Usage();
var verb = args[0];
if (verb == "list")
{
    var corpus = SeedCorpus.Load();
    foreach (var t in FuzzTargets.All) Console.WriteLine($"{t.Name,-16} {t.Seeds(corpus).Count,6} seeds  {t.Description}");
    return 0;
}
if (args.Length < 2) return Usage();
if (verb == "afl")
{
    // Instrumented code (Explorer.Protocols.dll, static constructors included) must not run before Fuzzer.Run has
    // set up AFL's shared coverage map, so the target is looked up inside the first call.
    var name = args[1];
    FuzzAction? run = null;
    Fuzzer.Run(stream =>
    {
        run ??= FuzzTargets.Find(name)?.Run ?? throw new ArgumentException($"unknown target {name}");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        run(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    });
    return 0;
}
var target = FuzzTargets.Find(args[1]);
if (target is null) { Console.Error.WriteLine($"unknown target {args[1]}"); return 2; }

switch (verb)
{
    case "seeds" when args.Length == 3:
    {
        Directory.CreateDirectory(args[2]);
        var seeds = target.Seeds(SeedCorpus.Load());
        for (var i = 0; i < seeds.Count; i++) File.WriteAllBytes(Path.Combine(args[2], $"seed-{i:D5}"), seeds[i]);
        Console.WriteLine($"{seeds.Count} seeds written to {args[2]}");
        return 0;
    }
    case "replay" when args.Length >= 3:
    {
        var failures = 0;
        var files = args.Skip(2).SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p) : [p]).Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            try
            {
                target.Run(File.ReadAllBytes(file));
            }
#pragma warning disable CA1031 // Every exception is reported.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures++;
                Console.WriteLine($"{file}: {Convert.ToHexStringLower(File.ReadAllBytes(file))}\n{ex}");
            }
        }
        Console.WriteLine($"replay {target.Name}: {failures} failing input(s)");
        return failures == 0 ? 0 : 1;
    }
    case "mutate" when args.Length >= 3:
    {
        var count = int.Parse(args[2], CultureInfo.InvariantCulture);
        var seed = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1;
        var report = MutationRun.Run(target, target.Seeds(SeedCorpus.Load()), count, seed, TimeSpan.FromSeconds(10));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"target={report.Target} execs={report.Executions} execs_per_sec={report.ExecutionsPerSecond:0} crashes={report.Exceptions} hang={report.Hung} seconds={report.Elapsed.TotalSeconds:0.0}"));
        foreach (var f in report.Findings) Console.WriteLine(f);
        return report.Exceptions == 0 && !report.Hung ? 0 : 1;
    }
    default:
        return Usage();
}

static int Usage()
{
    Console.Error.WriteLine("usage: Fuzz list | seeds <target> <dir> | afl <target> | replay <target> <file|dir>... | mutate <target> <count> [seed]");
    return 2;
}
