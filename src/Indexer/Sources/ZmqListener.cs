using System.Threading.Channels;
using Explorer.Indexer.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NetMQ;
using NetMQ.Sockets;

namespace Explorer.Indexer.Sources;

/// <summary>
/// Subscribes to the node's ZMQ publisher (<see cref="IndexerOptions.ZmqAddress"/>) and turns its messages into two
/// wake-up signals, one for new blocks and one for the mempool. A gap in a topic's sequence numbers (messages lost:
/// ZMQ drops when a queue is full) is logged; nothing depends on every message arriving, since the waiters also poll.
/// Without an address it does nothing.
/// </summary>
public sealed partial class ZmqListener(IndexerOptions options, ILogger<ZmqListener> logger) : BackgroundService
{
    private static readonly string[] Topics = ["hashblock", "rawblock", "sequence", "rawtx", "hashtx"];

    private readonly Channel<bool> _blocks = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Channel<bool> _mempool = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Dictionary<string, uint> _lastSequence = [];
    private long _messages;

    public bool Enabled => !string.IsNullOrEmpty(options.ZmqAddress);

    /// <summary>Well-formed notifications received.</summary>
    public long Messages => Interlocked.Read(ref _messages);

    public ChannelReader<bool> Blocks => _blocks.Reader;

    public ChannelReader<bool> Mempool => _mempool.Reader;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled) return Task.CompletedTask;
        return Task.Factory.StartNew(() => Receive(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private void Receive(CancellationToken ct)
    {
        using var socket = new SubscriberSocket();
        socket.Options.ReceiveHighWatermark = 10_000;
        socket.Connect(options.ZmqAddress!);
        foreach (var topic in Topics) socket.Subscribe(topic);
        LogSubscribed(logger, options.ZmqAddress!);
        var frames = new List<byte[]>(3);
        while (!ct.IsCancellationRequested)
        {
            frames.Clear();
            if (!socket.TryReceiveFrameBytes(TimeSpan.FromMilliseconds(250), out var first, out var more)) continue;
            frames.Add(first);
            while (more && frames.Count < 8) frames.Add(socket.ReceiveFrameBytes(out more));
            while (more) socket.ReceiveFrameBytes(out more);
            if (ZmqNotification.TryParse(frames) is not { } note)
            {
                LogMalformed(logger, frames.Count);
                continue;
            }
            Interlocked.Increment(ref _messages);
            if (_lastSequence.TryGetValue(note.Topic, out var last) && note.Sequence != unchecked(last + 1))
                LogGap(logger, note.Topic, last, note.Sequence);
            _lastSequence[note.Topic] = note.Sequence;
            if (note.IsBlock) _blocks.Writer.TryWrite(true);
            if (note.IsMempool) _mempool.Writer.TryWrite(true);
        }
    }

    [LoggerMessage(EventId = 410, Level = LogLevel.Information, Message = "ZMQ: subscribed to {Address}")]
    private static partial void LogSubscribed(ILogger logger, string address);

    [LoggerMessage(EventId = 411, Level = LogLevel.Warning, Message = "ZMQ: ignored a malformed message of {Frames} frames")]
    private static partial void LogMalformed(ILogger logger, int frames);

    [LoggerMessage(EventId = 412, Level = LogLevel.Warning, Message = "ZMQ: topic {Topic} jumped from sequence {Last} to {Sequence} (messages lost; polling covers them)")]
    private static partial void LogGap(ILogger logger, string topic, uint last, uint sequence);
}
