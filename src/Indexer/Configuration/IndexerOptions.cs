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

    /// <summary>Blocks parsed ahead of the state stage (bounded channel capacity).</summary>
    [Range(1, 4096)]
    public int ParseAhead { get; set; } = 64;

    /// <summary>Longest pause between retries of a failed ClickHouse write, and between failed passes.</summary>
    [Range(0.01, 600)]
    public double MaxRetryDelaySeconds { get; set; } = 30;

    /// <summary>Seconds between progress lines.</summary>
    [Range(0.1, 3600)]
    public double ProgressSeconds { get; set; } = 2;
}
