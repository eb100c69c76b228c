using Explorer.BlockFiles;
using NBitcoin;

namespace Explorer.Indexer.Sources;

/// <summary>
/// The outputs of the most recently read blocks, oldest evicted first, so that most previous outputs of a new block
/// are found without asking the node (coins are usually spent soon after they are created). Not thread-safe: used by
/// the source's in-order stage only.
/// </summary>
public sealed class OutputCache(int capacity)
{
    private readonly Dictionary<OutPoint, SpentOutput> _outputs = new(Math.Min(capacity, 1 << 16));
    private readonly Queue<OutPoint> _order = new();

    public int Count => _outputs.Count;

    public void Add(Transaction tx, int height)
    {
        ArgumentNullException.ThrowIfNull(tx);
        var txid = tx.GetHash();
        for (var n = 0; n < tx.Outputs.Count; n++)
        {
            var output = tx.Outputs[n];
            if (output.ScriptPubKey.IsUnspendable) continue; // OP_RETURN outputs are never spent
            var key = new OutPoint(txid, n);
            if (_outputs.TryAdd(key, new SpentOutput(output.Value.Satoshi, output.ScriptPubKey.ToBytes(true), height, tx.IsCoinBase)))
                _order.Enqueue(key);
        }
        while (_outputs.Count > capacity && _order.TryDequeue(out var old))
            _outputs.Remove(old);
    }

    public bool TryGet(OutPoint outpoint, out SpentOutput output) => _outputs.TryGetValue(outpoint, out output!);
}
