using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Explorer.ClickHouse.Embedded.Tests;

/// <summary>
/// The host run as its own process (<c>dotnet Explorer.ClickHouse.Embedded.dll --port 0 --path DIR</c>), as run.sh runs
/// it. A separate process is needed to restart chDB on the same folder: the test process already holds its one engine.
/// </summary>
public sealed partial class HostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly List<string> lines = [];

    private HostProcess(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Protocol=http;Username=default;Password=;Database=default";

    public string Output
    {
        get
        {
            lock (lines)
            {
                return string.Join('\n', lines);
            }
        }
    }

    public static async Task<HostProcess> StartAsync(string dataPath, CancellationToken cancellationToken)
    {
        var hostDll = Path.Combine(AppContext.BaseDirectory, "Explorer.ClickHouse.Embedded.dll");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { hostDll, "--port", "0", "--path", dataPath })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the host");
        var ready = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var host = new HostProcess(process, 0);
        process.OutputDataReceived += (_, e) => host.OnLine(e.Data, ready);
        process.ErrorDataReceived += (_, e) => host.OnLine(e.Data, ready);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _ = process.WaitForExitAsync(cancellationToken).ContinueWith(
            _ => ready.TrySetException(new InvalidOperationException("host exited before listening:\n" + host.Output)),
            TaskScheduler.Default);
        var port = await ready.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        var started = new HostProcess(process, port);
        lock (host.lines)
        {
            started.lines.AddRange(host.lines);
        }

        process.OutputDataReceived += (_, e) => started.OnLine(e.Data, null);
        process.ErrorDataReceived += (_, e) => started.OnLine(e.Data, null);
        return started;
    }

    /// <summary>Sends SIGTERM, as a service manager or Ctrl-C would, and waits for the exit code.</summary>
    public async Task<int> StopAsync(CancellationToken cancellationToken)
    {
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(cancellationToken);
            if (kill.ExitCode != 0)
            {
                throw new InvalidOperationException("kill -TERM failed");
            }
        }

        await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        return process.ExitCode;
    }

    /// <summary>Ends the process without any chance to clean up (SIGKILL).</summary>
    public async Task CrashAsync(CancellationToken cancellationToken)
    {
        process.Kill();
        await process.WaitForExitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            // Bounded, as tests/Shared/BcoinNode.cs: a dispose that never returns hangs the run outside any test.
            try { await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30)); }
            catch (TimeoutException) { }
        }

        process.Dispose();
    }

    private void OnLine(string? line, TaskCompletionSource<int>? ready)
    {
        if (line is null)
        {
            return;
        }

        lock (lines)
        {
            lines.Add(line);
        }

        var match = ListeningLine().Match(line);
        if (ready is not null && match.Success)
        {
            ready.TrySetResult(int.Parse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [GeneratedRegex(@"^Listening on http://127\.0\.0\.1:(\d+)/$")]
    private static partial Regex ListeningLine();
}
