using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Explorer.Indexer.Tests.Faults;

/// <summary>
/// A loopback TCP proxy in front of a ClickHouse HTTP port, switchable at any moment (<see cref="Set"/>) between
/// forwarding and a fault (<see cref="ProxyFault"/>). A switch cuts every open connection (reset), so keep-alive
/// connections do not outlive the mode they were opened in; <see cref="ProxyFault.Refuse"/> closes the listening
/// socket, and the next switch listens again on the same port.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly IPEndPoint _upstream;
    private readonly Lock _gate = new();
    private readonly HashSet<Socket> _open = [];
    private Socket? _listener;
    private int _requestsFaulted;

    private FaultProxy(IPEndPoint upstream)
    {
        _upstream = upstream;
        _listener = Listen(0);
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        _ = AcceptLoopAsync(_listener);
    }

    public int Port { get; }

    public ProxyFault Fault { get; private set; }

    /// <summary>Requests answered with 500 or held unanswered so far.</summary>
    public int RequestsFaulted => Volatile.Read(ref _requestsFaulted);

    public static FaultProxy Start(int upstreamPort) => new(new IPEndPoint(IPAddress.Loopback, upstreamPort));

    public void Set(ProxyFault fault)
    {
        lock (_gate)
        {
            Fault = fault;
            foreach (var socket in _open) Reset(socket);
            _open.Clear();
            if (fault == ProxyFault.Refuse)
            {
                _listener?.Dispose();
                _listener = null;
            }
            else if (_listener is null)
            {
                _listener = Listen(Port);
                _ = AcceptLoopAsync(_listener);
            }
        }
    }

    private static Socket Listen(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
        socket.Listen(64);
        return socket;
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return; // listener closed (Refuse or dispose)
            }
            ProxyFault fault;
            lock (_gate)
            {
                fault = Fault;
                _open.Add(client);
            }
            _ = Task.Run(() => HandleAsync(client, fault));
        }
    }

    private async Task HandleAsync(Socket client, ProxyFault fault)
    {
        try
        {
            switch (fault)
            {
                case ProxyFault.None:
                    await ForwardAsync(client);
                    break;
                case ProxyFault.ServerError:
                    await AnswerServerErrorAsync(client);
                    break;
                default:
                    await HoldAsync(client);
                    break;
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException or OperationCanceledException)
        {
            // The connection was cut by a switch, by the client, or by the server.
        }
        finally
        {
            lock (_gate) _open.Remove(client);
            client.Dispose();
        }
    }

    private async Task ForwardAsync(Socket client)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        lock (_gate) _open.Add(server);
        try
        {
            await server.ConnectAsync(_upstream);
            var up = PumpAsync(client, server);
            var down = PumpAsync(server, client);
            await Task.WhenAny(up, down);
        }
        finally
        {
            lock (_gate) _open.Remove(server);
            server.Dispose();
        }
    }

    private static async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var n = await from.ReceiveAsync(buffer, SocketFlags.None);
            if (n == 0)
            {
                to.Shutdown(SocketShutdown.Send);
                return;
            }
            await to.SendAsync(buffer.AsMemory(0, n), SocketFlags.None);
        }
    }

    /// <summary>Reads the request (headers, then a Content-Length or chunked body unless the client waits for
    /// 100-continue) and answers 500 the way ClickHouse reports a server-side exception.</summary>
    private async Task AnswerServerErrorAsync(Socket client)
    {
        await using var stream = new NetworkStream(client, ownsSocket: false);
        var headers = await ReadHeadersAsync(stream);
        if (headers is null) return;
        if (!headers.Contains("expect: 100-continue", StringComparison.OrdinalIgnoreCase))
        {
            if (TryHeader(headers, "content-length", out var length))
                await SkipAsync(stream, long.Parse(length, CultureInfo.InvariantCulture));
            else if (TryHeader(headers, "transfer-encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
                await SkipChunkedAsync(stream);
        }
        Interlocked.Increment(ref _requestsFaulted);
        const string body = "Code: 241. DB::Exception: Memory limit (total) exceeded: injected by the test's fault proxy. (MEMORY_LIMIT_EXCEEDED)\n";
        var response = "HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain; charset=UTF-8\r\nX-ClickHouse-Exception-Code: 241\r\n" +
                       $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";
        await stream.WriteAsync(Encoding.UTF8.GetBytes(response));
        await stream.FlushAsync();
        client.Shutdown(SocketShutdown.Both);
    }

    /// <summary>Reads and discards whatever comes, never answers; ends when the client or a switch closes it.</summary>
    private async Task HoldAsync(Socket client)
    {
        Interlocked.Increment(ref _requestsFaulted);
        var buffer = new byte[16 * 1024];
        while (await client.ReceiveAsync(buffer, SocketFlags.None) > 0)
        {
        }
    }

    private static async Task<string?> ReadHeadersAsync(Stream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            if (await stream.ReadAsync(one) == 0) return null;
            bytes.Add(one[0]);
            if (bytes.Count >= 4 && bytes[^1] == '\n' && bytes[^2] == '\r' && bytes[^3] == '\n' && bytes[^4] == '\r')
                return Encoding.ASCII.GetString([.. bytes]);
        }
    }

    private static bool TryHeader(string headers, string name, out string value)
    {
        foreach (var line in headers.Split("\r\n"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                value = line[(colon + 1)..].Trim();
                return true;
            }
        }
        value = string.Empty;
        return false;
    }

    private static async Task SkipAsync(Stream stream, long count)
    {
        var buffer = new byte[16 * 1024];
        while (count > 0)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count)));
            if (n == 0) throw new EndOfStreamException();
            count -= n;
        }
    }

    private static async Task SkipChunkedAsync(Stream stream)
    {
        while (true)
        {
            var line = await ReadLineAsync(stream);
            var size = long.Parse(line.Split(';')[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                while ((await ReadLineAsync(stream)).Length > 0)
                {
                }
                return;
            }
            await SkipAsync(stream, size + 2);
        }
    }

    private static async Task<string> ReadLineAsync(Stream stream)
    {
        var builder = new StringBuilder();
        var one = new byte[1];
        while (true)
        {
            if (await stream.ReadAsync(one) == 0) throw new EndOfStreamException();
            if (one[0] == '\n') return builder.ToString().TrimEnd('\r');
            builder.Append((char)one[0]);
        }
    }

    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0); // close with RST, as a dropped connection
            socket.Close();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _listener?.Dispose();
            _listener = null;
            foreach (var socket in _open) Reset(socket);
            _open.Clear();
        }
        return ValueTask.CompletedTask;
    }
}
