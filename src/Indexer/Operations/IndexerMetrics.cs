using Prometheus;

namespace Explorer.Indexer.Operations;

/// <summary>
/// What the indexer reports to operators: Prometheus collectors on a registry of its own (two indexers in one process,
/// as in the tests, do not share counters) and the state behind <c>/health</c>. Fed by small hooks in
/// <see cref="Pipeline.ChainIndexer"/> (pass start, reorgs), <see cref="Pipeline.BlockWriter"/> (batches written,
/// failed writes, rollbacks) and <see cref="HostedServices.IndexerService"/> (pass ends); served by
/// <see cref="OperationsEndpoint"/> (docs/indexer.md, "Health and metrics"). Thread-safe.
/// </summary>
public sealed class IndexerMetrics
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly Gauge _height;
    private readonly Gauge _tip;
    private readonly Gauge _lastBlockTime;
    private readonly Gauge _lastProgress;
    private readonly Gauge _healthy;
    private readonly Counter _blocks;
    private readonly Counter _transactions;
    private readonly Counter _colored;
    private readonly Counter _bytes;
    private readonly Counter _writeFailures;
    private readonly Counter _writeRetries;
    private readonly Counter _passFailures;
    private readonly Counter _reorgs;

    private int _heightValue = -1;
    private int _tipValue = -1;
    private DateTimeOffset? _lastProgressValue;
    private DateTimeOffset? _lastBlockTimeValue;
    private bool _started;
    private bool _passFailed;
    private bool _writeFailing;
    private string? _error;
    private string? _fatal;

    public IndexerMetrics(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        Registry = Metrics.NewCustomRegistry();
        var f = Metrics.WithCustomRegistry(Registry);
        _height = f.CreateGauge("explorer_indexer_height", "Height of the last block whose rows and progress are written (-1: none).");
        _tip = f.CreateGauge("explorer_indexer_source_tip_height", "Tip height of the source (blocks folder or node) at the start of the current pass.");
        _lastBlockTime = f.CreateGauge("explorer_indexer_last_block_time_seconds", "Header time of the last indexed block, Unix seconds.");
        _lastProgress = f.CreateGauge("explorer_indexer_last_progress_time_seconds", "When the indexed height last moved, Unix seconds.");
        _healthy = f.CreateGauge("explorer_indexer_healthy", "1 when /health answers 200, 0 when it answers 503.");
        _blocks = f.CreateCounter("explorer_indexer_blocks_total", "Blocks indexed (rows and progress written) since start.");
        _transactions = f.CreateCounter("explorer_indexer_transactions_total", "Transactions in the blocks indexed since start.");
        _colored = f.CreateCounter("explorer_indexer_colored_transactions_total", "Colored transactions (any protocol) in the blocks indexed since start.");
        _bytes = f.CreateCounter("explorer_indexer_bytes_total", "Serialized size of the blocks indexed since start.");
        _writeFailures = f.CreateCounter("explorer_indexer_write_failures_total", "Failed ClickHouse write attempts (each followed by a capped back-off).");
        _writeRetries = f.CreateCounter("explorer_indexer_write_retries_total", "ClickHouse write attempts made again after a failure.");
        _passFailures = f.CreateCounter("explorer_indexer_pass_failures_total", "Indexing passes that failed and were restarted.");
        _reorgs = f.CreateCounter("explorer_indexer_reorgs_total", "Reorgs rolled back (during a pass, or found at the start of one).");
        _height.Set(-1);
        _tip.Set(-1);
        _healthy.Set(1);
    }

    /// <summary>The collectors (exported as text by <see cref="OperationsEndpoint"/>).</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>A pass starts at <paramref name="height"/> (the recorded progress) with the source's tip.</summary>
    public void PassStarted(int height, int tip)
    {
        lock (_gate)
        {
            _started = true;
            _heightValue = height;
            _tipValue = tip;
            _height.Set(height);
            _tip.Set(tip);
        }
    }

    /// <summary>A batch's rows and progress are written.</summary>
    public void BatchWritten(int blocks, long transactions, long colored, long bytes, int lastHeight, DateTime lastBlockTime)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            _blocks.Inc(blocks);
            _transactions.Inc(transactions);
            _colored.Inc(colored);
            _bytes.Inc(bytes);
            _heightValue = lastHeight;
            _height.Set(lastHeight);
            _lastBlockTimeValue = new DateTimeOffset(DateTime.SpecifyKind(lastBlockTime, DateTimeKind.Utc));
            _lastBlockTime.Set(_lastBlockTimeValue.Value.ToUnixTimeMilliseconds() / 1000.0);
            _lastProgressValue = now;
            _lastProgress.Set(now.ToUnixTimeMilliseconds() / 1000.0);
            _writeFailing = false;
            UpdateHealthy();
        }
    }

    /// <summary>Rows above <paramref name="height"/> were rolled back (a reorg).</summary>
    public void RolledBack(int height)
    {
        lock (_gate)
        {
            _heightValue = height;
            _height.Set(height);
            _writeFailing = false;
            UpdateHealthy();
        }
    }

    public void Reorg() => _reorgs.Inc();

    /// <summary>A ClickHouse write attempt failed; another follows after the back-off.</summary>
    public void WriteFailed(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        lock (_gate)
        {
            _writeFailures.Inc();
            _writeFailing = true;
            _error = error.Message;
            UpdateHealthy();
        }
    }

    public void WriteRetried() => _writeRetries.Inc();

    public void PassSucceeded()
    {
        lock (_gate)
        {
            _passFailed = false;
            _writeFailing = false;
            _error = null;
            UpdateHealthy();
        }
    }

    /// <summary>A pass failed; the service restarts it after a back-off.</summary>
    public void PassFailed(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        lock (_gate)
        {
            _passFailures.Inc();
            _passFailed = true;
            _error = error.Message;
            UpdateHealthy();
        }
    }

    /// <summary>Indexing stopped on an error retrying cannot fix.</summary>
    public void Stopped(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        lock (_gate)
        {
            _fatal = error.Message;
            UpdateHealthy();
        }
    }

    public HealthReport Health()
    {
        lock (_gate)
        {
            var status = _fatal is not null ? "stopped" : _passFailed || _writeFailing ? "failing" : _started ? "ok" : "starting";
            var lag = _tipValue >= 0 ? Math.Max(0, _tipValue - _heightValue) : 0;
            return new HealthReport(status, _heightValue, _tipValue, lag, _lastProgressValue, _lastBlockTimeValue, _fatal ?? _error);
        }
    }

    private void UpdateHealthy() => _healthy.Set(_fatal is null && !_passFailed && !_writeFailing ? 1 : 0);
}
