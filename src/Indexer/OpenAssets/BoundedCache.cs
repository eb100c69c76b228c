namespace Explorer.Indexer.OpenAssets;

/// <summary>A small thread-safe in-memory cache: at most <paramref name="capacity"/> entries, least recently used
/// evicted first, each entry with its own expiry.</summary>
public sealed class BoundedCache<TKey, TValue>(int capacity, TimeProvider time)
    where TKey : notnull
{
    private readonly Dictionary<TKey, LinkedListNode<Entry>> _map = [];
    private readonly LinkedList<Entry> _order = [];
    private readonly Lock _lock = new();

    private sealed record Entry(TKey Key, TValue Value, DateTimeOffset Expires);

    public int Count
    {
        get { lock (_lock) return _map.Count; }
    }

    public bool TryGet(TKey key, out TValue value)
    {
        lock (_lock)
        {
            if (_map.TryGetValue(key, out var node))
            {
                if (node.Value.Expires > time.GetUtcNow())
                {
                    _order.Remove(node);
                    _order.AddFirst(node);
                    value = node.Value.Value;
                    return true;
                }
                _order.Remove(node);
                _map.Remove(key);
            }
            value = default!;
            return false;
        }
    }

    public void Set(TKey key, TValue value, TimeSpan lifetime)
    {
        if (capacity <= 0) return;
        lock (_lock)
        {
            if (_map.Remove(key, out var old)) _order.Remove(old);
            while (_map.Count >= capacity && _order.Last is { } last)
            {
                _order.RemoveLast();
                _map.Remove(last.Value.Key);
            }
            _map[key] = _order.AddFirst(new Entry(key, value, time.GetUtcNow() + lifetime));
        }
    }
}
