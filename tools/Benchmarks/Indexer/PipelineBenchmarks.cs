using BenchmarkDotNet.Attributes;
using Explorer.BlockFiles;
using Explorer.Indexer.Pipeline;
using NBitcoin;

namespace Explorer.Benchmarks.Indexer;

/// <summary>
/// The indexer's two CPU stages on a real mainnet block (413567: 1,557 transactions, 3 Counterparty sends;
/// ../shared/fixtures/mainnet), against NBitcoin's <c>Block.Load</c> of the same bytes: issue 9's "prefilter plus
/// decoding" on real transaction shapes, where the bench verb's (c) and (c1) measure the forged bench chain (2% colored,
/// millions of P2TR payers). The parallel stage: the raw scan, every carrier decoded (as if no input were colored). The
/// state stage on top: colored-outpoint lookups for every input, the P2TR payers, the candidates' rows, with one state
/// for every run (a new one, or emptying it, would measure its 256 KB of buckets): this block adds nothing to it, no
/// colored output (checked once), no P2TR payer (2016), so each run does the same work. No undo data exists for this block here, so the decoders see no previous outputs (the Counterparty
/// sends' sources are unknown; their messages are decoded all the same).
/// Run: dotnet run -c Release --project tools/Benchmarks -- --filter *Pipeline* --job short
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private ChainBlock _block = null!;
    private readonly ColoredUtxoSet _state = new();

    [GlobalSetup]
    public void Setup()
    {
        var bytes = File.ReadAllBytes(Block413567.Path());
        var header = Block.Load(bytes, Network.Main);
        _block = new ChainBlock(413_567, new BlockRecord(0, 0, bytes.Length, header.GetHash(), header.Header.HashPrevBlock,
            header.Header.Bits.ToCompact(), (uint)header.Header.BlockTime.ToUnixTimeSeconds(), header.Transactions.Count), bytes, undo: null);
        // The same work as the bench verb's, checked once: the three sends come out as colored.
        var rows = StateStage();
        if (rows != 3) throw new InvalidOperationException($"block 413567 gave {rows} colored transactions, not its 3 Counterparty sends");
        if (_state.Count != 0 || _state.RevealFunding.Count != 0) throw new InvalidOperationException("block 413567 changed the state: runs would differ");
    }

    [Benchmark(Baseline = true, Description = "NBitcoin Block.Load")]
    public int BlockLoad() => Block.Load(_block.Block, Network.Main).Transactions.Count;

    [Benchmark(Description = "prefilter + carriers decoded (parallel stage)")]
    public int ParallelStage() =>
        BlockParser.Parse(_block, Network.Main, "CNTRPRTY", "mainnet", verifyMerkleRoot: false).Decoded?.Count ?? 0;

    [Benchmark(Description = "prefilter + decoding + state stage")]
    public int StateStage()
    {
        var parsed = BlockParser.Parse(_block, Network.Main, "CNTRPRTY", "mainnet", verifyMerkleRoot: false, _state);
        return (int)new BlockColorer(_state, Network.Main, "CNTRPRTY", new VersionClock(), "mainnet").Apply(parsed).Block.ColoredTxCount;
    }
}
