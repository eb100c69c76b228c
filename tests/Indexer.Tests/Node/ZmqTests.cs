using System.Buffers.Binary;
using System.Diagnostics;
using Explorer.Indexer.Configuration;
using Explorer.Indexer.Sources;
using Microsoft.Extensions.Logging.Abstractions;
using NetMQ;
using NetMQ.Sockets;

namespace Explorer.Indexer.Tests.Node;

/// <summary>
/// Tip following by ZMQ against a NetMQ publisher that speaks Bitcoin Core's format (doc/zmq.md in Core: three
/// frames, topic, body, 4-byte little-endian sequence number; <c>sequence</c> bodies are a 32-byte hash, a label C/D/R/A
/// and, for R/A, an 8-byte mempool sequence): block topics wake the tip watcher at once (no poll), mempool topics
/// wake the mempool service, malformed messages are ignored, gaps in a topic's numbering are logged.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ZmqTests
{
    [Theory]
    [InlineData("hashblock", 32, '\0', true, false)]
    [InlineData("rawblock", 200, '\0', true, false)]
    [InlineData("rawtx", 120, '\0', false, true)]
    [InlineData("hashtx", 32, '\0', false, true)]
    [InlineData("sequence", 33, 'C', true, false)]
    [InlineData("sequence", 33, 'D', true, false)]
    [InlineData("sequence", 41, 'A', false, true)]
    [InlineData("sequence", 41, 'R', false, true)]
    public void Notifications_are_read_in_cores_format(string topic, int bodyLength, char label, bool block, bool mempool)
    {
        var body = new byte[bodyLength];
        if (label != '\0') body[32] = (byte)label;
        var note = ZmqNotification.TryParse([System.Text.Encoding.ASCII.GetBytes(topic), body, Seq(7)]);
        Assert.NotNull(note);
        Assert.Equal((topic, 7u, block, mempool), (note.Topic, note.Sequence, note.IsBlock, note.IsMempool));
    }

    [Fact]
    public void Malformed_messages_are_refused()
    {
        Assert.Null(ZmqNotification.TryParse([[1, 2], new byte[32]]));
        Assert.Null(ZmqNotification.TryParse([System.Text.Encoding.ASCII.GetBytes("hashblock"), new byte[32], [1, 2, 3]]));
        Assert.Null(ZmqNotification.TryParse([[], new byte[32], Seq(1)]));
    }

    [Fact(Timeout = 60_000)]
    public async Task Publisher_messages_wake_the_tip_watcher_and_the_mempool_without_polling()
    {
        var port = BcoinNode.FreePort();
        using var publisher = new PublisherSocket();
        publisher.Bind($"tcp://127.0.0.1:{port}");
        var options = new IndexerOptions { Network = "regtest", ZmqAddress = $"tcp://127.0.0.1:{port}", PollSeconds = 3600, RpcUrl = "http://127.0.0.1:1/" };
        var logger = new ListLogger<ZmqListener>();
        using var listener = new ZmqListener(options, logger);
        await listener.StartAsync(CancellationToken.None);
        try
        {
            // ZMQ subscriptions reach the publisher asynchronously ("slow joiner"): publish until one arrives.
            uint seq = 0;
            using (var first = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            {
                var read = listener.Blocks.ReadAsync(first.Token).AsTask();
                while (!read.IsCompleted)
                {
                    Send(publisher, "hashblock", new byte[32], seq++);
                    await Task.WhenAny(read, Task.Delay(100));
                }
                await read;
            }
            await Task.Delay(300); // let the warm-up notifications drain, then empty both signals
            while (listener.Blocks.TryRead(out _)) { }
            while (listener.Mempool.TryRead(out _)) { }

            // A mempool notification wakes the mempool, not the tip watcher.
            Send(publisher, "rawtx", new byte[100], 0);
            using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
                await listener.Mempool.ReadAsync(timeout.Token);
            Assert.False(listener.Blocks.TryRead(out _));

            // A malformed message is ignored; a block notification ends the watcher's wait at once (no poll; the
            // client factory would throw), and its jump in the hashblock numbering is logged.
            publisher.SendMoreFrame("hashblock").SendFrame(new byte[32]);
            var before = listener.Messages;
            var watcher = new TipWatcher(options, listener, NullLogger<TipWatcher>.Instance);
            var wait = watcher.WaitForNewTipAsync(() => throw new InvalidOperationException("polled"), indexedTip: null, CancellationToken.None);
            Send(publisher, "hashblock", new byte[32], seq + 5);
            await wait.WaitAsync(TimeSpan.FromSeconds(10)); // a hang guard, not a speed check: no poll is what is asserted
            Assert.Equal(0, watcher.Polls);
            Assert.Equal(before + 1, listener.Messages);
            Assert.Contains(logger.Lines, l => l.Contains("ZMQ: ignored a malformed message of 2 frames", StringComparison.Ordinal));
            Assert.Contains($"ZMQ: topic hashblock jumped from sequence {seq - 1} to {seq + 5}", string.Join("\n", logger.Lines), StringComparison.Ordinal);
        }
        finally
        {
            await listener.StopAsync(CancellationToken.None);
        }
    }

    private static void Send(PublisherSocket publisher, string topic, byte[] body, uint sequence) =>
        publisher.SendMoreFrame(topic).SendMoreFrame(body).SendFrame(Seq(sequence));

    private static byte[] Seq(uint n)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, n);
        return bytes;
    }
}
