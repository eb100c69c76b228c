using System.Text.Json.Nodes;
using Explorer.ChainForge.Chain;
using Explorer.ChainForge.Wallet;
using NBitcoin;

namespace Explorer.ChainForge.Activities;

/// <summary>
/// Ordinary Bitcoin payments between wallet addresses of every kind (P2PKH, P2WPKH, P2SH-P2WPKH, P2TR key path, in the
/// proportions of the scenario's <see cref="ScriptMix"/>; outside payees too): 1 to 3 inputs,
/// 1 to 3 wallet outputs, standard fee rates (1 to 10 sat/vB, above the 1 sat/vB relay minimum), outputs above dust.
/// When the pool of spendable coins is short, a large coin is fanned out into many outputs first.
/// Payments may also go to up to <paramref name="maxExternalOutputs"/> outside payees (keys the forge never spends
/// from): they fill blocks to mainnet size without more signatures and without growing the coin pool.
/// Transactions are signed in parallel when the block is finished.
/// </summary>
public sealed class OrdinaryTraffic(int transactionsPerBlock, int poolTarget, int maxExternalOutputs, IReadOnlyList<WalletAddress> externalPayees,
    ScriptMix mix) : IScenarioActivity
{
    public const long MinOutput = 10_000;
    private const int MaxFanOut = 1_000;
    private readonly Dictionary<ScriptKind, List<WalletAddress>> _externalByKind =
        externalPayees.GroupBy(p => p.Kind).ToDictionary(g => g.Key, g => g.ToList());
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

        // Give up on this block after a run of failures (pool exhausted or block full).
        for (int i = 0, failures = 0; i < budget && failures < 16; i++)
        {
            failures = Payment(block) ? 0 : failures + 1;
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

    private bool FanOut(BlockContext block, int wanted)
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
        var inputCount = roll < 72 ? 1 : roll < 95 ? 2 : 3;
        var walletOutputs = block.Random.Next(100) switch { < 70 => 1, < 95 => 2, _ => 3 };
        var coins = new List<ForgeCoin>(inputCount);
        for (var i = 0; i < inputCount; i++)
        {
            var coin = block.TakeCoin(Money.Satoshis(MinOutput / 2));
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

        // Outside payees get small amounts (above every dust limit), the wallet outputs share the rest.
        var outputs = new List<(WalletAddress To, long Value)>();
        var external = maxExternalOutputs == 0 ? 0 : block.Random.Next(maxExternalOutputs + 1);
        for (var i = 0; i < external; i++)
        {
            outputs.Add((ExternalPayee(block), block.Random.Next(1_000, 5_001)));
        }

        var mine = Enumerable.Range(0, walletOutputs).Select(_ => RandomAddress(block)).ToList();
        var vsize = 11 + coins.Sum(c => TransactionSigner.EstimateInputVSize(c.Owner.Kind))
            + outputs.Sum(o => OutputSize(o.To.Kind)) + mine.Sum(m => OutputSize(m.Kind));
        if (block.Weight + (vsize * 4) > block.MaxWeight)
        {
            coins.ForEach(block.ReturnCoin);
            return false;
        }

        var fee = BlockContext.FeeFor(vsize, 1 + block.Random.Next(10));
        var available = coins.Sum(c => c.TxOut.Value.Satoshi) - fee.Satoshi - outputs.Sum(o => o.Value);
        while (mine.Count > 1 && available < MinOutput * 2 * mine.Count)
        {
            mine.RemoveAt(mine.Count - 1);
        }

        if (available < MinOutput)
        {
            // Too little left for payees: sweep everything into one wallet output (a consolidation).
            outputs.Clear();
            available = coins.Sum(c => c.TxOut.Value.Satoshi) - fee.Satoshi;
            if (available < 1_000)
            {
                coins.ForEach(block.ReturnCoin);
                return false;
            }
        }

        // Each wallet output but the last gets a random share, never below MinOutput / 2.
        var remaining = available;
        for (var i = 0; i < mine.Count; i++)
        {
            var left = mine.Count - i - 1;
            var value = left == 0 ? remaining : (MinOutput / 2) + (long)(block.Random.NextDouble() * (remaining - (MinOutput * (left + 1))));
            outputs.Insert(block.Random.Next(outputs.Count + 1), (mine[i], value));
            remaining -= value;
        }

        var tx = NewTransaction(coins[0]);
        foreach (var coin in coins.Skip(1))
        {
            tx.Inputs.Add(new TxIn(coin.OutPoint));
        }

        foreach (var (to, value) in outputs)
        {
            tx.Outputs.Add(new TxOut(Money.Satoshis(value), to.ScriptPubKey));
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

    private WalletAddress ExternalPayee(BlockContext block)
    {
        var kind = mix.Pick(block.Random);
        var payees = _externalByKind.GetValueOrDefault(kind) ?? externalPayees;
        return payees[block.Random.Next(payees.Count)];
    }

    /// <summary>An output type drawn by the scenario's <see cref="ScriptMix"/> weights, then one of the wallet's keys.</summary>
    private WalletAddress RandomAddress(BlockContext block) =>
        block.Wallet.Get(block.Random.Next(block.Wallet.KeyCount), mix.Pick(block.Random));
}
