using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Explorer.ChainForge.Live;

namespace Explorer.Tests.Shared;

/// <summary>
/// A bcoin 1.0.2 regtest node (scripts/setup-bcoin.sh installs it into BCOIN_HOME, default
/// ${XDG_CACHE_HOME:-$HOME/.cache}/explorer/bcoin), in memory, on a free port of 127.0.0.1 with a random API key and a
/// temporary prefix; stopped (its process only) on dispose. One file for the test projects that start one
/// (ChainForge.Tests, Indexer.Tests: linked by their project files). bcoin takes any RPC user and the API key as password. No wallet: its HTTP port is fixed, so two nodes could not run at once.
/// </summary>
public sealed class BcoinNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(120) };
    private readonly string _prefix;

    private BcoinNode(Process process, int port, string apiKey, string prefix)
    {
        _process = process;
        _prefix = prefix;
        Port = port;
        ApiKey = apiKey;
        Rpc = new NodeRpcClient(_http, new Uri($"http://127.0.0.1:{port}/"), "x", apiKey);
    }

    public NodeRpcClient Rpc { get; }

    public int Port { get; }

    public string ApiKey { get; }

    public string RpcUrl => $"http://127.0.0.1:{Port}/";

    public static string Home => Environment.GetEnvironmentVariable("BCOIN_HOME") is { Length: > 0 } home
        ? home
        : Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } cache
            ? cache
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "explorer", "bcoin");

    public static async Task<BcoinNode> StartAsync(CancellationToken ct)
    {
        var entry = Path.Combine(Home, "node_modules", "bcoin", "bin", "node");
        if (!File.Exists(entry))
            throw new InvalidOperationException($"bcoin is not installed at {Home}: run scripts/setup-bcoin.sh (or set BCOIN_HOME).");

        var port = FreePort();
        var apiKey = Guid.NewGuid().ToString("N");
        var prefix = Path.Combine(Path.GetTempPath(), "bcoin-" + apiKey);
        Directory.CreateDirectory(prefix);
        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
                 {
                     entry, "--network=regtest", "--memory=true", "--listen=false", "--only=127.0.0.1", "--workers=false",
                     "--index-tx=true", "--no-wallet=true", $"--api-key={apiKey}", $"--http-port={port}", "--http-host=127.0.0.1",
                     $"--prefix={prefix}", "--log-level=warning",
                 })
            info.ArgumentList.Add(arg);

        var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var node = new BcoinNode(process, port, apiKey, prefix);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            try
            {
                await node.Rpc.CallAsync("getblockcount", ct);
                return node;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(250, ct);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            // Bounded: WaitForExitAsync also waits for the redirected output to end, which a stray holder of the pipe
            // can keep open; a fixture's dispose that never returns hangs the test run where no per-test watchdog
            // (--blame-hang-timeout) looks.
            try { await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30)); }
            catch (TimeoutException) { }
        }
        _process.Dispose();
        _http.Dispose();
        if (Directory.Exists(_prefix)) Directory.Delete(_prefix, true);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
