using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Explorer.Indexer.Tests.Faults;

/// <summary>
/// The embedded ClickHouse host (<c>Explorer.ClickHouse.Embedded.dll --port 0 --path DIR</c>, what
/// <c>./run.sh clickhouse</c> runs) as a child process, so that it can live on its own data folder (chDB runs one
/// engine per process, and the test process already has one). Stopped with SIGTERM on dispose (killed if it hangs).
/// </summary>
public sealed class EmbeddedHostProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private EmbeddedHostProcess(Process process) => _process = process;

    public int Port { get; private set; }

    public IReadOnlyList<string> Lines => [.. _lines];

    public bool HasExited => _process.HasExited;

    public string ConnectionString(string database) =>
        string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Protocol=http;Username=default;Password=;Database={database}");

    public static async Task<EmbeddedHostProcess> StartAsync(string dataPath)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Explorer.ClickHouse.Embedded.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build tests/Indexer.Tests (it references src/ClickHouse.Embedded)");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "exec", "--runtimeconfig", Path.ChangeExtension(dll, ".runtimeconfig.json"), dll, "--port", "0", "--path", dataPath })
            info.ArgumentList.Add(arg);
        var host = new EmbeddedHostProcess(Process.Start(info)!);
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        host._process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            host._lines.Enqueue(e.Data);
            const string prefix = "Listening on ";
            if (e.Data.StartsWith(prefix, StringComparison.Ordinal)) listening.TrySetResult(new Uri(e.Data[prefix.Length..]).Port);
        };
        host._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) host._lines.Enqueue(e.Data); };
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        _ = host._process.WaitForExitAsync().ContinueWith(_ => listening.TrySetException(
            new InvalidOperationException("the embedded host exited: " + string.Join('\n', host.Lines))), TaskScheduler.Default);
        host.Port = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return host;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])) kill.WaitForExit();
            if (!_process.WaitForExit(15_000)) _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }
}
