using NBitcoin;

namespace Explorer.ChainForge.Chain;

/// <summary>
/// The forge's spendable ordinary coins with O(1) random removal, plus coinbase outputs waiting for maturity.
/// Coins created by an activity (colored coins) never enter the pool; the activity keeps them.
/// </summary>
public sealed class CoinPool
{
    private readonly List<ForgeCoin> _coins;
    private readonly Queue<ForgeCoin> _immature;

    public CoinPool()
    {
        _coins = [];
        _immature = new Queue<ForgeCoin>();
    }

    private CoinPool(CoinPool other)
    {
        _coins = [.. other._coins];
        _immature = new Queue<ForgeCoin>(other._immature);
    }

    public int Count => _coins.Count;

    public CoinPool Clone() => new(this);

    public void Add(ForgeCoin coin)
    {
        if (coin.IsCoinbase)
        {
            _immature.Enqueue(coin);
        }
        else
        {
            _coins.Add(coin);
        }
    }

    /// <summary>Moves coinbase outputs that are mature at <paramref name="height"/> into the spendable pool.</summary>
    public void Mature(int height)
    {
        while (_immature.Count > 0 && _immature.Peek().IsMatureAt(height))
        {
            _coins.Add(_immature.Dequeue());
        }
    }

    /// <summary>Removes and returns a random coin worth at least <paramref name="minValue"/>, or null.</summary>
    public ForgeCoin? Take(Random random, Money minValue, Func<ForgeCoin, bool>? filter = null)
    {
        for (var attempt = 0; attempt < 64 && _coins.Count > 0; attempt++)
        {
            var i = random.Next(_coins.Count);
            var coin = _coins[i];
            if (coin.TxOut.Value >= minValue && (filter is null || filter(coin)))
            {
                _coins[i] = _coins[^1];
                _coins.RemoveAt(_coins.Count - 1);
                return coin;
            }
        }

        return null;
    }

    /// <summary>Removes and returns the most valuable coin (used to fan out), or null.</summary>
    public ForgeCoin? TakeLargest()
    {
        if (_coins.Count == 0)
        {
            return null;
        }

        var best = 0;
        for (var i = 1; i < _coins.Count; i++)
        {
            if (_coins[i].TxOut.Value > _coins[best].TxOut.Value)
            {
                best = i;
            }
        }

        var coin = _coins[best];
        _coins[best] = _coins[^1];
        _coins.RemoveAt(_coins.Count - 1);
        return coin;
    }
}
