using System.Net;
using NBitcoin;
using NBitcoin.RPC;
using Newtonsoft.Json.Linq;

namespace Explorer.Indexer.Sources;

/// <summary>
/// The calls the indexer makes to a Bitcoin node: JSON-RPC through NBitcoin's <see cref="RPCClient"/> and, when the
/// node serves it (Core with <c>-rest</c>), REST <c>/rest/block/HASH.bin</c> for raw blocks. Every failure (refused,
/// cut mid-answer, timeout, RPC error, unparsable answer) becomes a <see cref="NodeSourceException"/>.
/// </summary>
public sealed class NodeClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly RPCClient _rpc;
    private readonly Uri _base;
    private long _calls;

    public NodeClient(NodeEndpoint endpoint, Network network, TimeSpan timeout, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _base = endpoint.BaseUrl;
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = timeout;
        // No credentials given: a placeholder login (RPCClient always sends one; a node without auth ignores it).
        var credential = endpoint.ReadCredential() ?? new NetworkCredential("anonymous", "anonymous");
        try
        {
            _rpc = new RPCClient(credential, _base, network) { HttpClient = _http };
        }
        catch (FormatException ex)
        {
            _http.Dispose();
            throw new NodeSourceException($"the RPC credentials for {_base} are not usable (a user name may not hold ':'): {ex.Message}", ex) { Call = "login" };
        }
    }

    /// <summary>Calls made so far (RPC and REST).</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>True when the node answers REST (<c>/rest/chaininfo.json</c>); decided by <see cref="DetectRestAsync"/>.</summary>
    public bool HasRest { get; private set; }

    /// <summary>Null until tried; then whether <c>getblock HASH 3</c> (previous outputs, Core 23+) works.</summary>
    public bool? HasVerbosity3 { get; private set; }

    public Uri Url => _base;

    public async Task<JToken?> CallAsync(string method, CancellationToken ct, params object[] parameters)
    {
        Interlocked.Increment(ref _calls);
        RPCResponse response;
        try
        {
            response = await _rpc.SendCommandAsync(new RPCRequest(method, parameters) { ThrowIfRPCError = false }, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (RPCException ex)
        {
            throw new NodeSourceException($"{method}: the node answered error {(int)ex.RPCCode}: {ex.Message}", ex) { Call = method, RpcCode = (int)ex.RPCCode };
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException or Newtonsoft.Json.JsonException
                                       or InvalidOperationException or FormatException or ArgumentException or NullReferenceException)
        {
            // Refused or cut connections, timeouts, bodies that are not JSON-RPC answers (NBitcoin reads the body
            // with Json.NET and may fail in several ways on garbage).
            throw new NodeSourceException($"{method}: no usable answer from the node at {_base}: {ex.Message}", ex) { Call = method };
        }
        if (response.Error is { } error)
            throw new NodeSourceException($"{method}: the node answered error {(int)error.Code}: {error.Message}") { Call = method, RpcCode = (int)error.Code };
        return response.Result;
    }

    public async Task<NodeChainInfo> ChainInfoAsync(CancellationToken ct) =>
        NodeAnswers.ChainInfo(await CallAsync("getblockchaininfo", ct).ConfigureAwait(false));

    /// <summary><c>getblockhash</c> for <paramref name="count"/> heights from <paramref name="from"/> in one JSON-RPC
    /// batch (one HTTP request; Core and bcoin both take batches).</summary>
    public async Task<IReadOnlyList<uint256>> BlockHashesAsync(int from, int count, CancellationToken ct)
    {
        Interlocked.Increment(ref _calls);
        var batch = _rpc.PrepareBatch();
        var pending = new List<Task<RPCResponse>>(count);
        for (var h = from; h < from + count; h++)
            pending.Add(batch.SendCommandAsync(new RPCRequest("getblockhash", [h]) { ThrowIfRPCError = false }, ct));
        RPCResponse[] responses;
        try
        {
            await batch.SendBatchAsync(ct).ConfigureAwait(false);
            responses = await Task.WhenAll(pending).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException or Newtonsoft.Json.JsonException
                                       or InvalidOperationException or FormatException or ArgumentException or NullReferenceException or RPCException)
        {
            throw new NodeSourceException($"getblockhash (batch of {count} from {from}): no usable answer from the node at {_base}: {ex.Message}", ex) { Call = "getblockhash" };
        }
        var hashes = new uint256[count];
        for (var i = 0; i < count; i++)
        {
            if (responses[i].Error is { } error)
                throw new NodeSourceException($"getblockhash {from + i}: the node answered error {(int)error.Code}: {error.Message}") { Call = "getblockhash", RpcCode = (int)error.Code };
            hashes[i] = NodeAnswers.Hash(responses[i].Result, "getblockhash");
        }
        return hashes;
    }

    public async Task<uint256> BestBlockHashAsync(CancellationToken ct) =>
        NodeAnswers.Hash(await CallAsync("getbestblockhash", ct).ConfigureAwait(false), "getbestblockhash");

    public async Task<IReadOnlyList<uint256>> MempoolAsync(CancellationToken ct) =>
        NodeAnswers.MempoolTxids(await CallAsync("getrawmempool", ct, false).ConfigureAwait(false));

    /// <summary>When <paramref name="txid"/> entered the node's mempool (<c>getmempoolentry TXID</c>: the entry
    /// <c>getrawmempool true</c> would list for it, asked for one transaction instead of the whole mempool), or null
    /// when the entry has no time. An RPC error (not in the mempool, or a node without the call) is a
    /// <see cref="NodeSourceException"/> with its code.</summary>
    public async Task<DateTime?> MempoolEntryTimeAsync(uint256 txid, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(txid);
        return NodeAnswers.MempoolEntryTime(await CallAsync("getmempoolentry", ct, txid.ToString()).ConfigureAwait(false));
    }

    /// <summary>A transaction by txid (<c>getrawtransaction TXID false</c>: in the mempool, or confirmed with a
    /// transaction index: Core -txindex, bcoin --index-tx).</summary>
    public async Task<Transaction> TransactionAsync(uint256 txid, Network network, CancellationToken ct)
    {
        var bytes = NodeAnswers.Hex(await CallAsync("getrawtransaction", ct, txid.ToString(), false).ConfigureAwait(false), "getrawtransaction");
        Transaction tx;
        try
        {
            tx = Transaction.Load(bytes, network);
        }
        catch (Exception ex) when (ex is FormatException or EndOfStreamException or ArgumentException or InvalidOperationException)
        {
            throw new NodeSourceException($"getrawtransaction {txid}: the answer is not a transaction", ex) { Call = "getrawtransaction" };
        }
        if (tx.GetHash() != txid) throw new NodeSourceException($"getrawtransaction {txid}: the node answered transaction {tx.GetHash()}") { Call = "getrawtransaction" };
        return tx;
    }

    /// <summary>An unspent output, mempool included (<c>gettxout TXID N true</c>; no transaction index needed), or null.</summary>
    public async Task<Explorer.BlockFiles.SpentOutput?> TxOutAsync(OutPoint outpoint, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(outpoint);
        return NodeAnswers.TxOut(await CallAsync("gettxout", ct, outpoint.Hash.ToString(), (int)outpoint.N, true).ConfigureAwait(false));
    }

    /// <summary>The serialized block (with witnesses): REST <c>/rest/block/HASH.bin</c> when available, otherwise
    /// <c>getblock HASH 0</c> (bcoin reads 0 as false). The header must hash to <paramref name="hash"/>.</summary>
    public async Task<byte[]> BlockAsync(uint256 hash, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(hash);
        var bytes = HasRest
            ? await RestAsync($"rest/block/{hash}.bin", ct).ConfigureAwait(false)
            : NodeAnswers.Hex(await CallAsync("getblock", ct, hash.ToString(), 0).ConfigureAwait(false), "getblock");
        if (bytes.Length < 81 || new uint256(NBitcoin.Crypto.Hashes.DoubleSHA256RawBytes(bytes, 0, 80)) != hash)
            throw new NodeSourceException($"block {hash}: the node's bytes are not that block") { Call = "getblock" };
        return bytes;
    }

    /// <summary><c>getblock HASH 3</c> (transactions with previous outputs), or null when the node does not know
    /// verbosity 3 (bcoin 1.0.2, Core before 23): remembered after the first refusal.</summary>
    public async Task<JToken?> BlockWithPrevoutsAsync(uint256 hash, CancellationToken ct)
    {
        if (HasVerbosity3 == false) return null;
        try
        {
            var answer = await CallAsync("getblock", ct, hash.ToString(), 3).ConfigureAwait(false);
            HasVerbosity3 = true;
            return answer;
        }
        catch (NodeSourceException ex) when (ex.RpcCode is not null && HasVerbosity3 is null)
        {
            // Core < 23 reads 3 as 2 (no prevout: the parser says so); bcoin refuses a non-boolean verbose flag.
            HasVerbosity3 = false;
            return null;
        }
    }

    /// <summary>Asks <c>/rest/chaininfo.json</c>; REST is used for blocks only if it answers a valid chain info.</summary>
    public async Task<bool> DetectRestAsync(CancellationToken ct)
    {
        try
        {
            var text = System.Text.Encoding.UTF8.GetString(await RestAsync("rest/chaininfo.json", ct).ConfigureAwait(false));
            NodeAnswers.ChainInfo(JToken.Parse(text), "rest/chaininfo.json");
            HasRest = true;
        }
        catch (Exception ex) when (ex is NodeSourceException or Newtonsoft.Json.JsonException)
        {
            HasRest = false;
        }
        return HasRest;
    }

    private async Task<byte[]> RestAsync(string path, CancellationToken ct)
    {
        Interlocked.Increment(ref _calls);
        try
        {
            using var response = await _http.GetAsync(new Uri(_base, path), ct).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
                throw new NodeSourceException($"{path}: HTTP {(int)response.StatusCode}") { Call = path };
            return await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException)
        {
            throw new NodeSourceException($"{path}: no usable answer from the node at {_base}: {ex.Message}", ex) { Call = path };
        }
    }

    public void Dispose() => _http.Dispose();
}
