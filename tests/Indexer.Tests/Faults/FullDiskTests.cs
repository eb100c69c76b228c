using System.Diagnostics;
using System.Text.RegularExpressions;
using Explorer.Indexer.HostedServices;
using Explorer.Indexer.Pipeline;
using Explorer.Indexer.Tests.Support;
using Explorer.Storage.Configuration;
using Explorer.Storage.Migrations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace Explorer.Indexer.Tests.Faults;

/// <summary>
/// Issue 10: the embedded ClickHouse host (child process) keeps its data on a 64 MB tmpfs; after the migrations a
/// ballast file leaves it 3 MB (room for the first batches only), and the indexer service indexes the forged demo chain (200 blocks) into it. The
/// writes fail for lack of space: the log says so, the writer backs off, progress does not move, the host does not
/// crash. Once the ballast is deleted the same run completes: tables identical to a run on a roomy store, equal to the
/// truth.
/// </summary>
[Trait("Category", "Integration")]
[Collection(ChildProcessFaultsCollection.Name)]
public sealed partial class FullDiskTests(ForgedChains chains, ITestOutputHelper output) : IClassFixture<ForgedChains>
{
    [Fact(Timeout = 300_000)]
    public async Task A_full_disk_is_retried_without_progress_and_the_run_completes_once_space_is_freed()
    {
        await using var reference = await IndexerHarness.CreateAsync("fulldisk_ref");
        using (var source = BlocksFolderSource.Open(chains.Demo.BlocksDirectory, BlockFiles.NetworkMagic.RegTest))
            await reference.Indexer(IndexerHarness.Options_(batchBlocks: 5)).RunOnceAsync(source, CancellationToken.None);

        using var disk = SmallDisk.Mount(64);
        using var host = await EmbeddedHostProcess.StartAsync(Path.Combine(disk.Path_, "clickhouse"));
        const string database = "idx_fulldisk";
        await new MigrationRunner(Options.Create(new ClickHouseOptions
        {
            ConnectionString = host.ConnectionString("default"),
            Database = database,
            MigrationsPath = Path.Combine(AppContext.BaseDirectory, "sql"),
        }), NullLogger<MigrationRunner>.Instance).ApplyAsync(CancellationToken.None);
        await using var harness = IndexerHarness.Attach(database, host.ConnectionString(database));
        disk.FillLeaving(3 << 20); // room for the first batches only
        output.WriteLine($"free after the ballast: {disk.Available} bytes");

        var options = IndexerHarness.Options_(batchBlocks: 5);
        options.BlocksDirectory = chains.Demo.BlocksDirectory;
        var writerLogs = new ListLogger<BlockWriter>();
        var serviceLogs = new ListLogger<IndexerService>();
        using var lifetime = new TestLifetime();
        using var service = new IndexerService(new ChainIndexer(harness.Store, options, NullLogger<ChainIndexer>.Instance, writerLogs),
            Options.Create(options), lifetime, serviceLogs);
        await service.StartAsync(CancellationToken.None);

        await WaitForAsync(() => Failures(writerLogs, serviceLogs).Count >= 1, "the first failure");
        var atFirst = await harness.Store.ReadProgressAsync(CancellationToken.None);
        await WaitForAsync(() => Failures(writerLogs, serviceLogs).Count >= 6, "six failures");
        var atLast = await harness.Store.ReadProgressAsync(CancellationToken.None);
        var failures = Failures(writerLogs, serviceLogs);
        foreach (var line in failures) output.WriteLine(line);
        output.WriteLine($"progress at the 1st failure {atFirst}, at the 6th {atLast}");

        Assert.False(host.HasExited, "the embedded host crashed:\n" + string.Join('\n', host.Lines.TakeLast(20)));
        Assert.False(lifetime.Stopped.Task.IsCompleted, "indexing gave up");
        Assert.NotNull(atFirst); // the disk filled up mid-run
        // Between failures ClickHouse's background merges can free a little space, so a batch may get through and
        // progress may move on; it never reaches the tip while the disk stays full. (That no progress is recorded past
        // a failed write is shown deterministically by StorageFailureTests; here the end state below shows that
        // nothing was lost or duplicated.)
        Assert.NotNull(atLast);
        Assert.True(atLast.Value.Height >= atFirst.Value.Height, $"progress went back: {atFirst} -> {atLast}");
        Assert.True(atLast.Value.Height < 200, $"indexing reached the tip on a full disk: {atLast}");
        Assert.Contains(failures, l => SpaceError().IsMatch(l));

        disk.FreeBallast();
        await lifetime.Stopped.Task.WaitAsync(TimeSpan.FromMinutes(3));
        await service.StopAsync(CancellationToken.None);

        Assert.Null(service.Fatal);
        Assert.Equal(200, service.LastRun!.TipHeight);
        Assert.Equal(await reference.SnapshotAsync(), await harness.SnapshotAsync());
        await Truth.AssertOpenAssetsEqualAsync(harness, chains.Demo.Truth);
    }

    private static List<string> Failures(ListLogger<BlockWriter> writer, ListLogger<IndexerService> service) =>
        [.. writer.Lines.Concat(service.Lines).Where(l => l.Level >= LogLevel.Warning).Select(l => l.Text)];

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(90), $"waited 90 s for {what}");
            await Task.Delay(25);
        }
    }

    [GeneratedRegex("space|NOT_ENOUGH_SPACE|ENOSPC", RegexOptions.IgnoreCase)]
    private static partial Regex SpaceError();
}
