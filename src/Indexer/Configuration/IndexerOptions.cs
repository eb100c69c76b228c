using System.ComponentModel.DataAnnotations;

namespace Explorer.Indexer.Configuration;

/// <summary>
/// What to index and how. Section <c>Indexer</c> (environment <c>Indexer__BlocksDirectory</c>, ...); the
/// <c>index</c> verb fills it from its flags.
/// </summary>
public sealed class IndexerOptions
{
    public const string Section = "Indexer";

    /// <summary>A Bitcoin Core blocks folder (blk/rev/xor.dat).</summary>
    public string? BlocksDirectory { get; set; }

    /// <summary>main, test, testnet4, signet or regtest.</summary>
    [Required, RegularExpression("^(main|mainnet|test|testnet|testnet3|testnet4|signet|regtest)$")]
    public string Network { get; set; } = "main";

    /// <summary>Keep following the tip (re-scan the folder every <see cref="PollSeconds"/>) instead of stopping there.</summary>
    public bool Follow { get; set; }

    [Range(1, 3600)]
    public int PollSeconds { get; set; } = 5;

    /// <summary>Counterparty prefix (test suites use others).</summary>
    [Required]
    public string XcpPrefix { get; set; } = "CNTRPRTY";

    /// <summary>A write batch holds at most this many blocks (fewer when the reader is idle).</summary>
    [Range(1, 100_000)]
    public int BatchBlocks { get; set; } = 500;

    /// <summary>... and at most this many colored rows.</summary>
    [Range(1, 10_000_000)]
    public int BatchRows { get; set; } = 50_000;

    /// <summary>When the state stage is momentarily behind, the writer waits for more blocks until its batch's first
    /// block is this old, then writes (big batches while catching up, at most this delay at the tip).</summary>
    [Range(0, 60)]
    public double MaxBatchDelaySeconds { get; set; } = 1;

    /// <summary>Check every block's transactions against its header's merkle root before indexing it (a damaged
    /// blocks folder is refused, docs/security.md). Costs one double SHA-256 of every transaction.</summary>
    public bool VerifyMerkleRoot { get; set; } = true;

    /// <summary>Blocks read again at start to refill the taproot reveal-source cache (the P2TR payers of the last blocks
    /// below the resume height; docs/counterparty.md). 0: none.</summary>
    [Range(0, 100_000)]
    public int RevealWarmupBlocks { get; set; } = 144;

    /// <summary>Blocks whose rows may wait for the writer beyond its current batch (bounded channel capacity): the
    /// state stage goes on while a batch is written. 64 left it blocked for a third of an end-to-end pass over the bench
    /// chain (7.6-7.9 s against 7.2 s with 1,000, docs/benchmarks.md).</summary>
    [Range(1, 100_000)]
    public int WriteAhead { get; set; } = 1000;

    /// <summary>Blocks parsed ahead of the state stage (bounded channel capacity).</summary>
    [Range(1, 4096)]
    public int ParseAhead { get; set; } = 16;

    /// <summary>Longest pause between retries of a failed ClickHouse write, and between failed passes.</summary>
    [Range(0.01, 600)]
    public double MaxRetryDelaySeconds { get; set; } = 30;

    /// <summary>A node's JSON-RPC URL (Bitcoin Core or bcoin); with <see cref="BlocksDirectory"/> too, the folder is read
    /// for initial sync and the node from the folder's tip on (docs/indexer.md, "Sources").</summary>
    public string? RpcUrl { get; set; }

    public string? RpcUser { get; set; }

    public string? RpcPassword { get; set; }

    /// <summary>Core's <c>.cookie</c> file (user and password written at every node start).</summary>
    public string? RpcCookieFile { get; set; }

    /// <summary>A ZMQ publisher of the node (<c>-zmqpubhashblock</c>, <c>-zmqpubrawblock</c>, <c>-zmqpubsequence</c>,
    /// <c>-zmqpubrawtx</c>), e.g. tcp://127.0.0.1:28332; without it the tip is polled every <see cref="PollSeconds"/>.</summary>
    public string? ZmqAddress { get; set; }

    /// <summary>Blocks and funding transactions fetched concurrently from the node.</summary>
    [Range(1, 64)]
    public int RpcParallelism { get; set; } = 4;

    [Range(1, 3600)]
    public double RpcTimeoutSeconds { get; set; } = 60;

    /// <summary>Block hashes asked for in one batched JSON-RPC request.</summary>
    [Range(1, 10_000)]
    public int RpcHashBatch { get; set; } = 100;

    /// <summary>Outputs of recently read blocks kept to find previous outputs without asking the node.</summary>
    [Range(0, 100_000_000)]
    public int OutputCacheSize { get; set; } = 500_000;

    /// <summary>With a node and <see cref="Follow"/>: record unconfirmed colored transactions (mempool_transactions).</summary>
    public bool Mempool { get; set; } = true;

    /// <summary>Seconds between progress lines.</summary>
    [Range(0.1, 3600)]
    public double ProgressSeconds { get; set; } = 2;

    /// <summary>First height decoded per protocol (all 0 by default).</summary>
    public StartHeightsOptions StartHeights { get; set; } = new();

    /// <summary>Loopback port of <c>/health</c> and Prometheus <c>/metrics</c> (127.0.0.1 only); 0 (the default): off.</summary>
    [Range(0, 65535)]
    public int MetricsPort { get; set; }
}
