using System.Net;
using System.Net.Sockets;

namespace Explorer.Indexer.Tests.Node;

/// <summary>
/// A TCP proxy on a free loopback port in front of a node. Connection k (0-based, in accept order) is cut, both
/// ways, after <see cref="CutAfter"/>(k) bytes of the node's answer have been passed on (null: never cut), so the
/// client sees the node vanish in the middle of an answer (a raw block, a getblock reply, ...).
/// </summary>
public sealed class CuttingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly int _targetPort;
    private readonly Task _accepting;
    private int _connections;
    private int _cuts;

    public CuttingProxy(int targetPort, Func<int, long?> cutAfter)
    {
        _targetPort = targetPort;
        CutAfter = cutAfter;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Func<int, long?> CutAfter { get; }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Connections => Volatile.Read(ref _connections);

    public int Cuts => Volatile.Read(ref _cuts);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            catch (SocketException) { return; }
            var index = Interlocked.Increment(ref _connections) - 1;
            _ = Task.Run(() => PumpAsync(client, CutAfter(index)));
        }
    }

    private async Task PumpAsync(TcpClient client, long? cutAfter)
    {
        using var _ = client;
        using var upstream = new TcpClient();
        try
        {
            await upstream.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
            using var both = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var up = client.GetStream().CopyToAsync(upstream.GetStream(), both.Token);
            var down = CopyAsync(upstream.GetStream(), client.GetStream(), cutAfter, both.Token);
            await Task.WhenAny(up, down);
            await both.CancelAsync();
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException) { }
        // Linger 0: a reset, as when a node process dies.
        client.Client.LingerState = new LingerOption(true, 0);
    }

    private async Task CopyAsync(Stream from, Stream to, long? cutAfter, CancellationToken ct)
    {
        var buffer = new byte[8192];
        long passed = 0;
        while (true)
        {
            var read = await from.ReadAsync(buffer, ct);
            if (read == 0) return;
            if (cutAfter is { } limit && passed + read >= limit)
            {
                await to.WriteAsync(buffer.AsMemory(0, (int)(limit - passed)), ct);
                await to.FlushAsync(ct);
                Interlocked.Increment(ref _cuts);
                return;
            }
            await to.WriteAsync(buffer.AsMemory(0, read), ct);
            passed += read;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _accepting; } catch (OperationCanceledException) { }
        _listener.Dispose();
        _stop.Dispose();
    }
}
