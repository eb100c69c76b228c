using Explorer.Indexer.Storage;
using NBitcoin;

namespace Explorer.Indexer.Mempool;

/// <summary>
/// The colored outputs created by transactions in the mempool, by outpoint: the input colors of their unconfirmed
/// children (<see cref="MempoolService"/>). An output leaves with the transaction that created it (mined or evicted:
/// once mined, the store has it).
/// </summary>
public sealed class UnconfirmedOutputs
{
    private readonly Dictionary<OutPoint, List<ColoredOutputRow>> _outputs = [];
    private readonly Dictionary<uint256, List<OutPoint>> _byCreator = [];

    public int Count => _outputs.Count;

    /// <summary>The rows on an output (empty when no mempool transaction colored it).</summary>
    public IReadOnlyList<ColoredOutputRow> On(OutPoint outpoint) => _outputs.TryGetValue(outpoint, out var rows) ? rows : [];

    /// <summary>Whether an input of <paramref name="tx"/> spends one of them.</summary>
    public bool AnySpentBy(Transaction tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        return _outputs.Count > 0 && tx.Inputs.Any(i => _outputs.ContainsKey(i.PrevOut));
    }

    /// <summary>Records the colored outputs <paramref name="txid"/> created, from its decoded rows (rows of outputs it
    /// spent, which name another transaction, are skipped); replaces what an earlier decoding recorded.</summary>
    public void Created(uint256 txid, IEnumerable<ColoredOutputRow> rows)
    {
        ArgumentNullException.ThrowIfNull(txid);
        ArgumentNullException.ThrowIfNull(rows);
        Forget(txid);
        var id = txid.ToString();
        List<OutPoint>? created = null;
        foreach (var row in rows)
        {
            if (row.Txid != id || row.SpentTxid.Length != 0) continue;
            var outpoint = new OutPoint(txid, row.N);
            if (!_outputs.TryGetValue(outpoint, out var held))
            {
                _outputs[outpoint] = held = [];
                (created ??= []).Add(outpoint);
            }
            held.Add(row);
        }
        if (created is not null) _byCreator[txid] = created;
    }

    /// <summary>Drops the outputs <paramref name="txid"/> created (it left the mempool).</summary>
    public void Forget(uint256 txid)
    {
        if (!_byCreator.Remove(txid, out var created)) return;
        foreach (var outpoint in created) _outputs.Remove(outpoint);
    }

    /// <summary>The fetched transactions (null: left the mempool before it was fetched, skipped), each after every
    /// fetched transaction it spends from: a child is decoded after its unconfirmed parents. The mempool holds no cycles;
    /// answers that would make one (a node's garbage) are broken where the cycle closes, so each transaction still comes
    /// once.</summary>
    public static List<(uint256 Txid, Transaction Tx)> ParentsFirst(IReadOnlyDictionary<uint256, Transaction?> fetched)
    {
        ArgumentNullException.ThrowIfNull(fetched);
        var ordered = new List<(uint256, Transaction)>(fetched.Count);
        var visited = new HashSet<uint256>();
        // Depth-first without recursion (chains of unconfirmed transactions are bounded by policy, not by this code).
        var stack = new Stack<(uint256 Txid, Transaction Tx, int Input)>();
        foreach (var (root, rootTx) in fetched.OrderBy(f => f.Key.ToString(), StringComparer.Ordinal))
        {
            if (rootTx is null || !visited.Add(root)) continue;
            stack.Push((root, rootTx, 0));
            while (stack.Count > 0)
            {
                var (txid, tx, input) = stack.Pop();
                if (input < tx.Inputs.Count)
                {
                    stack.Push((txid, tx, input + 1));
                    var parent = tx.Inputs[input].PrevOut.Hash;
                    if (fetched.TryGetValue(parent, out var parentTx) && parentTx is not null && visited.Add(parent))
                        stack.Push((parent, parentTx, 0));
                    continue;
                }
                ordered.Add((txid, tx));
            }
        }
        return ordered;
    }
}
