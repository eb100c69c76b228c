using System.Collections.Immutable;
using NBitcoin;

namespace Explorer.BlockFiles.Tests;

/// <summary>
/// Undo matching between sibling blocks. Core keys an undo record's checksum by the parent hash
/// (src/node/blockstorage.cpp <c>WriteBlockUndo</c>: "hasher &lt;&lt; block.pprev-&gt;GetBlockHash() &lt;&lt; blockundo"), so a
/// stale sibling's record passes the checksum of the winner too; the record's per-transaction input counts
/// (src/undo.h: one <c>Coin</c> per input, one <c>CTxUndo</c> per non-coinbase transaction) tell them apart.
/// Core writes undo in connection order: the stale branch is connected (and its undo written) before the reorg.
/// https://github.com/bitcoin/bitcoin/blob/master/src/node/blockstorage.cpp
/// </summary>
[Trait("Category", "Unit")]
public class SiblingUndoTests : IDisposable
{
    private static readonly byte[] Key = [1, 2, 3, 4, 5, 6, 7, 8];
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "blockfiles-siblings-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, true);
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Winner_gets_its_own_undo_when_the_stale_sibling_was_connected_first()
    {
        // Same transaction count (2), different input counts: the winner's second tx spends 1 output, the stale one's 2.
        var (winner, stale) = Forge(winnerInputs: 1, staleInputs: 2);

        using var reader = BlocksFolderReader.Open(_dir, NetworkMagic.RegTest);
        var active = reader.ReadActiveChain().ToList();
        Assert.Equal(3, active.Count);
        Assert.Equal(winner.Block.GetHash(), active[1].Record.Hash);
        AssertUndo(winner.Undo, active[1].Undo!);
        Assert.True(reader.TryReadUndo(Record(reader, stale.Block), out var staleUndo, out _));
        AssertUndo(stale.Undo, staleUndo);
    }

    [Fact]
    public void Stale_sibling_asked_after_the_winner_still_gets_its_own_undo()
    {
        var (winner, stale) = Forge(winnerInputs: 3, staleInputs: 1);

        using var reader = BlocksFolderReader.Open(_dir, NetworkMagic.RegTest);
        Assert.True(reader.TryReadUndo(Record(reader, winner.Block), out var winnerUndo, out _));
        AssertUndo(winner.Undo, winnerUndo);
        Assert.True(reader.TryReadUndo(Record(reader, stale.Block), out var staleUndo, out _));
        AssertUndo(stale.Undo, staleUndo);
    }

    [Fact]
    public void Structurally_identical_siblings_follow_connection_order()
    {
        // Same input counts, different spent values: the stale sibling's record (written first) goes to the stale block.
        var (winner, stale) = Forge(winnerInputs: 2, staleInputs: 2);

        using var reader = BlocksFolderReader.Open(_dir, NetworkMagic.RegTest);
        var active = reader.ReadActiveChain().ToList();
        AssertUndo(winner.Undo, active[1].Undo!);
        Assert.True(reader.TryReadUndo(Record(reader, stale.Block), out var staleUndo, out _));
        AssertUndo(stale.Undo, staleUndo);
    }

    private static BlockRecord Record(BlocksFolderReader reader, Block block) =>
        reader.Blocks.Single(b => b.Hash == block.GetHash());

    private static void AssertUndo(BlockUndo expected, BlockUndo actual)
    {
        Assert.Equal(expected.Transactions.Length, actual.Transactions.Length);
        for (var t = 0; t < expected.Transactions.Length; t++)
        {
            Assert.Equal(expected.Transactions[t].Select(o => o.Value), actual.Transactions[t].Select(o => o.Value));
        }
    }

    /// <summary>
    /// Genesis, a stale block and the winner at height 1 (both with two transactions), a child of the winner at
    /// height 2. Rev order: stale (connected first), winner (after the reorg), child.
    /// </summary>
    private ((Block Block, BlockUndo Undo) Winner, (Block Block, BlockUndo Undo) Stale) Forge(int winnerInputs, int staleInputs)
    {
        var genesis = MakeBlock(uint256.Zero, 0, []);
        var stale = MakeBlock(genesis.GetHash(), 1, [staleInputs]);
        var winner = MakeBlock(genesis.GetHash(), 2, [winnerInputs]);
        var child = MakeBlock(winner.GetHash(), 3, [1]);
        var staleUndo = Undo(1000, staleInputs);
        var winnerUndo = Undo(2000, winnerInputs);
        using var writer = new BlocksFolderWriter(_dir, NetworkMagic.RegTest, Key);
        foreach (var block in new[] { genesis, stale, winner, child })
        {
            writer.WriteBlock(block.ToBytes());
        }

        writer.WriteUndo(0, genesis.GetHash(), staleUndo);
        writer.WriteUndo(0, genesis.GetHash(), winnerUndo);
        writer.WriteUndo(0, winner.GetHash(), Undo(3000, 1));
        return ((winner, winnerUndo), (stale, staleUndo));
    }

    private static BlockUndo Undo(long baseValue, int inputs) =>
        new([Enumerable.Range(0, inputs).Select(i => new SpentOutput(baseValue + i, [0x51], 1, false)).ToImmutableArray()]);

    private static Block MakeBlock(uint256 previous, int salt, int[] inputCounts)
    {
        var block = Network.RegTest.Consensus.ConsensusFactory.CreateBlock();
        block.Header.HashPrevBlock = previous;
        block.Header.BlockTime = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000 + salt);
        block.Header.Bits = new Target(0x207fffff);
        var coinbase = Network.RegTest.CreateTransaction();
        coinbase.Inputs.Add(new TxIn(new Script(Op.GetPushOp(salt + 1), Op.GetPushOp(salt + 100))));
        coinbase.Outputs.Add(Money.Coins(50), new Script(OpcodeType.OP_TRUE));
        block.Transactions.Add(coinbase);
        foreach (var count in inputCounts)
        {
            var tx = Network.RegTest.CreateTransaction();
            for (var i = 0; i < count; i++)
            {
                tx.Inputs.Add(new TxIn(new OutPoint(new uint256(RandomUtils.GetBytes(32)), (uint)i)));
            }

            tx.Outputs.Add(Money.Coins(1), new Script(OpcodeType.OP_TRUE));
            block.Transactions.Add(tx);
        }

        block.UpdateMerkleRoot();
        return block;
    }
}
