namespace Explorer.Indexer.Sources;

/// <summary>What a node source did in one pass (docs/indexer.md, "Previous outputs from a node").</summary>
public sealed class NodeSourceStats
{
    private long _blocks, _bytes, _verbosity3Blocks, _prevoutsFromCache, _prevoutsFetched, _transactionsFetched;

    public long Blocks => Interlocked.Read(ref _blocks);

    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Blocks whose previous outputs came from <c>getblock HASH 3</c>.</summary>
    public long Verbosity3Blocks => Interlocked.Read(ref _verbosity3Blocks);

    /// <summary>Previous outputs found in the output cache of recently read blocks.</summary>
    public long PrevoutsFromCache => Interlocked.Read(ref _prevoutsFromCache);

    /// <summary>Previous outputs read from funding transactions fetched with <c>getrawtransaction</c>.</summary>
    public long PrevoutsFetched => Interlocked.Read(ref _prevoutsFetched);

    /// <summary>Funding transactions fetched (one call each).</summary>
    public long TransactionsFetched => Interlocked.Read(ref _transactionsFetched);

    internal void AddBlock(int bytes)
    {
        Interlocked.Increment(ref _blocks);
        Interlocked.Add(ref _bytes, bytes);
    }

    internal void AddVerbosity3Block() => Interlocked.Increment(ref _verbosity3Blocks);

    internal void AddFromCache(int count) => Interlocked.Add(ref _prevoutsFromCache, count);

    internal void AddFetched(int prevouts, int transactions)
    {
        Interlocked.Add(ref _prevoutsFetched, prevouts);
        Interlocked.Add(ref _transactionsFetched, transactions);
    }

    public override string ToString() =>
        $"{Blocks} blocks, {Bytes} bytes; prevouts: {Verbosity3Blocks} blocks by getblock 3, {PrevoutsFromCache} from the cache, " +
        $"{PrevoutsFetched} from {TransactionsFetched} fetched transactions";
}
