using Explorer.BlockFiles;
using Explorer.Indexer.HostedServices;
using Explorer.Indexer.Pipeline;
using Explorer.Indexer.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Explorer.Indexer.Tests.Faults;

/// <summary>
/// Issue 10: a damaged blocks folder (a copy of the forged demo chain, 200 blocks, damaged at height 120). The rule
/// (docs/security.md, <see cref="MalformedBlockException"/>): a block of the active chain whose bytes do not parse,
/// whose transactions do not hash to its merkle root, or whose undo record is damaged while the next block's is
/// present, stops indexing for good (no retry loop) with one critical line naming file, offset and height, after the
/// blocks below it are written; nothing is written for it. An incomplete last record (a node writing) is not a block
/// yet: indexing ends below it, normally.
/// </summary>
[Trait("Category", "Integration")]
public sealed class MalformedBlockTests(ForgedChains chains) : IClassFixture<ForgedChains>, IDisposable
{
    private const int Damaged = 120;
    private readonly string _copy = Path.Combine(Path.GetTempPath(), "indexer-malformed-" + Guid.NewGuid().ToString("N"));

    [Fact(Timeout = 120_000)]
    public async Task Garbage_in_a_blocks_transactions_stops_indexing_below_it_naming_file_and_offset()
    {
        var record = Copy(out var blocks).Chain.ActiveChain[Damaged];
        // Keep the 80-byte header (so the record still links into the chain) and its transaction count; garble the rest.
        var garbage = new byte[record.Size - 81];
        new Random(10).NextBytes(garbage);
        Write(Path.Combine(blocks, "blk00000.dat"), record.DataOffset + 81, garbage);

        await AssertStopsAtAsync(blocks, record, "merkle root|does not parse");
    }

    [Fact(Timeout = 120_000)]
    public async Task A_damaged_undo_checksum_stops_indexing_below_the_block()
    {
        using var reader = Copy(out var blocks);
        var record = reader.Chain.ActiveChain[Damaged];
        Assert.True(reader.TryReadUndo(record, out _, out var undo));
        reader.Dispose();
        var checksumAt = undo!.DataOffset + undo.Size;
        var path = Path.Combine(blocks, "rev00000.dat");
        var b = File.ReadAllBytes(path);
        b[checksumAt] ^= 0xFF; // xor obfuscation is positional, so the de-obfuscated checksum flips too
        File.WriteAllBytes(path, b);

        await AssertStopsAtAsync(blocks, record, "undo record is missing or its checksum does not match");
    }

    [Fact(Timeout = 120_000)]
    public async Task A_record_cut_short_inside_the_file_stops_indexing_below_it()
    {
        var record = Copy(out var blocks).Chain.ActiveChain[Damaged];
        // Remove the second half of the block's bytes; the record's size field still claims the whole block, so it
        // runs into what follows.
        var path = Path.Combine(blocks, "blk00000.dat");
        var b = File.ReadAllBytes(path);
        var cut = record.DataOffset + record.Size / 2;
        File.WriteAllBytes(path, [.. b.AsSpan(0, (int)cut), .. b.AsSpan((int)(record.DataOffset + record.Size))]);

        await AssertStopsAtAsync(blocks, record, "merkle root|does not parse");
    }

    [Fact(Timeout = 120_000)]
    public async Task A_last_record_cut_off_by_the_end_of_the_file_is_not_a_block_yet_and_indexing_ends_below_it()
    {
        var active = Copy(out var blocks).Chain.ActiveChain;
        var last = active[^1];
        var path = Path.Combine(blocks, "blk00000.dat");
        var b = File.ReadAllBytes(path);
        File.WriteAllBytes(path, b.AsSpan(0, (int)(last.DataOffset + last.Size / 2)).ToArray());

        await using var harness = await IndexerHarness.CreateAsync("cut_last");
        var (service, logs) = await RunServiceAsync(harness, blocks);

        Assert.Null(service.Fatal);
        Assert.Equal(active.Length - 2, service.LastRun!.TipHeight);
        Assert.Equal((active.Length - 2, active[^2].Hash.ToString()), await harness.Store.ReadProgressAsync(CancellationToken.None));
        Assert.Equal(0UL, (await harness.QueryAsync<ulong>("SELECT count() FROM blocks WHERE height >= @h", new { h = active.Length - 1 })).Single());
        Assert.DoesNotContain(logs.Lines, l => l.Level >= LogLevel.Error);
    }

    private static async Task AssertStopsAtAsync(string blocks, BlockRecord record, string reasonPattern)
    {
        await using var harness = await IndexerHarness.CreateAsync("malformed");
        var (service, logs) = await RunServiceAsync(harness, blocks);

        var fatal = Assert.IsType<MalformedBlockException>(service.Fatal);
        Assert.Equal(Damaged, fatal.Height);
        Assert.Equal("blk00000.dat", fatal.File);
        Assert.Equal(record.DataOffset, fatal.Offset);
        Assert.Matches(reasonPattern, fatal.Message);
        // One clear line for the operator, and no retry loop.
        var critical = Assert.Single(logs.Lines, l => l.Level == LogLevel.Critical);
        Assert.Contains($"blk00000.dat offset {record.DataOffset}", critical.Text, StringComparison.Ordinal);
        Assert.Contains($"height {Damaged}", critical.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Lines, l => l.Level == LogLevel.Error);

        // Everything below the block is written and recorded; nothing of it or above, not even invisible rows.
        var progress = await harness.Store.ReadProgressAsync(CancellationToken.None);
        Assert.Equal(Damaged - 1, progress!.Value.Height);
        Assert.Equal((ulong)Damaged, (await harness.QueryAsync<ulong>("SELECT count() FROM blocks FINAL WHERE is_orphaned = 0")).Single());
        foreach (var table in new[] { "blocks", "colored_transactions", "colored_outputs", "asset_events", "counterparty_messages" })
            Assert.Equal(0UL, (await harness.QueryAsync<ulong>($"SELECT count() FROM {table} WHERE height >= @h", new { h = Damaged })).Single());

        // A second start on the same folder stops the same way at once, and writes nothing more.
        var (again, _) = await RunServiceAsync(harness, blocks);
        Assert.Equal(Damaged, Assert.IsType<MalformedBlockException>(again.Fatal).Height);
        Assert.Equal(progress, await harness.Store.ReadProgressAsync(CancellationToken.None));
    }

    private static async Task<(IndexerService Service, ListLogger<IndexerService> Logs)> RunServiceAsync(IndexerHarness harness, string blocks)
    {
        var options = IndexerHarness.Options_(batchBlocks: 7);
        options.BlocksDirectory = blocks;
        var logs = new ListLogger<IndexerService>();
        using var lifetime = new TestLifetime();
        var service = new IndexerService(harness.Indexer(options), Options.Create(options), lifetime, logs);
        await service.StartAsync(CancellationToken.None);
        await lifetime.Stopped.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await service.StopAsync(CancellationToken.None);
        service.Dispose();
        return (service, logs);
    }

    private BlocksFolderReader Copy(out string blocks)
    {
        blocks = Path.Combine(_copy, "blocks");
        Directory.CreateDirectory(blocks);
        foreach (var file in Directory.GetFiles(chains.Demo.BlocksDirectory))
            File.Copy(file, Path.Combine(blocks, Path.GetFileName(file)));
        return BlocksFolderReader.Open(blocks, NetworkMagic.RegTest);
    }

    private static void Write(string path, long offset, byte[] bytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write);
        stream.Position = offset;
        stream.Write(bytes);
    }

    public void Dispose()
    {
        if (Directory.Exists(_copy)) Directory.Delete(_copy, recursive: true);
    }
}
