using System.Collections.Immutable;
using Explorer.BlockFiles;
using Explorer.Indexer.Counterparty;
using Explorer.Indexer.Pipeline;
using Explorer.Protocols.Decoding;
using NBitcoin;

namespace Explorer.Indexer.Tests;

/// <summary>
/// The taproot reveal-source cache keyed by P2TR output key: a reveal gets the funder of the transaction that created
/// the output it spends (counterparty-core backend/bitcoind.py get_reveal_prevouts), also when several transactions pay
/// the same key (told apart by txid, with the merkle-root check's txids or without them: a later payment to a reused
/// key at the same index and amount must not take an older commit's reveal),
/// only payers before the reveal, and nothing once the payer's block left the window or the bounded cache.
/// </summary>
[Trait("Category", "Unit")]
public sealed class RevealFundingCacheTests
{
    private static readonly byte[] KeyA = Enumerable.Repeat((byte)0xAA, 32).ToArray();
    private static readonly byte[] KeyB = Enumerable.Repeat((byte)0xBB, 32).ToArray();

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void A_reveal_gets_the_funder_of_the_commit_that_created_its_output(bool withTxids, bool serializedUndo)
    {
        // Funders of three script kinds, kept as Core's undo data compresses them: P2PKH (special form 0), P2PK with a
        // compressed key (special form 2 or 3), and a 1-of-2 bare multisig (raw, longer than most). From serialized undo
        // data (a blocks folder) and from parsed outputs (a node's verbose block) alike.
        var (parsed, txs, funders) = Block(withTxids, serializedUndo);
        var cache = Observed(parsed, capacity: 100);

        // txs[1], txs[2] and txs[4] pay key A (address reuse; txs[4] the same amount as txs[1]), txs[3] pays key B;
        // txs[2] has a witness.
        Assert.Equal(funders[2], Funding(cache, txs[2], KeyA));
        Assert.Equal(funders[3], Funding(cache, txs[3], KeyB));
        Assert.Equal(funders[4], Funding(cache, txs[4], KeyA));
        // Same key, index and amount: the txids tell txs[1] from the later txs[4], with the merkle check's txids or
        // with the payers' own (until session 7 the newest, txs[4], was taken without the check).
        Assert.Equal(funders[1], Funding(cache, txs[1], KeyA));
        // An outpoint no recorded payer created, with a known key, index and amount: nothing matches.
        var stranger = Outpoint(Network.RegTest.CreateTransaction(), 1);
        Assert.Null(Describe(cache.For(stranger, Taproot(KeyA), 332, 1)));
        // The right txid and index with another amount (undo data that disagrees with the block): nothing either.
        Assert.Null(cache.For(Outpoint(txs[1], 1), Taproot(KeyA), 330, 1));
        // Only payers before the reveal in its own block: a commit cannot follow its reveal.
        Assert.Null(Funding(cache, txs[3], KeyB, height: 1, txIndex: 3));
        Assert.Equal(funders[3], Funding(cache, txs[3], KeyB, height: 1, txIndex: 4));
        // Not a P2TR output, or an unknown key: no source.
        Assert.Null(cache.For(Outpoint(txs[1], 1), new Script(OpcodeType.OP_TRUE).ToBytes(), 331, 1));
        Assert.Null(cache.For(Outpoint(txs[1], 1), Taproot(Enumerable.Repeat((byte)0xCC, 32).ToArray()), 331, 1));
    }

    [Fact]
    public void Whole_blocks_leave_oldest_first_past_the_capacity_and_a_reorg_replaces_blocks()
    {
        // Ten blocks of two payers each into a cache of five payers: after each block the oldest leave until at most five
        // are held (the newest block always stays), so two blocks remain.
        var blocks = Enumerable.Range(0, 10).Select(h => Payers(h)).ToList();
        var cache = new RevealFundingCache(capacity: 5, window: 100);
        foreach (var (parsed, _) in blocks) cache.Observe(parsed);
        Assert.Equal(4, cache.Count);
        Assert.Null(Funding(cache, blocks[7].Txs[1], OwnKey(7), 9));
        Assert.Equal(DescribeFunder(blocks[8].Parsed, blocks[8].Txs[1]), Funding(cache, blocks[8].Txs[1], OwnKey(8), 9));
        Assert.Equal(DescribeFunder(blocks[9].Parsed, blocks[9].Txs[2]), Funding(cache, blocks[9].Txs[2], KeyA, 9));

        // A reorg: another block 8 (other payers) replaces blocks 8 and 9.
        var other = Payers(8, salt: 1);
        cache.Observe(other.Parsed);
        Assert.Equal(2, cache.Count);
        Assert.Null(Funding(cache, blocks[8].Txs[1], OwnKey(8), 8));
        Assert.Null(Funding(cache, blocks[9].Txs[1], OwnKey(9), 9));
        Assert.Equal(DescribeFunder(other.Parsed, other.Txs[1]), Funding(cache, other.Txs[1], OwnKey(8), 8));
        cache.Clear();
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Many_payers_of_few_keys_in_one_block()
    {
        // 3,000 payers of 1,500 keys (each key paid twice, same index and amount) in one block: every payer is found,
        // with the merkle check's txids or the payers' own.
        var (parsed, txs) = ManyPayers(3000);
        foreach (var withTxids in new[] { true, false })
        {
            var cache = new RevealFundingCache();
            cache.Observe(withTxids ? BlockParser.VerifyMerkleRoot(parsed) : parsed);
            Assert.Equal(3000, cache.Count);
            for (var i = 1; i <= 3000; i++)
            {
                var found = cache.For(Outpoint(txs[i], 0), Taproot(KeyOf(i)), 330, 1);
                var expected = i;
                Assert.NotNull(found);
                Assert.Equal(new uint256(Enumerable.Repeat((byte)(expected % 251), 32).ToArray()), found.OutPoint.Hash);
                Assert.Equal((uint)expected, found.OutPoint.N);
            }
        }
    }

    [Fact]
    public void A_payers_amount_behind_a_non_canonical_script_length_is_left_unknown()
    {
        // The scanner accepts a script length in a longer CompactSize than needed (Core refuses such blocks before
        // storing them); the payer's amount is then not read from a wrong place, and unknown, it matches nothing.
        foreach (var nonCanonical in new[] { false, true })
        {
            var block = Network.RegTest.Consensus.ConsensusFactory.CreateBlock();
            var coinbase = Network.RegTest.CreateTransaction();
            coinbase.Inputs.Add(new TxIn(new Script(Op.GetPushOp(1), OpcodeType.OP_0)));
            coinbase.Outputs.Add(new TxOut(Money.Coins(50), new Script(OpcodeType.OP_TRUE)));
            block.Transactions.Add(coinbase);
            var payer = Network.RegTest.CreateTransaction();
            payer.Inputs.Add(new TxIn(new OutPoint(uint256.One, 0)));
            payer.Outputs.Add(new TxOut(Money.Satoshis(777), new Script(Taproot(KeyA))));
            block.Transactions.Add(payer);
            var bytes = block.ToBytes();
            if (nonCanonical)
            {
                var at = bytes.AsSpan().IndexOf((byte[])[0x22, 0x51, 0x20, .. KeyA]);
                bytes = [.. bytes[..at], 0xfd, 0x22, 0x00, .. bytes[(at + 1)..]];
            }
            var record = new BlockRecord(0, 0, bytes.Length, block.GetHash(), uint256.Zero, block.Header.Bits, 0, 2);
            var undo = new BlockUndo([[new SpentOutput(5000, new Script(OpcodeType.OP_TRUE).ToBytes(), 1, false)]]);
            var parsed = BlockParser.Parse(new ChainBlock(1, record, bytes, undo));
            var cache = new RevealFundingCache();
            cache.Observe(parsed);
            Assert.Equal(1, cache.Count);
            Assert.Equal(nonCanonical, cache.For(Outpoint(payer, 0), Taproot(KeyA), 777, 1) is null);
            // Nor does what the 8 bytes before the canonical place hold (two of the amount's, the length's first two).
            var key = parsed.Layout.TaprootKeys[0].KeyOffset;
            if (nonCanonical) Assert.Null(cache.For(Outpoint(payer, 0), Taproot(KeyA), BitConverter.ToInt64(bytes, key - 11), 1));
        }
    }

    public enum Txids { MerkleCheck, HashedPayers, ReadAgain }

    [Theory]
    [InlineData(Txids.MerkleCheck)]
    [InlineData(Txids.HashedPayers)]
    [InlineData(Txids.ReadAgain)]
    public void A_later_payment_to_a_reused_key_does_not_take_an_older_commits_reveal(Txids txids)
    {
        // Block 1: a commit paying key A at output 0 and key B at output 1, then key A again at output 2 (one transaction
        // with three payers: its txid is hashed once). Block 2: another spender pays key A the same amount at output 0, as
        // anyone can who saw the commit. A reveal at height 3 spending the commit's output 0 still gets the commit's funder.
        // The payers' txids come from the merkle check, or are hashed for the payers alone (a node's blocks), or, from a
        // blocks folder, read again and hashed only for the payers a reveal's key, index and amount point at.
        var cache = new RevealFundingCache();
        var reads = new List<int>();
        var commit = Commit(1, [KeyA, KeyB, KeyA], txids, cache, reads);
        var copy = Commit(2, [KeyA], txids, cache, reads);
        Assert.Equal(4, cache.Count);
        Assert.Empty(reads);
        Assert.Equal(DescribeFunder(commit.Parsed, commit.Tx), Funding(cache, commit.Tx, KeyA, height: 3));
        // Read again: block 2's payer (same key, index and amount: hashed, another txid), then the commit's output 0
        // (output 2 has another index: not read).
        Assert.Equal(txids == Txids.ReadAgain ? [2, 1] : [], reads);
        Assert.Equal(DescribeFunder(copy.Parsed, copy.Tx), Funding(cache, copy.Tx, KeyA, height: 3));
        Assert.Equal(DescribeFunder(commit.Parsed, commit.Tx), Describe(cache.For(Outpoint(commit.Tx, 1), Taproot(KeyB), 330, 3)));
        Assert.Equal(DescribeFunder(commit.Parsed, commit.Tx), Describe(cache.For(Outpoint(commit.Tx, 2), Taproot(KeyA), 330, 3)));
        Assert.Equal(DescribeFunder(commit.Parsed, commit.Tx), Funding(cache, commit.Tx, KeyA, height: 3));
        // Each payer is read at most once (then its txid is kept): block 1's three payers and block 2's one.
        Assert.Equal(txids == Txids.ReadAgain ? [2, 1, 1, 1] : [], reads);
        Assert.NotEqual(DescribeFunder(commit.Parsed, commit.Tx), DescribeFunder(copy.Parsed, copy.Tx));
        // An outpoint no payer created, with a known key, index and amount: nothing (and nothing more is read).
        Assert.Null(cache.For(Outpoint(Network.RegTest.CreateTransaction(), 0), Taproot(KeyA), 330, 3));
    }

    // A block at a height: a coinbase and one transaction (with a witness) paying 330 satoshis to each key in order.
    private static (ParsedBlock Parsed, Transaction Tx) Commit(int height, byte[][] keys, Txids txids, RevealFundingCache cache, List<int> reads)
    {
        var block = Network.RegTest.Consensus.ConsensusFactory.CreateBlock();
        var coinbase = Network.RegTest.CreateTransaction();
        coinbase.Inputs.Add(new TxIn(new Script(Op.GetPushOp(height), OpcodeType.OP_0)));
        coinbase.Outputs.Add(new TxOut(Money.Coins(50), new Script(OpcodeType.OP_TRUE)));
        block.Transactions.Add(coinbase);
        var tx = Network.RegTest.CreateTransaction();
        tx.Inputs.Add(new TxIn(new OutPoint(new uint256(Enumerable.Repeat((byte)(40 + height), 32).ToArray()), 7)));
        tx.Inputs[0].WitScript = new WitScript(Op.GetPushOp([1, 2, 3]));
        foreach (var key in keys) tx.Outputs.Add(new TxOut(Money.Satoshis(330), new Script(Taproot(key))));
        block.Transactions.Add(tx);
        block.UpdateMerkleRoot();
        var bytes = block.ToBytes();
        var record = new BlockRecord(0, 0, bytes.Length, block.GetHash(), uint256.Zero, block.Header.Bits,
            (uint)block.Header.BlockTime.ToUnixTimeSeconds(), block.Transactions.Count);
        var funder = new Key().PubKey.Hash.ScriptPubKey;
        var undo = BlockUndo.FromSerialized(UndoSerializer.Serialize(new BlockUndo([[new SpentOutput(9000 + height, funder.ToBytes(), 1, false)]])));
        // The stored copy a blocks folder would read again (the block's own bytes may have gone back to a pool).
        var stored = bytes.ToArray();
        var source = new ChainBlock(height, record, bytes, undo)
        {
            ReadAgain = txids == Txids.ReadAgain ? (offset, destination) => { reads.Add(height); stored.AsSpan(offset, destination.Length).CopyTo(destination); } : null,
        };
        var parsed = BlockParser.Parse(source);
        if (txids == Txids.MerkleCheck) parsed = BlockParser.VerifyMerkleRoot(parsed);
        cache.Observe(parsed);
        Array.Clear(bytes);
        return (parsed with { Source = new ChainBlock(height, record, stored, undo) }, tx);
    }

    private static byte[] KeyOf(int i)
    {
        var key = new byte[32];
        BitConverter.TryWriteBytes(key, (i - 1) % 1500);
        key[31] = 0x5A;
        return key;
    }

    [Fact]
    public void A_reveal_finds_the_same_payers_whether_or_not_the_indexer_restarted()
    {
        // 120 blocks, each with one payer of its own key and one payer of a key shared by every block (address reuse).
        // One cache sees every block; another starts at block 80 after a warm-up of the window's 30 blocks below it, as
        // the indexer does after a restart (Indexer:RevealWarmupBlocks). Every reveal from block 80 on, spending any
        // payer's output, gets the same answer from both.
        const int Window = 30;
        const int Restart = 80;
        var blocks = Enumerable.Range(0, 120).Select(h => Payers(h)).ToList();
        var whole = new RevealFundingCache(window: Window);
        var restarted = new RevealFundingCache(window: Window);
        var unbounded = new RevealFundingCache(window: 10_000);
        var found = 0;
        for (var reveal = 0; reveal < 120; reveal++)
        {
            var parsed = blocks[reveal].Parsed;
            whole.Observe(parsed);
            unbounded.Observe(parsed);
            if (reveal >= Restart - Window) restarted.Observe(parsed);
            if (reveal < Restart) continue;
            // Payers up to the reveal's block: the pipeline records none after it before the reveal is looked at.
            for (var h = 0; h <= reveal; h++)
            {
                var (_, txs) = blocks[h];
                foreach (var (tx, key) in new[] { (txs[1], OwnKey(h)), (txs[2], KeyA) })
                {
                    var expected = reveal - h <= Window ? DescribeFunder(blocks[h].Parsed, tx) : null;
                    Assert.Equal(expected, Funding(whole, tx, key, reveal));
                    Assert.Equal(expected, Funding(restarted, tx, key, reveal));
                    found += expected is null ? 0 : 1;
                }
            }
        }
        Assert.True(found > 1000, $"only {found} reveals found a funder");
        // Blocks out of the window leave; without the window, the uninterrupted cache answers where the restarted one
        // cannot: what the window removes.
        Assert.Equal(2 * (Window + 1), whole.Count);
        Assert.NotNull(Funding(unbounded, blocks[10].Txs[1], OwnKey(10), Restart));
        Assert.Null(Funding(restarted, blocks[10].Txs[1], OwnKey(10), Restart));
    }

    private static string DescribeFunder(ParsedBlock parsed, Transaction tx)
    {
        var index = Array.FindIndex(Enumerable.Range(0, parsed.TransactionCount).ToArray(), i => parsed.Txid(i) == tx.GetHash());
        var spent = parsed.Source.Undo!.FirstSpent(index)!;
        return Describe(tx.Inputs[0].PrevOut, new TxOut(Money.Satoshis(spent.Value), new Script(spent.ScriptPubKey)));
    }

    private static byte[] OwnKey(int height)
    {
        var key = new byte[32];
        BitConverter.TryWriteBytes(key, height);
        key[31] = 0x77;
        return key;
    }

    // Block at a height: a coinbase, a payer of its own key, a payer of the shared key A (funders told apart by amount).
    private static (ParsedBlock Parsed, Transaction[] Txs) Payers(int height, int salt = 0)
    {
        var block = Network.RegTest.Consensus.ConsensusFactory.CreateBlock();
        var coinbase = Network.RegTest.CreateTransaction();
        coinbase.Inputs.Add(new TxIn(new Script(Op.GetPushOp(height), OpcodeType.OP_0)));
        coinbase.Outputs.Add(new TxOut(Money.Coins(50), new Script(OpcodeType.OP_TRUE)));
        block.Transactions.Add(coinbase);
        var spent = ImmutableArray.CreateBuilder<ImmutableArray<SpentOutput>>();
        foreach (var (key, n) in new[] { (OwnKey(height), 0), (KeyA, 1) })
        {
            var tx = Network.RegTest.CreateTransaction();
            tx.Inputs.Add(new TxIn(new OutPoint(new uint256(Enumerable.Repeat((byte)((height + salt * 100) % 251), 32).ToArray()), (uint)(height * 2 + n))));
            tx.Outputs.Add(new TxOut(Money.Satoshis(330), new Script(Taproot(key))));
            block.Transactions.Add(tx);
            spent.Add([new SpentOutput(10_000 + height * 2 + n, new Script(OpcodeType.OP_TRUE).ToBytes(), 1, false)]);
        }
        block.UpdateMerkleRoot();
        var bytes = block.ToBytes();
        var record = new BlockRecord(0, 0, bytes.Length, block.GetHash(), uint256.Zero, block.Header.Bits,
            (uint)block.Header.BlockTime.ToUnixTimeSeconds(), block.Transactions.Count);
        // With the merkle check's txids, as the indexer's pipeline gives them: payers of the shared key are told apart.
        return (BlockParser.VerifyMerkleRoot(BlockParser.Parse(new ChainBlock(height, record, bytes, new BlockUndo(spent.ToImmutable())))),
            [.. block.Transactions]);
    }

    // The reveal spends the commit's P2TR output paying the key (its index and amount from the commit).
    private static string? Funding(RevealFundingCache cache, Transaction commit, byte[] key, int height = 1, int txIndex = int.MaxValue)
    {
        var vout = commit.Outputs.FindIndex(o => o.ScriptPubKey.ToBytes().AsSpan().SequenceEqual(Taproot(key)));
        return Describe(cache.For(Outpoint(commit, vout), Taproot(key), commit.Outputs[vout].Value.Satoshi, height, txIndex));
    }

    private static (ParsedBlock, Transaction[]) ManyPayers(int count)
    {
        var block = Network.RegTest.Consensus.ConsensusFactory.CreateBlock();
        var coinbase = Network.RegTest.CreateTransaction();
        coinbase.Inputs.Add(new TxIn(new Script(Op.GetPushOp(1), OpcodeType.OP_0)));
        coinbase.Outputs.Add(new TxOut(Money.Coins(50), new Script(OpcodeType.OP_TRUE)));
        block.Transactions.Add(coinbase);
        var spent = ImmutableArray.CreateBuilder<ImmutableArray<SpentOutput>>();
        for (var i = 1; i <= count; i++)
        {
            var tx = Network.RegTest.CreateTransaction();
            tx.Inputs.Add(new TxIn(new OutPoint(new uint256(Enumerable.Repeat((byte)(i % 251), 32).ToArray()), (uint)i)));
            tx.Outputs.Add(new TxOut(Money.Satoshis(330), new Script(Taproot(KeyOf(i)))));
            block.Transactions.Add(tx);
            spent.Add([new SpentOutput(1000 + i, new Script(OpcodeType.OP_TRUE).ToBytes(), 1, false)]);
        }
        block.UpdateMerkleRoot();
        var bytes = block.ToBytes();
        var record = new BlockRecord(0, 0, bytes.Length, block.GetHash(), uint256.Zero, block.Header.Bits,
            (uint)block.Header.BlockTime.ToUnixTimeSeconds(), block.Transactions.Count);
        return (BlockParser.Parse(new ChainBlock(1, record, bytes, new BlockUndo(spent.ToImmutable()))), [.. block.Transactions]);
    }

    private static RevealFundingCache Observed(ParsedBlock parsed, int capacity)
    {
        var cache = new RevealFundingCache(capacity);
        cache.Observe(parsed);
        return cache;
    }

    private static string? Describe(RevealFunding? funding) => funding is null ? null : Describe(funding.OutPoint, funding.Output);

    private static string Describe(OutPoint outpoint, TxOut output) => $"{outpoint} {output.Value.Satoshi} {output.ScriptPubKey.ToHex()}";

    private static byte[] Outpoint(Transaction commit, int vout)
    {
        var bytes = new byte[36];
        commit.GetHash().ToBytes(bytes.AsSpan(0, 32));
        BitConverter.TryWriteBytes(bytes.AsSpan(32), (uint)vout);
        return bytes;
    }

    private static byte[] Taproot(byte[] key) => [0x51, 0x20, .. key];

    private static (ParsedBlock, Transaction[], string?[]) Block(bool withTxids, bool serializedUndo)
    {
        var block = Network.RegTest.Consensus.ConsensusFactory.CreateBlock();
        var coinbase = Network.RegTest.CreateTransaction();
        coinbase.Inputs.Add(new TxIn(new Script(Op.GetPushOp(1), OpcodeType.OP_0)));
        coinbase.Outputs.Add(new TxOut(Money.Coins(50), new Script(OpcodeType.OP_TRUE)));
        block.Transactions.Add(coinbase);
        var funders = new string?[5];
        var spent = ImmutableArray.CreateBuilder<ImmutableArray<SpentOutput>>();
        foreach (var (i, key, witness) in new[] { (1, KeyA, false), (2, KeyA, true), (3, KeyB, false), (4, KeyA, false) })
        {
            var tx = Network.RegTest.CreateTransaction();
            var prevout = new OutPoint(RandomUtils.GetUInt256(), (uint)i);
            tx.Inputs.Add(new TxIn(prevout));
            if (witness) tx.Inputs[0].WitScript = new WitScript(Op.GetPushOp([1, 2, 3]));
            tx.Outputs.Add(new TxOut(Money.Satoshis(1000 + i), new Script(OpcodeType.OP_TRUE)));
            // Output 1 pays the key: 331, 332, 333, and 331 again for txs[4].
            tx.Outputs.Add(new TxOut(Money.Satoshis(330 + (i == 4 ? 1 : i)), new Script(Taproot(key))));
            block.Transactions.Add(tx);
            var funderScript = i switch
            {
                1 => new Key().PubKey.Hash.ScriptPubKey,
                2 or 4 => new Key().PubKey.ScriptPubKey,
                _ => PayToMultiSigTemplate.Instance.GenerateScriptPubKey(1, new Key().PubKey, new Key().PubKey),
            };
            funders[i] = Describe(prevout, new TxOut(Money.Satoshis(5000 * i), funderScript));
            spent.Add([new SpentOutput(5000 * i, funderScript.ToBytes(), 1, false)]);
        }
        block.UpdateMerkleRoot();
        var bytes = block.ToBytes();
        var record = new BlockRecord(0, 0, bytes.Length, block.GetHash(), uint256.Zero, block.Header.Bits,
            (uint)block.Header.BlockTime.ToUnixTimeSeconds(), block.Transactions.Count);
        var undo = new BlockUndo(spent.ToImmutable());
        if (serializedUndo) undo = BlockUndo.FromSerialized(UndoSerializer.Serialize(undo));
        var parsed = BlockParser.Parse(new ChainBlock(1, record, bytes, undo));
        if (withTxids) parsed = BlockParser.VerifyMerkleRoot(parsed);
        // The scanner found the three keys (the coinbase pays none), and the payers carry their funders' places.
        Assert.Equal([1, 2, 3, 4], parsed.Layout.TaprootKeys.Select(k => k.Tx));
        Assert.Equal([1, 1, 1, 1], parsed.Layout.TaprootKeys.Select(k => k.Output));
        Assert.Equal(serializedUndo ? [0, 0, 0, 0] : [-1, -1, -1, -1], BlockParser.TaprootPayers(parsed).Select(p => Math.Min(0, p.FunderAt)));
        Assert.Equal(withTxids, parsed.Txids is not null);
        return (parsed, [.. block.Transactions], funders);
    }
}
