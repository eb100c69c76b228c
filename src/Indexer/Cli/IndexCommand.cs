using System.CommandLine;
using Explorer.ClickHouse.Embedded;
using Explorer.Indexer.Configuration;
using Explorer.Indexer.HostedServices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Explorer.Indexer.Cli;

/// <summary>
/// <c>index --blocks-dir DIR | --rpc URL [--rpc-user U --rpc-password P | --rpc-cookie FILE] [--zmq ADDR] [--network NET]
/// [--clickhouse URL] [--follow] [--start-openassets N] [--start-colu N] [--start-counterparty N] [--metrics-port P]</c>: indexes a Bitcoin Core blocks folder, a node (JSON-RPC/REST), or the folder then
/// the node from the folder's tip, into ClickHouse (docs/indexer.md). Without --clickhouse: ClickHouse__ConnectionString when set,
/// otherwise the embedded store on .data/clickhouse. Exit 0 at the tip (without --follow).
/// </summary>
public static class IndexCommand
{
    public static Command Create()
    {
        var blocksDir = new Option<string?>("--blocks-dir") { Description = "Bitcoin Core blocks folder (blk/rev/xor.dat)" };
        var rpc = new Option<string?>("--rpc") { Description = "node JSON-RPC URL (Bitcoin Core or bcoin), e.g. http://127.0.0.1:8332" };
        var rpcUser = new Option<string?>("--rpc-user") { Description = "RPC user" };
        var rpcPassword = new Option<string?>("--rpc-password") { Description = "RPC password (bcoin: the API key)" };
        var rpcCookie = new Option<string?>("--rpc-cookie") { Description = "Bitcoin Core's .cookie file" };
        var zmq = new Option<string?>("--zmq") { Description = "node ZMQ publisher for tip following, e.g. tcp://127.0.0.1:28332 (default: polling)" };
        var network = new Option<string>("--network") { Description = "main, test, testnet4, signet or regtest", DefaultValueFactory = _ => "main" };
        var clickhouse = new Option<string?>("--clickhouse") { Description = "ClickHouse URL (http://user:pass@host:8123) or connection string" };
        var follow = new Option<bool>("--follow") { Description = "keep following the tip" };
        var data = new Option<string>("--data") { Description = "embedded store folder", DefaultValueFactory = _ => Path.Combine(".data", "clickhouse") };
        var database = new Option<string>("--database") { Description = "ClickHouse database", DefaultValueFactory = _ => "explorer" };
        // Given flags override Indexer:StartHeights:* and Indexer:MetricsPort from the environment; absent ones leave them alone.
        var startOpenAssets = new Option<int?>("--start-openassets") { Description = "first height decoded for Open Assets (default 0)" };
        var startColu = new Option<int?>("--start-colu") { Description = "first height decoded for Colu (default 0)" };
        var startCounterparty = new Option<int?>("--start-counterparty") { Description = "first height decoded for Counterparty (default 0)" };
        var metricsPort = new Option<int?>("--metrics-port") { Description = "serve /health and /metrics on 127.0.0.1:PORT (default: off)" };
        var noMerkle = new Option<bool>("--no-merkle-check")
        {
            Description = "trust the node's blocks as Bitcoin Core does when it reads its own back: skip the merkle-root check of "
                + "every block (faster; a damaged blk file is then not refused, docs/security.md)",
        };

        var command = new Command("index", "Index a Bitcoin Core blocks folder (or node) into ClickHouse")
        {
            blocksDir, rpc, rpcUser, rpcPassword, rpcCookie, zmq, network, clickhouse, follow, data, database,
            startOpenAssets, startColu, startCounterparty, metricsPort, noMerkle,
        };
        command.SetAction(async (parse, ct) =>
        {
            var dir = parse.GetValue(blocksDir);
            var rpcUrl = parse.GetValue(rpc);
            if (dir is null && rpcUrl is null)
            {
                await Console.Error.WriteLineAsync("index: give --blocks-dir DIR and/or --rpc URL");
                return 2;
            }
            if (rpcUrl is not null && (!Uri.TryCreate(rpcUrl, UriKind.Absolute, out var rpcUri) || rpcUri.Scheme is not ("http" or "https")))
            {
                await Console.Error.WriteLineAsync("index: --rpc must be an http(s) URL, e.g. http://127.0.0.1:8332");
                return 2;
            }
            var cookie = parse.GetValue(rpcCookie);
            if (cookie is not null && !File.Exists(cookie))
            {
                await Console.Error.WriteLineAsync($"index: RPC cookie file '{cookie}' does not exist");
                return 2;
            }
            var zmqAddress = parse.GetValue(zmq);
            if (zmqAddress is not null && !zmqAddress.StartsWith("tcp://", StringComparison.Ordinal) && !zmqAddress.StartsWith("ipc://", StringComparison.Ordinal))
            {
                await Console.Error.WriteLineAsync("index: --zmq must be a tcp:// or ipc:// address");
                return 2;
            }
            if (dir is not null && !Directory.Exists(dir))
            {
                await Console.Error.WriteLineAsync($"index: blocks folder '{dir}' does not exist");
                return 2;
            }
            var networkName = parse.GetValue(network) ?? "main";
            if (!ChainNetwork.TryResolve(networkName, out _))
            {
                await Console.Error.WriteLineAsync("index: --network must be main, test, testnet4, signet or regtest");
                return 2;
            }

            var operations = new Dictionary<string, string?>();
            foreach (var (option, key) in new[] { (startOpenAssets, "Indexer:StartHeights:OpenAssets"), (startColu, "Indexer:StartHeights:Colu"),
                (startCounterparty, "Indexer:StartHeights:Counterparty") })
            {
                if (parse.GetValue(option) is not { } start) continue;
                if (start < 0)
                {
                    await Console.Error.WriteLineAsync($"index: {option.Name} must be a height, 0 or more");
                    return 2;
                }
                operations[key] = start.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            if (parse.GetValue(metricsPort) is { } port)
            {
                if (port is < 1 or > 65535)
                {
                    await Console.Error.WriteLineAsync("index: --metrics-port must be a TCP port, 1 to 65535");
                    return 2;
                }
                operations["Indexer:MetricsPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (parse.GetValue(noMerkle)) operations["Indexer:VerifyMerkleRoot"] = "false";

            EmbeddedClickHouseServer? embedded = null;
            string connectionString;
            var given = parse.GetValue(clickhouse) ?? Environment.GetEnvironmentVariable("ClickHouse__ConnectionString");
            if (given is not null)
            {
                if (!ClickHouseAddress.TryToConnectionString(given, out connectionString))
                {
                    await Console.Error.WriteLineAsync("index: --clickhouse must be an http(s) URL or a connection string");
                    return 2;
                }
            }
            else
            {
                embedded = await EmbeddedClickHouseServer.StartAsync(parse.GetValue(data)!, 0, ct);
                connectionString = embedded.ConnectionString;
                await Console.Out.WriteLineAsync($"embedded ClickHouse {embedded.Version} on {embedded.DataPath} ({embedded.Uri})");
            }
            try
            {
                return await RunAsync(new Dictionary<string, string?>(operations)
                {
                    ["ClickHouse:ConnectionString"] = connectionString,
                    ["ClickHouse:Database"] = parse.GetValue(database),
                    ["Indexer:BlocksDirectory"] = dir is null ? null : Path.GetFullPath(dir),
                    ["Indexer:RpcUrl"] = rpcUrl,
                    ["Indexer:RpcUser"] = parse.GetValue(rpcUser),
                    ["Indexer:RpcPassword"] = parse.GetValue(rpcPassword),
                    ["Indexer:RpcCookieFile"] = cookie is null ? null : Path.GetFullPath(cookie),
                    ["Indexer:ZmqAddress"] = zmqAddress,
                    ["Indexer:Network"] = networkName,
                    ["Indexer:Follow"] = parse.GetValue(follow) ? "true" : "false",
                }, ct);
            }
            finally
            {
                if (embedded is not null) await embedded.DisposeAsync();
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(Dictionary<string, string?> settings, CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        builder.Logging.AddFilter("System.Net.Http", LogLevel.Warning);
        builder.AddIndexer();
        using var host = builder.Build();
        IndexerService service;
        try
        {
            service = host.Services.GetRequiredService<IndexerService>();
            await host.RunAsync(ct);
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException ex)
        {
            // Settings from appsettings.json or the environment (Indexer__StartHeights__Colu=-1, ...) that are refused.
            await Console.Error.WriteLineAsync($"index: {ex.Message}");
            return 2;
        }
        if (service.Fatal is not null) return 1;
        if (service.LastRun is { } run)
            await Console.Out.WriteLineAsync(
                $"indexed to height {run.TipHeight}: {run.Blocks} blocks, {run.Transactions} transactions ({run.ColoredTransactions} colored) " +
                $"in {run.Elapsed.TotalSeconds:F1} s = {run.BlocksPerSecond:F1} blocks/s, {run.MegabytesPerSecond:F2} MB/s, {run.TransactionsPerSecond:F0} tx/s");
        return service.LastRun is null && !ct.IsCancellationRequested ? 1 : 0;
    }
}
