using System.Diagnostics;
using ClickHouse.Driver;
using ClickHouse.Driver.ADO;
using Dapper;
using Explorer.BlockFiles;
using Explorer.ClickHouse.Embedded;
using Explorer.Indexer.Configuration;
using Explorer.Indexer.Pipeline;
using Explorer.Indexer.Storage;
using Explorer.Storage;
using Explorer.Storage.Configuration;
using Explorer.Storage.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NBitcoin;

namespace Explorer.Indexer.Cli;

/// <summary>
/// The stages of the <c>bench</c> verb over one blocks folder: (a) reading the files (blocks and undo records through
/// the reader), (b) NBitcoin <c>Block.Load</c> of every block, (b') the same plus every txid, (c0) our raw prefilter alone, (c) our raw prefilter plus
/// decoding (the state stage, no writes), (d) the whole indexer into a fresh ClickHouse database. (b), (b'), (c0) and (c)
/// are CPU only, one thread, over the same blocks held in memory in chunks (reading them is not timed there).
/// </summary>
public sealed class BenchRunner(string blocksDirectory, ChainNetwork network, string xcpPrefix, long chunkBytes, PeakMemorySampler memory)
{
    /// <summary>Transactions the raw prefilter passed on to the decoders in (c0) (a carrier pattern of some protocol).</summary>
    public long Carriers { get; private set; }

    /// <summary>Garbage collections during (d): per generation, and the time the runtime was paused for them.</summary>
    public (int Gen0, int Gen1, int Gen2, TimeSpan Paused) Collections { get; private set; }

    /// <summary>(d)'s inserts per table.</summary>
    public WriteStatistics? Writes { get; private set; }

    public BenchStage ReadFiles(CancellationToken ct)
    {
        memory.Reset();
        // One thread: its own count is exact (the process-wide one is not monotonic under server GC).
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var watch = Stopwatch.StartNew();
        long bytes = 0, blocks = 0, txs = 0;
        // Read as the indexer reads (buffers lent from a pool and given back), so that (a) costs what reading costs (d).
        using (var source = BlocksFolderSource.Open(blocksDirectory, network.Magic, pooled: true))
        {
            foreach (var block in source.Read(0, ct))
            {
                bytes += block.Bytes.Length;
                blocks++;
                txs += block.Record.TransactionCount;
                block.Release();
            }
        }
        return new BenchStage("(a) read files (blk + rev)", bytes, blocks, txs, 0, watch.Elapsed, memory.PeakBytes)
        { AllocatedBytes = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore, ProcessorTime = Environment.CpuUsage.TotalTime - cpuBefore };
    }

    /// <summary>(b), (b') and (c), chunk by chunk in chain order (the state stage needs block order).</summary>
    public (BenchStage Load, BenchStage LoadAndHash, BenchStage Scan, BenchStage Carriers, BenchStage Prefilter, long ColoredTransactions) CpuStages(CancellationToken ct, bool decodingOnly = false)
    {
        var state = new ColoredUtxoSet();
        var colorer = new BlockColorer(state, network.Network, xcpPrefix, new VersionClock());
        var times = new TimeSpan[5];
        var cpu = new TimeSpan[5];
        var jit = new TimeSpan[5];
        var peaks = new long[5];
        var allocated = new long[5];
        long bytes = 0, blocks = 0, txs = 0, rows = 0, colored = 0, check = 0, carriers = 0;
        var chunk = new List<ChainBlock>();
        long inChunk = 0;

        void RunChunk()
        {
            if (!decodingOnly) RunBaselines();
            Measure(2, () =>
            {
                foreach (var b in chunk)
                {
                    var blockRows = colorer.Apply(BlockParser.Parse(b, network.Network, xcpPrefix, network.Name, verifyMerkleRoot: false, state));
                    rows += blockRows.RowCount;
                    colored += blockRows.Block.ColoredTxCount;
                }
            });
            if (!decodingOnly)
            {
                // (c1), after (c) so that (c) still pays the decoders' compilation as it did: the parallel stage's work
                // alone, the scan, then every carrier decoded as if no input were colored (no state), and the P2TR payers'
                // funders located. What the issue calls prefilter plus decoding, without the state stage that (c) adds
                // (colored outputs followed, reveal sources kept, rows made).
                Measure(4, () =>
                {
                    foreach (var b in chunk)
                    {
                        var parsed = BlockParser.Parse(b, network.Network, xcpPrefix, network.Name, verifyMerkleRoot: false);
                        check += (parsed.Decoded?.Count ?? 0) + (parsed.RevealPayers?.Count ?? 0);
                        // Given back as the state stage's cache gives it back when the block leaves its window.
                        parsed.RevealPayers?.Release();
                    }
                });
            }
            chunk.Clear();
            inChunk = 0;
        }

        void RunBaselines()
        {
            Measure(0, () =>
            {
                foreach (var b in chunk) check += Block.Load(b.Block, network.Network).Transactions.Count;
            });
            Measure(1, () =>
            {
                foreach (var b in chunk)
                    foreach (var tx in Block.Load(b.Block, network.Network).Transactions)
                        check += (long)(tx.GetHash().GetLow64() & 1);
            });
            Measure(3, () =>
            {
                foreach (var b in chunk)
                {
                    var parsed = BlockParser.Parse(b);
                    check += parsed.TransactionCount;
                    foreach (var c in parsed.Carriers) if (c) carriers++;
                }
            });
        }

        void Measure(int stage, Action action)
        {
            memory.Reset();
            var before = GC.GetAllocatedBytesForCurrentThread();
            var cpuBefore = Environment.CpuUsage.TotalTime;
            var jitBefore = System.Runtime.JitInfo.GetCompilationTime();
            var watch = Stopwatch.StartNew();
            action();
            times[stage] += watch.Elapsed;
            cpu[stage] += Environment.CpuUsage.TotalTime - cpuBefore;
            jit[stage] += System.Runtime.JitInfo.GetCompilationTime() - jitBefore;
            allocated[stage] += GC.GetAllocatedBytesForCurrentThread() - before;
            peaks[stage] = Math.Max(peaks[stage], memory.PeakBytes);
        }

        using (var source = BlocksFolderSource.Open(blocksDirectory, network.Magic))
        {
            foreach (var block in source.Read(0, ct))
            {
                chunk.Add(block);
                inChunk += block.Block.Length;
                bytes += block.Block.Length;
                blocks++;
                txs += block.Record.TransactionCount;
                if (inChunk >= chunkBytes) RunChunk();
            }
            RunChunk();
        }
        GC.KeepAlive(check);
        Carriers = carriers;
        return (new BenchStage("(b) NBitcoin Block.Load", bytes, blocks, txs, 0, times[0], peaks[0]) { AllocatedBytes = allocated[0], ProcessorTime = cpu[0], Jit = (jit[0], 0) },
            new BenchStage("(b') Block.Load + every txid", bytes, blocks, txs, 0, times[1], peaks[1]) { AllocatedBytes = allocated[1], ProcessorTime = cpu[1], Jit = (jit[1], 0) },
            new BenchStage("(c0) raw prefilter only (scan, carriers)", bytes, blocks, txs, 0, times[3], peaks[3]) { AllocatedBytes = allocated[3], ProcessorTime = cpu[3], Jit = (jit[3], 0) },
            new BenchStage("(c1) prefilter + carriers decoded, no state", bytes, blocks, txs, 0, times[4], peaks[4]) { AllocatedBytes = allocated[4], ProcessorTime = cpu[4], Jit = (jit[4], 0) },
            new BenchStage("(c) raw prefilter + decoding", bytes, blocks, txs, rows, times[2], peaks[2]) { AllocatedBytes = allocated[2], ProcessorTime = cpu[2], Jit = (jit[2], 0) },
            colored);
    }

    /// <summary>(d): the indexer's pass (open the folder, read, prefilter, decode, write) into a fresh database.</summary>
    public async Task<(BenchStage Stage, IndexRunResult Run, TimeSpan StoreStart)> EndToEndAsync(string? clickhouse, IndexerOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var startWatch = Stopwatch.StartNew();
        EmbeddedClickHouseServer? embedded = null;
        string? dataPath = null;
        var database = "bench_" + Guid.NewGuid().ToString("N")[..12];
        string connectionString;
        if (clickhouse is null)
        {
            dataPath = Path.Combine(Path.GetTempPath(), "explorer-bench-" + Guid.NewGuid().ToString("N")[..12]);
            embedded = await EmbeddedClickHouseServer.StartAsync(dataPath, 0, ct);
            connectionString = embedded.ConnectionString;
        }
        else if (!ClickHouseAddress.TryToConnectionString(clickhouse, out connectionString))
        {
            throw new ArgumentException("--clickhouse must be an http(s) URL or a connection string", nameof(clickhouse));
        }
        try
        {
            await new MigrationRunner(Options.Create(new ClickHouseOptions
            {
                ConnectionString = connectionString,
                Database = database,
                MigrationsPath = Path.Combine(AppContext.BaseDirectory, "sql"),
            }), NullLogger<MigrationRunner>.Instance).ApplyAsync(ct);
            var storeStart = startWatch.Elapsed;
            using var client = new ClickHouseClient(ConnectionStrings.ForDatabase(connectionString, database));
            var store = new ClickHouseStore(client);
            Writes = store.Statistics;
            var indexer = new ChainIndexer(store, options, NullLogger<ChainIndexer>.Instance, NullLogger<BlockWriter>.Instance);
            memory.Reset();
            var gcBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var cpuBefore = Environment.CpuUsage.TotalTime;
            var jitBefore = (System.Runtime.JitInfo.GetCompilationTime(), System.Runtime.JitInfo.GetCompiledMethodCount());
            var watch = Stopwatch.StartNew();
            IndexRunResult run;
            using (var source = BlocksFolderSource.Open(blocksDirectory, network.Magic, pooled: true))
                run = await indexer.RunOnceAsync(source, ct);
            var elapsed = watch.Elapsed;
            Collections = (GC.CollectionCount(0) - gcBefore.Item1, GC.CollectionCount(1) - gcBefore.Item2,
                GC.CollectionCount(2) - gcBefore.Item3, GC.GetTotalPauseDuration() - gcBefore.Item4);
            return (new BenchStage("(d) end to end into ClickHouse", run.Bytes, run.Blocks, run.Transactions, run.RowsWritten, elapsed, memory.PeakBytes)
                {
                    AllocatedBytes = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore,
                    ProcessorTime = Environment.CpuUsage.TotalTime - cpuBefore,
                    Jit = (System.Runtime.JitInfo.GetCompilationTime() - jitBefore.Item1, System.Runtime.JitInfo.GetCompiledMethodCount() - jitBefore.Item2),
                },
                run, storeStart);
        }
        finally
        {
            if (embedded is null)
            {
                // A given server keeps nothing of the run.
                await using var connection = new ClickHouseConnection(ConnectionStrings.ForDatabase(connectionString, "default"));
                await connection.ExecuteAsync(new CommandDefinition($"DROP DATABASE IF EXISTS `{database}`", cancellationToken: CancellationToken.None));
            }
            else
            {
                await embedded.DisposeAsync();
                try { Directory.Delete(dataPath!, recursive: true); }
                catch (IOException) { }
            }
        }
    }
}
