using System.Text.Json.Nodes;
using Explorer.ChainForge.Wallet;
using NBitcoin;

namespace Explorer.ChainForge.Chain;

/// <summary>
/// The block being built, as seen by activities: funding coins, inclusion (with signing) and ground-truth events.
/// Transactions appear in the block in inclusion order; outputs paying to the wallet that the activity does not keep
/// become ordinary coins once the block is connected.
/// </summary>
public sealed class BlockContext
{
    private readonly CoinPool _pool;
    internal readonly List<PendingTransaction> Pending = [];
    internal readonly List<JsonObject> Events = [];

    internal BlockContext(int height, uint time, Random random, ForgeWallet wallet, CoinPool pool, int maxWeight)
    {
        Height = height;
        Time = time;
        Random = random;
        Wallet = wallet;
        _pool = pool;
        MaxWeight = maxWeight;
    }

    public int Height { get; }

    public uint Time { get; }

    public Random Random { get; }

    public ForgeWallet Wallet { get; }

    public int MaxWeight { get; }

    /// <summary>Estimated weight of the transactions included so far.</summary>
    public long Weight { get; private set; }

    public int PoolSize => _pool.Count;

    /// <summary>Fee rate of this block's transactions, in satoshis per virtual byte.</summary>
    public static Money FeeFor(int vsize, int satPerVByte) => Money.Satoshis((long)vsize * satPerVByte);

    /// <summary>Takes a spendable ordinary coin (mature, not kept by any activity) worth at least <paramref name="minValue"/>.</summary>
    public ForgeCoin? TakeCoin(Money minValue, Func<ForgeCoin, bool>? filter = null) => _pool.Take(Random, minValue, filter);

    internal ForgeCoin? TakeLargestCoin() => _pool.TakeLargest();

    /// <summary>Gives back a coin taken but not spent.</summary>
    public void ReturnCoin(ForgeCoin coin) => _pool.Add(coin);

    /// <summary>
    /// Signs <paramref name="tx"/> (its inputs spend <paramref name="spent"/>, in order) and places it in the block.
    /// Outputs listed in <paramref name="keep"/> are handed back as coins owned by the caller.
    /// </summary>
    public IncludedTransaction Include(Transaction tx, IReadOnlyList<ForgeCoin> spent, IEnumerable<int>? keep = null)
    {
        TransactionSigner.Sign(tx, spent);
        var txid = tx.GetHash();
        var kept = new Dictionary<int, ForgeCoin>();
        foreach (var index in keep ?? [])
        {
            var output = tx.Outputs[index];
            if (!Wallet.TryFind(output.ScriptPubKey, out var owner))
            {
                throw new InvalidOperationException($"Output {index} does not pay to the forge wallet.");
            }

            kept[index] = new ForgeCoin(new OutPoint(txid, index), output, owner, Height, false);
        }

        Pending.Add(new PendingTransaction(tx, spent, kept.Keys.ToHashSet(), Signed: true));
        Weight += tx.GetSerializedSize(TransactionOptions.All) + (3 * tx.GetSerializedSize(TransactionOptions.None));
        return new IncludedTransaction(tx, txid, kept);
    }

    /// <summary>
    /// Places a transaction the caller signed itself (inputs the wallet cannot sign, e.g. P2SH data redeem scripts).
    /// <paramref name="spent"/> gives the previous outputs for the undo data; nothing is kept.
    /// </summary>
    public IncludedTransaction IncludeSigned(Transaction tx, IReadOnlyList<ForgeCoin> spent)
    {
        var txid = tx.GetHash();
        Pending.Add(new PendingTransaction(tx, spent, new HashSet<int>(), Signed: true));
        Weight += tx.GetSerializedSize(TransactionOptions.All) + (3 * tx.GetSerializedSize(TransactionOptions.None));
        return new IncludedTransaction(tx, txid, new Dictionary<int, ForgeCoin>());
    }

    /// <summary>Places an unsigned ordinary transaction in the block; it is signed in parallel when the block is finished.</summary>
    internal void Enqueue(Transaction tx, IReadOnlyList<ForgeCoin> spent, int estimatedWeight)
    {
        Pending.Add(new PendingTransaction(tx, spent, new HashSet<int>(), Signed: false));
        Weight += estimatedWeight;
    }

    /// <summary>Records an event of the ground truth for this block (keyed by txid, robust to re-mining).</summary>
    public void Record(JsonObject intendedEvent) => Events.Add(intendedEvent);

    public sealed record PendingTransaction(Transaction Tx, IReadOnlyList<ForgeCoin> Spent, IReadOnlySet<int> Kept, bool Signed);
}
