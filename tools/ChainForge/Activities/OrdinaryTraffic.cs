using System.Text.Json.Nodes;
using Explorer.ChainForge.Chain;
using Explorer.ChainForge.Wallet;
using NBitcoin;

namespace Explorer.ChainForge.Activities;

/// <summary>
/// Ordinary Bitcoin payments between wallet addresses of every kind (P2PKH, P2WPKH, P2SH-P2WPKH, P2TR): 1 to 3 inputs,
/// 1 to 3 outputs, standard fee rates (1 to 10 sat/vB, above the 1 sat/vB relay minimum), outputs above dust.
/// When the pool of spendable coins is short, a large coin is fanned out into many outputs first.
/// Transactions are signed in parallel when the block is finished.
/// </summary>
public sealed class OrdinaryTraffic(int transactionsPerBlock, int poolTarget) : IScenarioActivity
{
    public const long MinOutput = 10_000;
    private const int MaxFanOut = 1_000;
    private long _payments;

    public string Name => "ordinary";

    public void Contribute(BlockContext block)
    {
        var budget = transactionsPerBlock;
        while (block.PoolSize < poolTarget && budget > 0 && block.Weight < block.MaxWeight / 2)
        {
            if (!FanOut(block, poolTarget - block.PoolSize))
            {
                break;
            }

            budget--;
        }

        for (var i = 0; i < budget; i++)
        {
            if (!Payment(block))
            {
                break;
            }
        }
    }

    public object SaveState() => _payments;

    public void RestoreState(object state) => _payments = (long)state;

    public JsonNode FinalState() => new JsonObject { ["payments"] = _payments };

    public static int OutputSize(ScriptKind kind) => kind switch
    {
        ScriptKind.P2pkh => 34,
        ScriptKind.P2wpkh => 31,
        ScriptKind.P2shP2wpkh => 32,
        _ => 43,
    };

    private static bool FanOut(BlockContext block, int wanted)
    {
        var coin = block.TakeLargestCoin();
        if (coin is null)
        {
            return false;
        }

        var outputs = Math.Clamp(wanted, 2, MaxFanOut);
        var vsize = 11 + TransactionSigner.EstimateInputVSize(coin.Owner.Kind) + (outputs * 43);
        var fee = BlockContext.FeeFor(vsize, 2);
        var each = (coin.TxOut.Value - fee).Satoshi / outputs;
        if (each < MinOutput * 4)
        {
            outputs = (int)Math.Max(1, (coin.TxOut.Value - fee).Satoshi / (MinOutput * 4));
            each = (coin.TxOut.Value - fee).Satoshi / outputs;
            if (each < MinOutput)
            {
                block.ReturnCoin(coin);
                return false;
            }
        }

        var tx = NewTransaction(coin);
        for (var i = 0; i < outputs; i++)
        {
            tx.Outputs.Add(new TxOut(Money.Satoshis(each), RandomAddress(block).ScriptPubKey));
        }

        block.Enqueue(tx, [coin], vsize * 4);
        return true;
    }

    private bool Payment(BlockContext block)
    {
        var roll = block.Random.Next(100);
        var inputCount = roll < 45 ? 1 : roll < 85 ? 2 : 3;
        var outputCount = block.Random.Next(100) switch { < 35 => 1, < 80 => 2, _ => 3 };
        var coins = new List<ForgeCoin>(inputCount);
        for (var i = 0; i < inputCount; i++)
        {
            var coin = block.TakeCoin(Money.Satoshis(MinOutput * 2));
            if (coin is null)
            {
                break;
            }

            coins.Add(coin);
        }

        if (coins.Count == 0)
        {
            return false;
        }

        var kinds = Enumerable.Range(0, outputCount).Select(_ => RandomAddress(block)).ToList();
        var vsize = 11 + coins.Sum(c => TransactionSigner.EstimateInputVSize(c.Owner.Kind)) + kinds.Sum(k => OutputSize(k.Kind));
        if (block.Weight + (vsize * 4) > block.MaxWeight)
        {
            coins.ForEach(block.ReturnCoin);
            return false;
        }

        var fee = BlockContext.FeeFor(vsize, 1 + block.Random.Next(10));
        var available = coins.Sum(c => c.TxOut.Value.Satoshi) - fee.Satoshi;
        while (kinds.Count > 1 && available < MinOutput * 2 * kinds.Count)
        {
            kinds.RemoveAt(kinds.Count - 1);
        }

        if (available < MinOutput)
        {
            coins.ForEach(block.ReturnCoin);
            return false;
        }
        var tx = NewTransaction(coins[0]);
        foreach (var coin in coins.Skip(1))
        {
            tx.Inputs.Add(new TxIn(coin.OutPoint));
        }

        // Split the amount: each output but the last gets a random share, never below MinOutput.
        var remaining = available;
        for (var i = 0; i < kinds.Count; i++)
        {
            var left = kinds.Count - i - 1;
            var value = left == 0 ? remaining : MinOutput + (long)(block.Random.NextDouble() * (remaining - (MinOutput * (left + 1))));
            if (value < MinOutput)
            {
                break;
            }

            tx.Outputs.Add(new TxOut(Money.Satoshis(value), kinds[i].ScriptPubKey));
            remaining -= value;
        }

        if (tx.Outputs.Count == 0 || remaining != 0)
        {
            coins.ForEach(block.ReturnCoin);
            return false;
        }

        block.Enqueue(tx, coins, vsize * 4);
        _payments++;
        return true;
    }

    private static Transaction NewTransaction(ForgeCoin first)
    {
        var tx = Transaction.Create(Network.RegTest);
        tx.Version = 2;
        tx.Inputs.Add(new TxIn(first.OutPoint));
        return tx;
    }

    private static WalletAddress RandomAddress(BlockContext block) =>
        block.Wallet.Addresses[block.Random.Next(block.Wallet.Addresses.Count)];
}
