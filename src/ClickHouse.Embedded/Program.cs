using System.Runtime.InteropServices;
using Explorer.ClickHouse.Embedded;
using Microsoft.Extensions.Logging;

// dotnet Explorer.ClickHouse.Embedded.dll --port P --path DIR
// Serves ClickHouse's HTTP interface on 127.0.0.1:P over chDB with its data in DIR, in the foreground, until
// Ctrl-C or SIGTERM; then closes chDB cleanly. Prints "Listening on http://127.0.0.1:P/" once ready.
if (!HostArguments.TryParse(args, out var arguments, out var problem))
{
    await Console.Error.WriteLineAsync(problem);
    await Console.Error.WriteLineAsync("usage: Explorer.ClickHouse.Embedded --port P --path DIR");
    return 2;
}

using var stop = new CancellationTokenSource();
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });

var server = await EmbeddedClickHouseServer.StartAsync(new EmbeddedClickHouseOptions
{
    DataPath = arguments.DataPath,
    Port = arguments.Port,
    ConfigureLogging = logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information),
});
Console.WriteLine($"ClickHouse {server.Version} (chDB) data in {server.DataPath}");
Console.WriteLine($"Listening on {server.Uri}");
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    Console.WriteLine("Stopping");
}

await server.DisposeAsync();
EmbeddedClickHouseServer.ShutdownEngine();
Console.WriteLine("Stopped");
return 0;
