using BenchmarkDotNet.Attributes;
using Explorer.Indexer.Pipeline;
using NBitcoin;

namespace Explorer.Benchmarks.Indexer;

/// <summary>
/// The indexer's raw-byte prefilter (<see cref="RawBlockScanner"/>: every transaction walked, carrier rules on the
/// raw scripts, outpoints located, no hashing) against NBitcoin's <c>Block.Load</c> of the same bytes, and against
/// <c>Block.Load</c> plus every txid (what a parse-everything indexer pays), on a real mainnet block: 413567, 1,557
/// transactions, 3 of them Counterparty (tests/Protocols.Tests/data/counterparty/block413567.raw, from
/// ../shared/fixtures/mainnet). Also the prefilter plus the txids of the flagged transactions only (what the
/// indexer computes). Run: dotnet run -c Release --project tools/Benchmarks -- --filter *Prefilter* --job short
/// </summary>
[MemoryDiagnoser]
public class PrefilterBenchmarks
{
    private byte[] _block = [];
    private int _flagged;

    [GlobalSetup]
    public void Setup()
    {
        _block = File.ReadAllBytes(FindBlock());
        // Same block, same transactions: otherwise the comparison means nothing.
        if (!RawBlockScanner.TryScan(_block, out var layout, out var error))
            throw new InvalidOperationException("the prefilter refused block 413567: " + error);
        var block = Block.Load(_block, Network.Main);
        if (block.Transactions.Count != layout.Transactions.Length || block.Transactions[^1].GetHash() != RawBlockScanner.Txid(_block, layout.Transactions[^1]))
            throw new InvalidOperationException("the prefilter and NBitcoin disagree on block 413567");
        _flagged = layout.Carriers.Count(c => c);
    }

    [Benchmark(Baseline = true, Description = "NBitcoin Block.Load")]
    public int BlockLoad() => Block.Load(_block, Network.Main).Transactions.Count;

    [Benchmark(Description = "NBitcoin Block.Load + every txid")]
    public ulong BlockLoadAndTxids()
    {
        ulong x = 0;
        foreach (var tx in Block.Load(_block, Network.Main).Transactions)
            x ^= tx.GetHash().GetLow64();
        return x;
    }

    [Benchmark(Description = "raw prefilter")]
    public int Prefilter()
    {
        RawBlockScanner.TryScan(_block, out var layout, out _);
        return layout.Transactions.Length;
    }

    [Benchmark(Description = "raw prefilter + txids of flagged")]
    public ulong PrefilterAndFlaggedTxids()
    {
        RawBlockScanner.TryScan(_block, out var layout, out _);
        ulong x = (ulong)_flagged;
        for (var i = 0; i < layout.Carriers.Length; i++)
            if (layout.Carriers[i]) x ^= RawBlockScanner.Txid(_block, layout.Transactions[i]).GetLow64();
        return x;
    }

    private static string FindBlock() => Block413567.Path();
}
