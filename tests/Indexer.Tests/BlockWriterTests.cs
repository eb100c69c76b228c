using System.Threading.Channels;
using Explorer.Indexer.Pipeline;
using Explorer.Indexer.Storage;
using Explorer.Indexer.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Explorer.Indexer.Tests;

/// <summary>
/// The write stage (<see cref="BlockWriter"/>): blocks are serialized into a batch as they arrive and a sender writes
/// full batches while the next one fills. Batches and rollbacks are written in the order they came; a failure of the
/// sender (a rollback to a block never indexed) is what <c>RunAsync</c> reports, after what came before it was written,
/// and the reader does not wait forever for room; a failure of the state stage is reported after the blocks it
/// completed are written, progress included.
/// </summary>
public sealed class BlockWriterTests
{
    [Fact(Timeout = 120_000)]
    public async Task Batches_and_rollbacks_are_written_in_order()
    {
        await using var harness = await IndexerHarness.CreateAsync("writer_order");
        var options = IndexerHarness.Options_(batchBlocks: 2);
        var writer = new BlockWriter(harness.Store, options, new VersionClock(), NullLogger<BlockWriter>.Instance, 10);
        var items = Channel.CreateUnbounded<WriteItem>();
        for (var h = 0; h < 5; h++) items.Writer.TryWrite(new WriteItem.Rows(Block(h)));
        // Back to block 2 (its child is the parent of the next block), then a new block 3.
        var done = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        items.Writer.TryWrite(new WriteItem.Rollback(Hash(2), done));
        items.Writer.TryWrite(new WriteItem.Rows(Block(3, "b")));
        items.Writer.Complete();

        await writer.RunAsync(items.Reader, CancellationToken.None);

        Assert.Equal(2, await done.Task);
        Assert.Equal((3, Hash(3, "b")), await harness.Store.ReadProgressAsync(CancellationToken.None));
        var visible = await harness.QueryAsync<string>("SELECT hash FROM blocks FINAL WHERE is_orphaned = 0 ORDER BY height");
        Assert.Equal([Hash(0), Hash(1), Hash(2), Hash(3, "b")], visible);
        Assert.Equal(6, writer.Stats.Blocks);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_failed_rollback_is_reported_after_the_blocks_before_it_are_written()
    {
        await using var harness = await IndexerHarness.CreateAsync("writer_fail");
        var writer = new BlockWriter(harness.Store, IndexerHarness.Options_(batchBlocks: 1), new VersionClock(), NullLogger<BlockWriter>.Instance, 10);
        // Bounded like the indexer's channel: the reader must not wait forever for a sender that has stopped.
        var items = Channel.CreateBounded<WriteItem>(2);
        var run = writer.RunAsync(items.Reader, CancellationToken.None);
        await items.Writer.WriteAsync(new WriteItem.Rows(Block(0)));
        await items.Writer.WriteAsync(new WriteItem.Rollback(Hash(7, "never"), new TaskCompletionSource<int>()));
        // Blocks after it, until the writer stops taking them.
        var feeding = Task.Run(async () =>
        {
            try
            {
                for (var h = 1; h < 50; h++) await items.Writer.WriteAsync(new WriteItem.Rows(Block(h)));
                items.Writer.Complete();
            }
            catch (ChannelClosedException) { }
        });

        var failure = await Assert.ThrowsAsync<IndexerException>(() => run);
        Assert.Contains("never indexed", failure.Message, StringComparison.Ordinal);
        Assert.Equal((0, Hash(0)), await harness.Store.ReadProgressAsync(CancellationToken.None));
        items.Writer.TryComplete();
        await feeding;
    }

    [Fact(Timeout = 120_000)]
    public async Task A_failed_state_stage_is_reported_after_its_complete_blocks_are_written()
    {
        await using var harness = await IndexerHarness.CreateAsync("writer_state");
        var writer = new BlockWriter(harness.Store, IndexerHarness.Options_(batchBlocks: 100), new VersionClock(), NullLogger<BlockWriter>.Instance, 10);
        var items = Channel.CreateUnbounded<WriteItem>();
        for (var h = 0; h < 3; h++) items.Writer.TryWrite(new WriteItem.Rows(Block(h)));
        items.Writer.Complete(new InvalidDataException("block 3 is malformed"));

        var failure = await Assert.ThrowsAsync<InvalidDataException>(() => writer.RunAsync(items.Reader, CancellationToken.None));
        Assert.Equal("block 3 is malformed", failure.Message);
        Assert.Equal((2, Hash(2)), await harness.Store.ReadProgressAsync(CancellationToken.None));
    }

    private static string Hash(int height, string branch = "a") => $"{branch}{height:D63}"[..64];

    private static BlockRows Block(int height, string branch = "a")
    {
        var parent = height == 0 ? NBitcoin.uint256.Zero.ToString() : Hash(height - 1, height == 3 && branch == "b" ? "a" : branch);
        return new BlockRows(new BlockRow((uint)height, Hash(height, branch), parent, new DateTime(2026, 1, 1, 0, 0, height, DateTimeKind.Utc), 1, 100, 0), 100);
    }
}
