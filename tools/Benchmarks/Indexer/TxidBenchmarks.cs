using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Explorer.Indexer.Pipeline;

namespace Explorer.Benchmarks.Indexer;

/// <summary>
/// Every txid of a real mainnet block (413567, 1,557 transactions; tests/Protocols.Tests/data/counterparty/
/// block413567.raw) hashed from the raw bytes through .NET's one-shot <c>SHA256.HashData</c> (an EVP digest fetched
/// per call: what the indexer did before) against <see cref="DoubleSha256"/> (OpenSSL's SHA256_Init/Update/Final on a
/// stack context), and the merkle root the indexer checks every block against.
/// Run: dotnet run -c Release --project tools/Benchmarks -- --filter *Txid* --job short
/// </summary>
[MemoryDiagnoser]
public class TxidBenchmarks
{
    private byte[] _block = [];
    private RawBlockLayout _layout = null!;

    [GlobalSetup]
    public void Setup()
    {
        _block = File.ReadAllBytes(Block413567.Path());
        if (!RawBlockScanner.TryScan(_block, out _layout, out var error)) throw new InvalidOperationException(error);
        if (RawBlockScanner.MerkleRoot(_block, _layout) != new NBitcoin.uint256(_block.AsSpan(36, 32)))
            throw new InvalidOperationException("merkle root of block 413567 does not match its header");
    }

    [Benchmark(Baseline = true, Description = "every txid, SHA256.HashData twice")]
    public byte EveryTxidDotNet()
    {
        Span<byte> hash = stackalloc byte[32];
        byte x = 0;
        foreach (var tx in _layout.Transactions)
        {
            // Block 413567 predates segwit: a transaction's bytes are its txid preimage.
            SHA256.HashData(_block.AsSpan(tx.Start, tx.Length), hash);
            SHA256.HashData(hash, hash);
            x ^= hash[0];
        }
        return x;
    }

    [Benchmark(Description = "every txid, DoubleSha256 (OpenSSL)")]
    public byte EveryTxidOpenSsl()
    {
        Span<byte> hash = stackalloc byte[32];
        byte x = 0;
        foreach (var tx in _layout.Transactions)
        {
            RawBlockScanner.Txid(_block, tx, hash);
            x ^= hash[0];
        }
        return x;
    }

    [Benchmark(Description = "merkle root (every txid + tree)")]
    public NBitcoin.uint256 MerkleRoot() => RawBlockScanner.MerkleRoot(_block, _layout);
}
