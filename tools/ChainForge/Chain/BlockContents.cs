using Explorer.ChainForge.Activities;
using Explorer.ChainForge.Wallet;
using NBitcoin;

namespace Explorer.ChainForge.Chain;

/// <summary>The steps shared by the file forge and the live-node replay: fill a block, sign it, connect it.</summary>
public static class BlockContents
{
    /// <summary>Matures coinbases, lets every activity contribute, signs queued transactions in parallel, computes ids.</summary>
    public static (BlockContext Context, uint256[] Txids, uint256[] Wtxids) Prepare(int height, uint time, Random random,
        ForgeWallet wallet, CoinPool pool, IReadOnlyList<IScenarioActivity> activities, int maxWeight)
    {
        pool.Mature(height);
        var context = new BlockContext(height, time, random, wallet, pool, maxWeight);
        foreach (var activity in activities)
        {
            activity.Contribute(context);
        }

        var pending = context.Pending;
        Parallel.For(0, pending.Count, i =>
        {
            if (!pending[i].Signed)
            {
                TransactionSigner.Sign(pending[i].Tx, pending[i].Spent);
            }
        });
        var txids = new uint256[pending.Count];
        var wtxids = new uint256[pending.Count];
        Parallel.For(0, pending.Count, i =>
        {
            txids[i] = pending[i].Tx.GetHash();
            wtxids[i] = pending[i].Tx.GetWitHash();
        });
        return (context, txids, wtxids);
    }

    public static Money Fees(IEnumerable<BlockContext.PendingTransaction> pending)
    {
        var fees = Money.Zero;
        foreach (var p in pending)
        {
            fees += p.Spent.Sum(c => c.TxOut.Value.Satoshi) - p.Tx.Outputs.Sum(o => o.Value.Satoshi);
        }

        return fees;
    }

    /// <summary>New outputs paying to the wallet become spendable coins, except those an activity kept.</summary>
    public static void Connect(CoinPool pool, ForgeWallet wallet, IReadOnlyList<BlockContext.PendingTransaction> pending, IReadOnlyList<uint256> txids, int height)
    {
        for (var t = 0; t < pending.Count; t++)
        {
            var outputs = pending[t].Tx.Outputs;
            for (var o = 0; o < outputs.Count; o++)
            {
                if (!pending[t].Kept.Contains(o) && wallet.TryFind(outputs[o].ScriptPubKey, out var owner))
                {
                    pool.Add(new ForgeCoin(new OutPoint(txids[t], o), outputs[o], owner, height, false));
                }
            }
        }
    }
}
