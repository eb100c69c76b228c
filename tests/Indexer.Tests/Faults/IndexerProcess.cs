using System.Collections.Concurrent;
using System.Diagnostics;

namespace Explorer.Indexer.Tests.Faults;

/// <summary>
/// The built indexer (<c>dotnet exec Explorer.Indexer.dll index ...</c>, next to this assembly through the
/// ProjectReference) as a child process, its console lines collected with the time they arrived (the same way
/// KillRestartTests runs it).
/// </summary>
public sealed class IndexerProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<(DateTime At, string Line)> _lines = new();

    private IndexerProcess(Process process) => _process = process;

    public IReadOnlyList<(DateTime At, string Line)> Lines => [.. _lines];

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static IndexerProcess Start(string blocksDirectory, string clickhouse, string database, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
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
                     blocksDirectory, "--network", "regtest", "--clickhouse", clickhouse, "--database", database,
                 })
            info.ArgumentList.Add(arg);
        info.Environment.Remove("ClickHouse__ConnectionString");
        foreach (var (key, value) in environment) info.Environment[key] = value;
        var result = new IndexerProcess(Process.Start(info)!);
        result._process.OutputDataReceived += (_, e) => { if (e.Data is not null) result._lines.Enqueue((DateTime.UtcNow, e.Data)); };
        result._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) result._lines.Enqueue((DateTime.UtcNow, e.Data)); };
        result._process.BeginOutputReadLine();
        result._process.BeginErrorReadLine();
        return result;
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host)) return host;
        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
