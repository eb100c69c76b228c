using System.Buffers.Binary;
using System.Collections.Immutable;
using Explorer.Indexer.Storage;
using Explorer.Protocols.Decoding;
using NBitcoin;

namespace Explorer.Indexer.Pipeline;

/// <summary>
/// The state stage's memory: unspent colored outputs (Open Assets and Colu) with their rows, and the assets already
/// issued. Rebuilt from ClickHouse at start and after a rollback (the store is the source of truth; docs/indexer.md).
/// </summary>
/// <param name="revealFunding">The reveal-source cache to use (the indexer keeps one across its passes); null = a new one.</param>
public sealed class ColoredUtxoSet(Counterparty.RevealFundingCache? revealFunding = null)
{
    private readonly Dictionary<OutPoint, List<ColoredOutputRow>> _unspent = [];
    private readonly HashSet<(string Protocol, string AssetId)> _assets = [];

    // Outpoints by (first 8 bytes of the txid, vout), counted: a raw outpoint is looked up without building an OutPoint,
    // and only a hit (a colored output, or a 2^-64 collision) goes to the exact dictionary.
    private readonly Dictionary<(ulong, uint), int> _filter = [];

    // In front of it, a counting filter of one byte per bucket: every input of every transaction is looked up, and
    // nearly all find a zero here without a dictionary's cache misses (10% of the state stage before). It starts at
    // 256 KB (in the core's own cache) and grows fourfold whenever more than one bucket in 16 is taken, so that a
    // larger set keeps the same few false "maybe"s. Counts stop at 255 and then stay (the bucket only ever answers
    // "maybe"). Seeded per process: txids ground to share buckets would only send their lookups on to the dictionary.
    private const int FirstBucketBits = 18;
    private const int MaxBucketBits = 26;
    private static readonly ulong BucketSeed = BitConverter.ToUInt64(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
    private byte[] _buckets = new byte[1 << FirstBucketBits];

    public int Count => _unspent.Count;

    public int AssetCount => _assets.Count;

    /// <summary>Counterparty balances and assets (the ledger's state), reloaded with the rest.</summary>
    public Protocols.Counterparty.Ledger.CounterpartyLedger XcpLedger { get; } = new();

    /// <summary>First block hash of each Counterparty asset (for its <c>assets</c> row).</summary>
    public Dictionary<string, string> XcpFirstBlocks { get; } = new(StringComparer.Ordinal);

    /// <summary>Funding outputs of recent potential commit transactions (taproot reveal sources; memory only).</summary>
    public Counterparty.RevealFundingCache RevealFunding { get; } = revealFunding ?? new();

    public bool Contains(OutPoint outpoint) => _unspent.ContainsKey(outpoint);

    /// <summary>Whether a serialized outpoint (32-byte txid as in transactions, 4-byte vout LE) is colored.</summary>
    public bool Contains(ReadOnlySpan<byte> outpoint)
    {
        var n = BinaryPrimitives.ReadUInt32LittleEndian(outpoint[32..]);
        var low = BinaryPrimitives.ReadUInt64LittleEndian(outpoint);
        var buckets = _buckets;
        return buckets[Bucket(buckets, low, n)] != 0
            && _filter.ContainsKey((low, n))
            && _unspent.ContainsKey(new OutPoint(new uint256(outpoint[..32]), n));
    }

    /// <summary>Whether a serialized outpoint may be colored (the bucket filter only: false is certain, true is not).
    /// The parallel stage asks it while the state stage changes the set: a stale answer only misleads a guess
    /// (<see cref="CandidateDecoder.DecodeCarriers"/>), never a result, as the state stage looks again.</summary>
    public bool MayContain(ReadOnlySpan<byte> outpoint)
    {
        var buckets = Volatile.Read(ref _buckets);
        return Volatile.Read(ref buckets[Bucket(buckets, BinaryPrimitives.ReadUInt64LittleEndian(outpoint), BinaryPrimitives.ReadUInt32LittleEndian(outpoint[32..]))]) != 0;
    }

    /// <summary>
    /// Sets <paramref name="maybe"/>[t] for every transaction t of <paramref name="parsed"/> with an input whose bucket
    /// is taken: the only ones <see cref="SpendsColored"/> can answer true for. One pass over the block's outpoint hashes
    /// (the scan's, in block order), the transaction looked up only on a hit: nearly every input finds an empty bucket,
    /// and asking per transaction cost more in calls than in lookups. Without the hashes (a layout made elsewhere) every
    /// transaction is marked.
    /// </summary>
    public void MarkMaySpend(ParsedBlock parsed, Span<bool> maybe)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var txs = parsed.Layout.Transactions;
        if (maybe.Length < txs.Length) throw new ArgumentException("one flag per transaction is needed", nameof(maybe));
        maybe[..txs.Length].Clear();
        if (parsed.Layout.PrevoutHashes is not { } hashes)
        {
            maybe[..txs.Length].Fill(true);
            return;
        }
        var buckets = _buckets;
        var shift = 32 - System.Numerics.BitOperations.Log2((uint)buckets.Length);
        ref var bucket0 = ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(buckets);
        var tx = 0;
        for (var k = 0; k < hashes.Length; k++)
        {
            // hash >> shift < buckets.Length: the shift keeps as many top bits as the buckets have.
            if (System.Runtime.CompilerServices.Unsafe.Add(ref bucket0, (int)(hashes[k] >> shift)) == 0) continue;
            while (txs[tx].FirstInput + txs[tx].InputCount <= k) tx++;
            maybe[tx] = true;
            // The rest of this transaction's inputs need not be looked at.
            k = txs[tx].FirstInput + txs[tx].InputCount - 1;
        }
    }

    /// <summary>Whether an input of transaction <paramref name="tx"/> of <paramref name="parsed"/> spends a colored
    /// output (<see cref="Contains(ReadOnlySpan{byte})"/> on each raw outpoint).</summary>
    public bool SpendsColored(ParsedBlock parsed, int tx) => AnyInput(parsed, tx, exact: true);

    /// <summary>Whether an input of the transaction may spend one (<see cref="MayContain"/>: false is certain).</summary>
    public bool MaySpendColored(ParsedBlock parsed, int tx) => AnyInput(parsed, tx, exact: false);

    private bool AnyInput(ParsedBlock parsed, int tx, bool exact)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var raw = parsed.Layout.Transactions[tx];
        if (parsed.Layout.PrevoutHashes is not { } hashes)
        {
            for (var j = 0; j < raw.InputCount; j++)
                if (exact ? Contains(parsed.Prevout(tx, j)) : MayContain(parsed.Prevout(tx, j))) return true;
            return false;
        }
        // The scan's hashes: the outpoint's bytes are read only when its bucket is taken.
        var buckets = exact ? _buckets : Volatile.Read(ref _buckets);
        for (var j = 0; j < raw.InputCount; j++)
        {
            var bucket = BucketOf(buckets, hashes[raw.FirstInput + j]);
            if (exact ? buckets[bucket] != 0 && Contains(parsed.Prevout(tx, j)) : Volatile.Read(ref buckets[bucket]) != 0) return true;
        }
        return false;
    }

    public void Add(ColoredOutputRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var outpoint = new OutPoint(uint256.Parse(row.Txid), row.N);
        if (!_unspent.TryGetValue(outpoint, out var rows))
        {
            if ((_unspent.Count + 1) * 16 > _buckets.Length && _buckets.Length < 1 << MaxBucketBits) GrowBuckets();
            _unspent[outpoint] = rows = [];
            var key = (outpoint.Hash.GetLow64(), outpoint.N);
            _filter[key] = _filter.GetValueOrDefault(key) + 1;
            ref var count = ref _buckets[Bucket(_buckets, key.Item1, key.Item2)];
            if (count < byte.MaxValue) count++;
        }
        rows.Add(row);
    }

    /// <summary>Removes and returns the rows of a spent output (empty when it was not colored).</summary>
    public IReadOnlyList<ColoredOutputRow> Spend(OutPoint outpoint)
    {
        ArgumentNullException.ThrowIfNull(outpoint);
        if (!_unspent.Remove(outpoint, out var rows)) return [];
        var key = (outpoint.Hash.GetLow64(), outpoint.N);
        if (_filter[key] == 1) _filter.Remove(key);
        else _filter[key]--;
        ref var count = ref _buckets[Bucket(_buckets, key.Item1, key.Item2)];
        if (count < byte.MaxValue) count--;
        return rows;
    }

    /// <summary>An outpoint's hash for the buckets, from the first 8 bytes of its txid (as serialized) and its vout:
    /// seeded, then mixed (Fibonacci hashing); a bucket is its top bits.</summary>
    public static uint OutpointHash(ulong txidLow, uint n) => (uint)(((txidLow ^ BucketSeed) + n) * 0x9E3779B97F4A7C15UL >> 32);

    private static int Bucket(byte[] buckets, ulong txidLow, uint n) => BucketOf(buckets, OutpointHash(txidLow, n));

    private static int BucketOf(byte[] buckets, uint hash) => (int)(hash >> (32 - System.Numerics.BitOperations.Log2((uint)buckets.Length)));

    /// <summary>Four times the buckets, counted again from the set.</summary>
    private void GrowBuckets()
    {
        var grown = new byte[_buckets.Length * 4];
        foreach (var outpoint in _unspent.Keys)
        {
            ref var count = ref grown[Bucket(grown, outpoint.Hash.GetLow64(), outpoint.N)];
            if (count < byte.MaxValue) count++;
        }
        // The parallel stage reads the field without a lock (MayContain): it sees the old array or the new, both valid.
        Volatile.Write(ref _buckets, grown);
    }

    public bool AddAsset(string protocol, string assetId) => _assets.Add((protocol, assetId));

    public void Clear()
    {
        _unspent.Clear();
        _filter.Clear();
        Volatile.Write(ref _buckets, new byte[1 << FirstBucketBits]);
        _assets.Clear();
        XcpLedger.Clear();
        XcpFirstBlocks.Clear();
    }

    /// <summary>The decoder's view of rows on one input.</summary>
    public static ImmutableArray<InputAsset> ToInputAssets(IReadOnlyList<ColoredOutputRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) return [];
        if (rows.Count == 1) return [ToInputAsset(rows[0])];
        return [.. rows.OrderBy(r => r.Idx).Select(ToInputAsset)];
    }

    private static InputAsset ToInputAsset(ColoredOutputRow r) => new(
        r.Protocol, r.AssetId, r.Quantity,
        r.IssueTxid.Length == 0 ? null : r.IssueTxid,
        r.Divisibility < 0 ? null : r.Divisibility,
        r.LockStatus < 0 ? null : r.LockStatus == 1,
        r.AggregationPolicy.Length == 0 ? null : r.AggregationPolicy);
}
