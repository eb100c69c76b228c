using Explorer.Indexer.Pipeline;
using Explorer.Indexer.Storage;
using NBitcoin;

namespace Explorer.Indexer.Tests;

/// <summary>
/// The colored-UTXO set's raw outpoint lookup (every input of every transaction goes through it): its counting bucket
/// filter and the dictionaries behind it answer exactly, also when outpoints share a bucket beyond the counters' range
/// (255) and after they are spent.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ColoredUtxoSetTests
{
    [Fact]
    public void Raw_lookups_find_exactly_the_unspent_colored_outputs()
    {
        var set = new ColoredUtxoSet();
        var random = new Random(7);
        var colored = Enumerable.Range(0, 2_000).Select(_ => new OutPoint(Hash(random), (uint)random.Next(0, 5))).Distinct().ToList();
        foreach (var o in colored) set.Add(Row(o));
        var others = Enumerable.Range(0, 20_000).Select(_ => new OutPoint(Hash(random), (uint)random.Next(0, 5))).ToList();

        Assert.All(colored, o => Assert.True(set.Contains(Raw(o))));
        Assert.All(others, o => Assert.False(set.Contains(Raw(o))));

        foreach (var o in colored.Where((_, i) => i % 2 == 0)) Assert.NotEmpty(set.Spend(o));
        for (var i = 0; i < colored.Count; i++) Assert.Equal(i % 2 == 1, set.Contains(Raw(colored[i])));
    }

    [Fact]
    public void The_bucket_filter_grows_with_the_set_and_never_misses_an_unspent_output()
    {
        // 40,000 outputs: the filter starts at 2^18 buckets and grows fourfold past 16,384 and 65,536 / 4 ... entries.
        var set = new ColoredUtxoSet();
        var random = new Random(3);
        var colored = new List<OutPoint>();
        for (var i = 0; i < 40_000; i++)
        {
            var o = new OutPoint(Hash(random), (uint)random.Next(0, 3));
            colored.Add(o);
            set.Add(Row(o));
            // The parallel stage's guess never says "not colored" for an unspent colored output.
            if (i % 997 == 0) Assert.All(colored, c => Assert.True(set.MayContain(Raw(c))));
        }
        Assert.All(colored, o => Assert.True(set.MayContain(Raw(o)) && set.Contains(Raw(o))));
        var others = Enumerable.Range(0, 20_000).Select(_ => new OutPoint(Hash(random), 0)).ToList();
        Assert.All(others, o => Assert.False(set.Contains(Raw(o))));
        // Few false "maybe"s: at most one bucket in 16 is taken.
        Assert.InRange(others.Count(o => set.MayContain(Raw(o))), 0, others.Count / 8);

        foreach (var o in colored.Take(30_000)) set.Spend(o);
        Assert.All(colored.Take(30_000), o => Assert.False(set.Contains(Raw(o))));
        Assert.All(colored.Skip(30_000), o => Assert.True(set.MayContain(Raw(o)) && set.Contains(Raw(o))));
    }

    [Fact]
    public void Outpoints_sharing_a_bucket_past_its_counter_stay_exact()
    {
        // Same first 8 txid bytes and the same vout: the same bucket whatever the process's seed; 300 of them saturate
        // its one-byte counter.
        var set = new ColoredUtxoSet();
        var random = new Random(11);
        var shared = Enumerable.Range(0, 301).Select(_ => new OutPoint(HashWithPrefix(random, 0x0102030405060708), 1)).ToList();
        foreach (var o in shared.Take(300)) set.Add(Row(o));
        Assert.True(set.Contains(Raw(shared[299])));
        Assert.False(set.Contains(Raw(shared[300])));

        foreach (var o in shared.Take(300)) set.Spend(o);
        Assert.Equal(0, set.Count);
        Assert.All(shared, o => Assert.False(set.Contains(Raw(o))));
        set.Add(Row(shared[300]));
        Assert.True(set.Contains(Raw(shared[300])));
        Assert.False(set.Contains(Raw(shared[0])));
    }

    [Fact]
    public void The_scans_outpoint_hashes_give_the_answers_the_outpoints_bytes_give()
    {
        // A block of 300 transactions with 1 to 4 inputs each; a third of the outpoints they spend are colored (some
        // already spent again), so that both answers of both lookups occur, while the set grows past its first buckets.
        var random = new Random(11);
        var network = Network.RegTest;
        var block = network.Consensus.ConsensusFactory.CreateBlock();
        var coinbase = network.CreateTransaction();
        coinbase.Inputs.Add(new TxIn(new OutPoint()));
        coinbase.Outputs.Add(new TxOut(Money.Coins(1), Script.Empty));
        block.Transactions.Add(coinbase);
        var set = new ColoredUtxoSet();
        for (var i = 0; i < 20_000; i++) set.Add(Row(new OutPoint(Hash(random), 0)));
        for (var t = 0; t < 300; t++)
        {
            var tx = network.CreateTransaction();
            for (var j = random.Next(1, 5); j > 0; j--)
            {
                var spent = new OutPoint(Hash(random), (uint)random.Next(0, 4));
                if (random.Next(3) == 0) set.Add(Row(spent));
                if (random.Next(10) == 0) set.Spend(spent);
                tx.Inputs.Add(new TxIn(spent));
            }
            tx.Outputs.Add(new TxOut(Money.Satoshis(1000), Script.Empty));
            block.Transactions.Add(tx);
        }
        var bytes = block.ToBytes();
        var parsed = BlockParser.Parse(new Explorer.BlockFiles.ChainBlock(1,
            new Explorer.BlockFiles.BlockRecord(0, 0, bytes.Length, block.GetHash(), uint256.Zero, 0, 0, block.Transactions.Count), bytes, null));
        Assert.NotNull(parsed.Layout.PrevoutHashes);
        var withoutHashes = parsed with { Layout = parsed.Layout with { PrevoutHashes = null } };

        // The block-wide marks (one pass over the hashes) equal the per-transaction guess; without hashes all are marked.
        var maybe = new bool[block.Transactions.Count + 5];
        maybe.AsSpan().Fill(true);
        set.MarkMaySpend(parsed, maybe);
        var allMarked = new bool[block.Transactions.Count];
        set.MarkMaySpend(withoutHashes, allMarked);
        Assert.All(allMarked, Assert.True);
        Assert.Throws<ArgumentException>(() => set.MarkMaySpend(parsed, new bool[block.Transactions.Count - 1]));

        var colored = 0;
        var marked = 0;
        for (var t = 1; t < block.Transactions.Count; t++)
        {
            var expected = block.Transactions[t].Inputs.Any(i => set.Contains(i.PrevOut));
            colored += expected ? 1 : 0;
            Assert.Equal(set.MaySpendColored(parsed, t), maybe[t]);
            marked += maybe[t] ? 1 : 0;
            Assert.Equal(expected, set.SpendsColored(parsed, t));
            Assert.Equal(expected, set.SpendsColored(withoutHashes, t));
            // The guess may say yes where the answer is no, never the reverse.
            if (expected) Assert.True(set.MaySpendColored(parsed, t));
            Assert.Equal(set.MaySpendColored(withoutHashes, t), set.MaySpendColored(parsed, t));
        }
        Assert.InRange(colored, 50, 280);
        Assert.InRange(marked, colored, 299);
        for (var i = 0; i < parsed.Layout.PrevoutOffsets.Length; i++)
        {
            var at = parsed.Layout.PrevoutOffsets[i];
            Assert.Equal(ColoredUtxoSet.OutpointHash(BitConverter.ToUInt64(bytes, at), BitConverter.ToUInt32(bytes, at + 32)), parsed.Layout.PrevoutHashes![i]);
        }
    }

    private static uint256 Hash(Random random)
    {
        var bytes = new byte[32];
        random.NextBytes(bytes);
        return new uint256(bytes);
    }

    private static uint256 HashWithPrefix(Random random, ulong low)
    {
        var bytes = new byte[32];
        random.NextBytes(bytes);
        BitConverter.TryWriteBytes(bytes, low);
        return new uint256(bytes);
    }

    private static byte[] Raw(OutPoint o) => o.ToBytes();

    private static ColoredOutputRow Row(OutPoint o) => new("colu", "La1", o.Hash.ToString(), o.N, 0, 1, "addr", "51", 600, 1, "block",
        "", -1, -1, "");
}
