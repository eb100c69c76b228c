using System.Security.Cryptography;
using Explorer.Indexer.Pipeline;
using NBitcoin;

namespace Explorer.Indexer.Tests;

/// <summary>OpenSSL's low-level SHA-256 (or the managed fallback) gives what .NET's SHA256 gives twice, for one part
/// or three, at every length around the 64-byte block boundaries, also when the output overlaps the input.</summary>
[Trait("Category", "Unit")]
public sealed class DoubleSha256Tests
{
    [Fact]
    public void Equals_SHA256_twice_for_every_split_and_length()
    {
        var random = new Random(7);
        foreach (var length in new[] { 0, 1, 31, 32, 55, 56, 63, 64, 65, 119, 120, 128, 250, 1000, 100_001 })
        {
            var data = new byte[length];
            random.NextBytes(data);
            var expected = SHA256.HashData(SHA256.HashData(data));
            var whole = new byte[32];
            DoubleSha256.Hash(data, whole);
            Assert.Equal(expected, whole);
            var a = Math.Min(4, length);
            var c = Math.Min(4, length - a);
            var parts = new byte[32];
            DoubleSha256.Hash(data.AsSpan(0, a), data.AsSpan(a, length - a - c), data.AsSpan(length - c), parts);
            Assert.Equal(expected, parts);
        }
    }

    [Fact]
    public void Output_may_be_the_input()
    {
        var node = new byte[64];
        new Random(3).NextBytes(node);
        var expected = SHA256.HashData(SHA256.HashData(node));
        DoubleSha256.Hash(node, node.AsSpan(0, 32));
        Assert.Equal(expected, node[..32]);
    }

    [Fact]
    public void A_merkle_node_is_SHA256_twice_of_the_pair_also_in_place()
    {
        // DoubleSha256.Node transforms the two halves, the fixed padding block and the second hash's one block itself
        // (SHA256_Transform); a node computed into its left or right half must not read what it already wrote.
        var random = new Random(5);
        for (var k = 0; k < 200; k++)
        {
            var pair = new byte[64];
            random.NextBytes(pair);
            var expected = SHA256.HashData(SHA256.HashData(pair));
            var output = new byte[32];
            DoubleSha256.Node(pair.AsSpan(0, 32), pair.AsSpan(32), output);
            Assert.Equal(expected, output);
            var left = (byte[])pair.Clone();
            DoubleSha256.Node(left.AsSpan(0, 32), left.AsSpan(32), left.AsSpan(0, 32));
            Assert.Equal(expected, left[..32]);
            var right = (byte[])pair.Clone();
            DoubleSha256.Node(right.AsSpan(0, 32), right.AsSpan(32), right.AsSpan(32));
            Assert.Equal(expected, right[32..]);
        }
    }

    [Fact]
    public void Merkle_roots_of_real_and_forged_blocks_equal_NBitcoins()
    {
        // Odd and even levels: the mainnet block (1,557 transactions) and every prefix of it as a transaction list.
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "data", "block413567.raw"));
        var block = Block.Load(bytes, NBitcoin.Network.Main);
        Assert.True(RawBlockScanner.TryScan(bytes, out var layout, out var error), error);
        Assert.Equal(block.Header.HashMerkleRoot, RawBlockScanner.MerkleRoot(bytes, layout));
        var txids = RawBlockScanner.Txids(bytes, layout);
        foreach (var count in new[] { 1, 2, 3, 4, 5, 7, 8, 9, 100, 101, 1556 })
        {
            Assert.Equal(BlockMerkleRoot(block, count), RawBlockScanner.MerkleRoot(txids.AsSpan(0, count * 32)));
        }
    }

    private static uint256 BlockMerkleRoot(Block block, int count)
    {
        var partial = NBitcoin.Network.Main.Consensus.ConsensusFactory.CreateBlock();
        partial.Header = block.Header;
        partial.Transactions.AddRange(block.Transactions.Take(count));
        return partial.GetMerkleRoot().Hash!;
    }

    [Fact]
    public void Genesis_merkle_root_is_its_coinbase_txid()
    {
        // Bitcoin's genesis block: one transaction, whose txid is the header's merkle root (4a5e1e4b...).
        var genesis = NBitcoin.Network.Main.GetGenesis();
        var bytes = genesis.ToBytes();
        Assert.True(RawBlockScanner.TryScan(bytes, out var layout, out var error), error);
        Assert.Equal(genesis.Header.HashMerkleRoot, RawBlockScanner.MerkleRoot(bytes, layout));
        Assert.Equal(uint256.Parse("4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b"), RawBlockScanner.Txid(bytes, layout.Transactions[0]));
    }
}
