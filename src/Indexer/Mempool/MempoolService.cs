using System.Collections.Concurrent;
using System.Collections.Immutable;
using ClickHouse.Driver;
using Explorer.BlockFiles;
using Explorer.Indexer.Configuration;
using Explorer.Indexer.Pipeline;
using Explorer.Indexer.Sources;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NBitcoin;

namespace Explorer.Indexer.Mempool;

/// <summary>
/// Unconfirmed colored transactions (docs/indexer.md, "Mempool"): with a node in follow mode, the mempool is read
/// (<c>getrawmempool</c>) every <see cref="IndexerOptions.PollSeconds"/> or on a ZMQ <c>rawtx</c>/<c>sequence</c>
/// notification; each new transaction is fetched (<c>getrawtransaction</c>), and one with a carrier pattern
/// (<see cref="CarrierPrefilter"/>) is decoded (previous outputs by <c>gettxout</c>, or from the funding transactions)
/// by the same <see cref="BlockColorer"/> as confirmed ones and written to <c>mempool_transactions</c> with the request
/// context (prevouts) and, as first_seen, the time it entered the node's mempool (<c>getmempoolentry</c>; the indexer's
/// clock when the node gives none). Input colors
/// come from the confirmed unspent colored outputs in the store and from the colored outputs of unconfirmed parents
/// (a sync decodes parents before children, <see cref="UnconfirmedOutputs"/>); a transaction without a carrier that
/// spends such an unconfirmed colored output is decoded too. A transaction that leaves the mempool (mined or evicted)
/// gets a newer row with is_removed = 1. Failures are logged and retried with capped back-off.
/// </summary>
public sealed partial class MempoolService(
    BlockSourceFactory sources,
    ZmqListener zmq,
    ClickHouseClient client,
    IndexerOptions options,
    ILogger<MempoolService> logger) : BackgroundService
{
    private readonly MempoolStore _store = new(client);
    private readonly ChainNetwork _network = ChainNetwork.Resolve(options.Network);
    // Every txid seen in the mempool, with its rows (empty: nothing colored).
    private readonly Dictionary<uint256, IReadOnlyList<MempoolRow>> _known = [];
    // Colored outputs created by transactions still in the mempool (their children's input colors), by the creator.
    private readonly UnconfirmedOutputs _unconfirmed = new();
    private VersionClock? _clock;
    // After a start the colored rows read back are decoded again once (not written): it refills _unconfirmed.
    private HashSet<uint256> _refill = [];

    public bool Enabled => sources.UsesNode && options.Follow && options.Mempool;

    /// <summary>Completed synchronisations (tests wait on it).</summary>
    public long Syncs => Interlocked.Read(ref _syncs);

    private long _syncs;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled) return;
        var maxDelay = TimeSpan.FromSeconds(options.MaxRetryDelaySeconds);
        var delay = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(1).Ticks, maxDelay.Ticks));
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SyncAsync(stoppingToken);
                Interlocked.Increment(ref _syncs);
                failing = false;
                await WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                delay = failing ? TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, maxDelay.Ticks)) : TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(1).Ticks, maxDelay.Ticks));
                failing = true;
                LogFailed(logger, ex.Message, delay.TotalSeconds);
                try { await Task.Delay(delay, stoppingToken); }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            }
        }
    }

    private async Task WaitAsync(CancellationToken ct)
    {
        var poll = TimeSpan.FromSeconds(options.PollSeconds);
        if (!zmq.Enabled)
        {
            await Task.Delay(poll, ct);
            return;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(poll);
        try { await zmq.Mempool.ReadAsync(timeout.Token); }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
    }

    private async Task SyncAsync(CancellationToken ct)
    {
        if (_clock is null)
        {
            _clock = new VersionClock(await _store.MaxVersionAsync(ct));
            foreach (var group in (await _store.ReadCurrentAsync(ct)).GroupBy(r => uint256.Parse(r.Txid)))
                _known[group.Key] = [.. group];
            _refill = [.. _known.Where(k => k.Value.Count > 0).Select(k => k.Key)];
        }
        using var node = sources.CreateClient();
        var txids = (await node.MempoolAsync(ct)).ToHashSet();
        var height = (await node.ChainInfoAsync(ct)).Blocks + 1;

        var fresh = txids.Where(t => !_known.ContainsKey(t) || _refill.Contains(t)).ToList();
        var fetched = new ConcurrentDictionary<uint256, Transaction?>();
        await Parallel.ForEachAsync(fresh, new ParallelOptions { MaxDegreeOfParallelism = options.RpcParallelism, CancellationToken = ct }, async (txid, token) =>
        {
            try
            {
                fetched[txid] = await node.TransactionAsync(txid, _network.Network, token);
            }
            catch (NodeSourceException ex) when (ex.RpcCode is not null)
            {
                fetched[txid] = null; // left the mempool between the two calls
            }
        });

        var now = DateTime.UtcNow;
        var added = new List<(uint256 Txid, IReadOnlyList<MempoolRow> Rows)>();
        // Parents first: a child's input colors include the colored outputs its unconfirmed parents created.
        foreach (var (txid, tx) in UnconfirmedOutputs.ParentsFirst(fetched))
        {
            var rows = CarrierPrefilter.HasCarrier(tx) || _unconfirmed.AnySpentBy(tx) ? await DecodeAsync(node, txid, tx, height, now, ct) : [];
            // A row read back after a start is not written again (its first_seen stays); only its outputs are known again.
            if (_refill.Remove(txid)) continue;
            if (rows.Count > 0 && await EnteredAsync(node, txid, ct) is { } entered)
                rows = [.. rows.Select(r => r with { FirstSeen = entered })];
            added.Add((txid, rows));
        }
        _refill.Clear();
        var gone = _known.Keys.Where(t => !txids.Contains(t)).ToList();

        var writes = new List<(MempoolRow, bool)>();
        foreach (var (_, rows) in added) writes.AddRange(rows.Select(r => (r, false)));
        foreach (var txid in gone) writes.AddRange(_known[txid].Select(r => (r, true)));
        await _store.WriteAsync(writes, _clock.Next(), ct);

        foreach (var (txid, rows) in added) _known[txid] = rows;
        foreach (var txid in gone)
        {
            _known.Remove(txid);
            _unconfirmed.Forget(txid);
        }
        var colored = added.Count(a => a.Rows.Count > 0);
        if (colored > 0 || gone.Count > 0) LogSynced(logger, txids.Count, colored, gone.Count);
    }

    /// <summary>When the node says <paramref name="txid"/> entered its mempool (<c>getmempoolentry</c>'s "time", asked
    /// for the colored transactions only), or null: the entry has no time, the transaction left meanwhile or the node
    /// does not know the call (an RPC error); the row keeps the indexer's clock then. A garbage answer fails the sync.</summary>
    private static async Task<DateTime?> EnteredAsync(NodeClient node, uint256 txid, CancellationToken ct)
    {
        try
        {
            return await node.MempoolEntryTimeAsync(txid, ct);
        }
        catch (NodeSourceException ex) when (ex.RpcCode is not null)
        {
            return null;
        }
    }

    private async Task<IReadOnlyList<MempoolRow>> DecodeAsync(NodeClient node, uint256 txid, Transaction tx, int height, DateTime now, CancellationToken ct)
    {
        var network = _network.Network;
        var spent = ImmutableArray.CreateBuilder<SpentOutput>(tx.Inputs.Count);
        var fundingTxids = tx.Inputs.Select(i => i.PrevOut.Hash).Distinct().ToList();
        foreach (var input in tx.Inputs)
        {
            // An unconfirmed transaction spends unspent outputs: gettxout (mempool included) needs no transaction
            // index (Core without -txindex); getrawtransaction of the funding transaction is the fallback (bcoin).
            SpentOutput? output;
            try
            {
                output = await node.TxOutAsync(input.PrevOut, ct);
            }
            catch (NodeSourceException ex) when (ex.RpcCode is not null)
            {
                output = null;
            }
            if (output is null)
            {
                var funding = await node.TransactionAsync(input.PrevOut.Hash, network, ct);
                if (input.PrevOut.N >= funding.Outputs.Count)
                    throw new NodeSourceException($"mempool transaction {tx.GetHash()} spends a missing output {input.PrevOut}") { Call = "getrawtransaction" };
                var o = funding.Outputs[(int)input.PrevOut.N];
                output = new SpentOutput(o.Value.Satoshi, o.ScriptPubKey.ToBytes(true), 0, funding.IsCoinBase);
            }
            spent.Add(output);
        }

        // The same state stage as for blocks, over a one-transaction block behind a placeholder coinbase; input colors
        // are the confirmed unspent colored outputs it spends, and those of its unconfirmed parents (an output the
        // store already holds, its parent mined meanwhile, is taken from the store only).
        var state = new ColoredUtxoSet();
        foreach (var row in await _store.ColoredOutputsOfAsync([.. fundingTxids.Select(k => k.ToString())], ct)) state.Add(row);
        foreach (var input in tx.Inputs)
            if (!state.Contains(input.PrevOut))
                foreach (var row in _unconfirmed.On(input.PrevOut)) state.Add(row);
        var block = network.Consensus.ConsensusFactory.CreateBlock();
        var coinbase = network.CreateTransaction();
        coinbase.Inputs.Add(new TxIn(new OutPoint()));
        block.Transactions.Add(coinbase);
        block.Transactions.Add(tx);
        var undo = new BlockUndo([spent.MoveToImmutable()]);
        var record = new BlockRecord(-1, -1, 0, uint256.Zero, uint256.Zero, 0, 0, 2);
        // The raw scan decides whether the transaction is a carrier; one that is not but spends a colored output is a
        // candidate through the state, as in a block.
        var parsed = BlockParser.Parse(new ChainBlock(height, record, block.ToBytes(), undo));
        // As a block's rows: the answer without raw views and the request context (the prevouts read above), which the
        // explorer decodes again for the raw views and reads for the inputs' values and the fee (sql/008).
        var rows = new BlockColorer(state, network, options.XcpPrefix, new VersionClock(), _network.Name).Apply(parsed);
        _unconfirmed.Created(txid, rows.Outputs.Select(o => o.Row));
        return [.. rows.Transactions.Select(t => new MempoolRow(t.Txid, t.Protocol, t.Kind, t.Valid, t.Error, t.RawHex, t.AnswerJson, now, t.RequestJson))];
    }

    [LoggerMessage(EventId = 430, Level = LogLevel.Information, Message = "Mempool: {Count} transactions, {Colored} new colored, {Gone} left")]
    private static partial void LogSynced(ILogger logger, int count, int colored, int gone);

    [LoggerMessage(EventId = 431, Level = LogLevel.Warning, Message = "Mempool: {Reason}; retrying in {DelaySeconds}s")]
    private static partial void LogFailed(ILogger logger, string reason, double delaySeconds);
}
