using System.Collections.Concurrent;
using System.Collections.Immutable;
using Explorer.BlockFiles;
using Explorer.Indexer.Pipeline;
using NBitcoin;

namespace Explorer.Indexer.Sources;

/// <summary>
/// Blocks from a running node (Bitcoin Core or bcoin) over JSON-RPC/REST, as of the best chain when the pass opened
/// the source. Raw blocks are fetched <see cref="Parallelism"/> ahead; previous outputs come from
/// <c>getblock HASH 3</c> when the node has it (Core 23+), otherwise from an <see cref="OutputCache"/> of recently
/// read blocks plus <c>getrawtransaction</c> of the funding transactions, for the transactions the decoders will see
/// (those with a carrier pattern, <see cref="CarrierPrefilter"/>); other transactions get no previous outputs
/// (docs/indexer.md, "Previous outputs from a node").
/// <see cref="IBlockSource"/> is synchronous, so <see cref="HashAt"/> and <see cref="Read"/> wait for the node's
/// answers on the calling (reader) thread. A chain that changes under the pass (a block whose parent is not the block
/// read before) ends the pass with <see cref="NodeSourceException"/>; the next pass finds the fork and rolls back.
/// </summary>
public sealed class NodeBlockSource : IBlockSource
{
    private readonly NodeClient _client;
    private readonly Network _network;
    private readonly OutputCache _cache;
    private readonly ConcurrentDictionary<int, uint256> _hashes = new();
    private readonly SemaphoreSlim _hashGate = new(1, 1);

    private NodeBlockSource(NodeClient client, Network network, OutputCache cache, NodeChainInfo tip, int parallelism, int hashBatch)
    {
        HashBatch = hashBatch;
        _client = client;
        _network = network;
        _cache = cache;
        Tip = tip;
        Parallelism = parallelism;
        _hashes[tip.Blocks] = tip.BestBlockHash;
    }

    /// <summary>The node's best chain when the source was opened.</summary>
    public NodeChainInfo Tip { get; }

    /// <summary>Block hashes asked for in one batched request.</summary>
    public int HashBatch { get; }

    /// <summary>Blocks (and funding transactions) fetched concurrently.</summary>
    public int Parallelism { get; }

    public NodeSourceStats Stats { get; } = new();

    public NodeClient Client => _client;

    public static async Task<NodeBlockSource> OpenAsync(NodeClient client, Network network, OutputCache cache, int parallelism, int hashBatch,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        var tip = await client.ChainInfoAsync(ct).ConfigureAwait(false);
        return new NodeBlockSource(client, network, cache, tip, Math.Max(1, parallelism), Math.Max(1, hashBatch));
    }

    public int TipHeight => Tip.Blocks;

    public uint256? HashAt(int height) =>
        height < 0 || height > Tip.Blocks ? null : HashAtAsync(height, CancellationToken.None).GetAwaiter().GetResult();

    public IEnumerable<ChainBlock> Read(int fromHeight, CancellationToken ct)
    {
        var from = Math.Max(0, fromHeight);
        if (from > Tip.Blocks) yield break;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var ahead = new Queue<Task<(int Height, uint256 Hash, byte[] Bytes)>>();
        var next = from;
        var parent = from == 0 ? uint256.Zero : HashAtAsync(from - 1, ct).GetAwaiter().GetResult();
        try
        {
            while (ahead.Count > 0 || next <= Tip.Blocks)
            {
                while (ahead.Count < Parallelism && next <= Tip.Blocks)
                    ahead.Enqueue(FetchAsync(next++, stop.Token));
                var (height, hash, bytes) = ahead.Dequeue().GetAwaiter().GetResult();
                ct.ThrowIfCancellationRequested();
                var block = Load(bytes, hash);
                if (block.Header.HashPrevBlock != parent)
                    throw new NodeSourceException(
                        $"the node's chain changed during the pass: block {hash} at height {height} follows {block.Header.HashPrevBlock}, not {parent}")
                    { Call = "getblockhash" };
                var undo = height == 0 ? null : PrevoutsAsync(block, hash, height, ct).GetAwaiter().GetResult();
                Stats.AddBlock(bytes.Length);
                var header = block.Header;
                yield return new ChainBlock(height,
                    new BlockRecord(-1, -1, bytes.Length, hash, header.HashPrevBlock, header.Bits.ToCompact(), (uint)header.BlockTime.ToUnixTimeSeconds(), block.Transactions.Count),
                    bytes, undo);
                parent = hash;
            }
        }
        finally
        {
            stop.Cancel();
            // Observe what is still in flight so that no failure goes unobserved.
            foreach (var pending in ahead)
                _ = pending.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    private async Task<uint256> HashAtAsync(int height, CancellationToken ct)
    {
        if (_hashes.TryGetValue(height, out var known)) return known;
        await _hashGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_hashes.TryGetValue(height, out known)) return known;
            // Reading forward: the hashes of the next HashBatch heights in one batched request.
            var count = Math.Min(HashBatch, Tip.Blocks - height + 1);
            var hashes = await _client.BlockHashesAsync(height, count, ct).ConfigureAwait(false);
            for (var i = 0; i < hashes.Count; i++) _hashes.TryAdd(height + i, hashes[i]);
            return _hashes[height];
        }
        finally
        {
            _hashGate.Release();
        }
    }

    private async Task<(int, uint256, byte[])> FetchAsync(int height, CancellationToken ct)
    {
        var hash = await HashAtAsync(height, ct).ConfigureAwait(false);
        return (height, hash, await _client.BlockAsync(hash, ct).ConfigureAwait(false));
    }

    private Block Load(byte[] bytes, uint256 hash)
    {
        try
        {
            return Block.Load(bytes, _network);
        }
        catch (Exception ex) when (ex is FormatException or EndOfStreamException or ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            throw new NodeSourceException($"block {hash}: the node's bytes do not parse as a block: {ex.Message}", ex) { Call = "getblock" };
        }
    }

    private async Task<BlockUndo> PrevoutsAsync(Block block, uint256 hash, int height, CancellationToken ct)
    {
        var txs = block.Transactions;
        var carriers = new bool[txs.Count];
        var any = false;
        for (var i = 1; i < txs.Count; i++) any |= carriers[i] = CarrierPrefilter.HasCarrier(txs[i]);

        if (any && _client.HasVerbosity3 != false && await _client.BlockWithPrevoutsAsync(hash, ct).ConfigureAwait(false) is { } answer)
        {
            Stats.AddVerbosity3Block();
            return NodeAnswers.Prevouts(answer, block);
        }

        // Funding-transaction path: outputs of this block first (a transaction may spend an earlier one of the block).
        foreach (var tx in txs) _cache.Add(tx, height);
        if (!any) return new BlockUndo([.. Enumerable.Repeat(ImmutableArray<SpentOutput>.Empty, txs.Count - 1)]);

        var missing = new HashSet<uint256>();
        for (var i = 1; i < txs.Count; i++)
        {
            if (!carriers[i]) continue;
            foreach (var input in txs[i].Inputs)
                if (!_cache.TryGet(input.PrevOut, out _)) missing.Add(input.PrevOut.Hash);
        }
        var fetched = new ConcurrentDictionary<uint256, Transaction>();
        await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct },
            async (txid, token) => fetched[txid] = await _client.TransactionAsync(txid, _network, token).ConfigureAwait(false)).ConfigureAwait(false);

        var undo = ImmutableArray.CreateBuilder<ImmutableArray<SpentOutput>>(txs.Count - 1);
        int fromCache = 0, fromFetched = 0;
        for (var i = 1; i < txs.Count; i++)
        {
            if (!carriers[i])
            {
                undo.Add([]);
                continue;
            }
            var spent = ImmutableArray.CreateBuilder<SpentOutput>(txs[i].Inputs.Count);
            foreach (var input in txs[i].Inputs)
            {
                if (_cache.TryGet(input.PrevOut, out var cached))
                {
                    spent.Add(cached);
                    fromCache++;
                    continue;
                }
                var funding = fetched[input.PrevOut.Hash];
                if (input.PrevOut.N >= funding.Outputs.Count)
                    throw new NodeSourceException($"transaction {txs[i].GetHash()} spends output {input.PrevOut.N} of {funding.GetHash()}, which has {funding.Outputs.Count}")
                    { Call = "getrawtransaction" };
                var output = funding.Outputs[(int)input.PrevOut.N];
                // The funding block's height is not asked for (the decoders read value and script only): 0.
                spent.Add(new SpentOutput(output.Value.Satoshi, output.ScriptPubKey.ToBytes(true), 0, funding.IsCoinBase));
                fromFetched++;
            }
            undo.Add(spent.MoveToImmutable());
        }
        Stats.AddFromCache(fromCache);
        Stats.AddFetched(fromFetched, fetched.Count);
        return new BlockUndo(undo.MoveToImmutable());
    }

    public void Dispose() => _hashGate.Dispose();
}
