using Explorer.Indexer.Mempool;
using Explorer.Indexer.Storage;
using NBitcoin;

namespace Explorer.Indexer.Tests.Mempool;

/// <summary>
/// The mempool's unconfirmed colored outputs (<see cref="UnconfirmedOutputs"/>): what a decoded transaction created is
/// found by outpoint until the transaction leaves, rows of outputs it spent are not taken for its own, and a sync orders
/// the fetched transactions parents first whatever order the node listed them in.
/// </summary>
public sealed class UnconfirmedOutputsTests
{
    private static readonly Network Net = Network.RegTest;

    [Fact]
    public void Created_outputs_are_found_by_outpoint_until_their_transaction_leaves()
    {
        var set = new UnconfirmedOutputs();
        var parent = Spending(new OutPoint(RandomUtils.GetUInt256(), 0));
        var id = parent.GetHash();
        // Two entries on output 0 (a Colu output may hold several), one on output 2, and the spent copy of an input's row.
        set.Created(id, [Row(id, 0, 0, 10), Row(id, 0, 1, 5), Row(id, 2, 0, 7), Row(RandomUtils.GetUInt256(), 3, 0, 9) with { SpentTxid = id.ToString() }]);

        Assert.Equal(2, set.Count);
        Assert.Equal([10UL, 5UL], set.On(new OutPoint(id, 0)).Select(r => r.Quantity));
        Assert.Equal([7UL], set.On(new OutPoint(id, 2)).Select(r => r.Quantity));
        Assert.Empty(set.On(new OutPoint(id, 1)));
        Assert.True(set.AnySpentBy(Spending(new OutPoint(id, 2))));
        Assert.False(set.AnySpentBy(Spending(new OutPoint(id, 1))));

        // Decoded again (after a restart): replaced, not doubled.
        set.Created(id, [Row(id, 0, 0, 10)]);
        Assert.Equal(1, set.Count);
        Assert.Equal([10UL], set.On(new OutPoint(id, 0)).Select(r => r.Quantity));

        set.Forget(id);
        Assert.Equal(0, set.Count);
        Assert.False(set.AnySpentBy(Spending(new OutPoint(id, 0))));
    }

    [Fact]
    public void A_sync_decodes_parents_before_their_children()
    {
        // A chain a -> b -> c, d spending both a and c, an unrelated e, and f whose fetch failed (null).
        var a = Spending(new OutPoint(RandomUtils.GetUInt256(), 0));
        var b = Spending(new OutPoint(a.GetHash(), 0));
        var c = Spending(new OutPoint(b.GetHash(), 1), new OutPoint(RandomUtils.GetUInt256(), 4));
        var d = Spending(new OutPoint(c.GetHash(), 0), new OutPoint(a.GetHash(), 1));
        var e = Spending(new OutPoint(RandomUtils.GetUInt256(), 0));
        var fetched = new Dictionary<uint256, Transaction?>
        {
            [d.GetHash()] = d, [c.GetHash()] = c, [e.GetHash()] = e, [b.GetHash()] = b, [a.GetHash()] = a,
            [RandomUtils.GetUInt256()] = null,
        };

        var order = UnconfirmedOutputs.ParentsFirst(fetched).Select(o => o.Txid).ToList();

        Assert.Equal(5, order.Count);
        Assert.Equal(order.Count, order.Distinct().Count());
        foreach (var (child, parent) in new[] { (b, a), (c, b), (d, c), (d, a) })
            Assert.True(order.IndexOf(child.GetHash()) > order.IndexOf(parent.GetHash()), $"{child.GetHash()} before its parent");
    }

    [Fact]
    public void A_cycle_in_a_garbage_answer_still_gives_each_transaction_once()
    {
        // Two transactions made to spend each other cannot both hash as such; a node's garbage answer can still map
        // txids to them that way.
        var x = Spending(new OutPoint(uint256.One, 0));
        var y = Spending(new OutPoint(uint256.Zero, 0));
        var fetched = new Dictionary<uint256, Transaction?> { [uint256.Zero] = x, [uint256.One] = y };
        Assert.Equal(2, UnconfirmedOutputs.ParentsFirst(fetched).Select(o => o.Txid).Distinct().Count());
    }

    private static Transaction Spending(params OutPoint[] outpoints)
    {
        var tx = Net.CreateTransaction();
        foreach (var outpoint in outpoints) tx.Inputs.Add(new TxIn(outpoint));
        tx.Outputs.Add(new TxOut(Money.Satoshis(1_000 + RandomUtils.GetInt32() % 1000), new Key().PubKey.WitHash.ScriptPubKey));
        return tx;
    }

    private static ColoredOutputRow Row(uint256 txid, uint n, ushort idx, ulong quantity) =>
        new("openassets", "AssetX", txid.ToString(), n, idx, quantity, "addr", "00", 600, 101, "", "", 0, 0, "");
}
