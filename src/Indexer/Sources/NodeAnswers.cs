using System.Collections.Immutable;
using System.Globalization;
using Explorer.BlockFiles;
using NBitcoin;
using Newtonsoft.Json.Linq;

namespace Explorer.Indexer.Sources;

/// <summary>
/// Reads the node's JSON answers (Bitcoin Core's shapes, which bcoin follows for the calls used here). Pure; an answer
/// that lacks what is needed, or holds something else, gives a <see cref="NodeSourceException"/> naming the call.
/// Checked against Core 29's own answers (tests/BlockFiles.Tests/data/core-regtest/rpc).
/// </summary>
public static class NodeAnswers
{
    private const decimal SatoshisPerCoin = 100_000_000m;

    /// <summary><c>getblockchaininfo</c>: "chain", "blocks" (height of the best block), "bestblockhash".</summary>
    public static NodeChainInfo ChainInfo(JToken? answer, string call = "getblockchaininfo")
    {
        if (answer is not JObject o) throw Bad(call, "is not an object");
        var blocks = o["blocks"] is JValue { Type: JTokenType.Integer } b ? b.Value<long>() : throw Bad(call, "has no integer 'blocks'");
        if (blocks is < 0 or > int.MaxValue) throw Bad(call, "has 'blocks' out of range");
        return new NodeChainInfo(o["chain"]?.Type == JTokenType.String ? o["chain"]!.Value<string>()! : string.Empty, (int)blocks,
            Hash(o["bestblockhash"], call));
    }

    /// <summary>A block or transaction hash as the node writes it: 64 hex digits (display order).</summary>
    public static uint256 Hash(JToken? answer, string call)
    {
        if (answer is not JValue { Type: JTokenType.String } v || v.Value<string>() is not { Length: 64 } s || !IsHex(s))
            throw Bad(call, "is not a 64-digit hex hash");
        return uint256.Parse(s);
    }

    /// <summary>A hex string answer (<c>getblock HASH 0</c>, <c>getrawtransaction TXID false</c>) as bytes.</summary>
    public static byte[] Hex(JToken? answer, string call)
    {
        if (answer is not JValue { Type: JTokenType.String } v || v.Value<string>() is not { } s || s.Length == 0 || s.Length % 2 != 0 || !IsHex(s))
            throw Bad(call, "is not a non-empty hex string");
        return Convert.FromHexString(s);
    }

    /// <summary>
    /// The outputs spent by every input of a block from <c>getblock HASH 3</c>: Core's verbosity 3 adds to each
    /// non-coinbase input "prevout": {"generated", "height", "value", "scriptPubKey": {"hex"}} (rpc/blockchain.cpp,
    /// TxVerbosity::SHOW_DETAILS_AND_PREVOUT). The transactions must be those of <paramref name="block"/>, in order.
    /// </summary>
    public static BlockUndo Prevouts(JToken? answer, Block block, string call = "getblock 3")
    {
        ArgumentNullException.ThrowIfNull(block);
        if (answer is not JObject o || o["tx"] is not JArray txs) throw Bad(call, "has no 'tx' array");
        if (txs.Count != block.Transactions.Count) throw Bad(call, $"lists {txs.Count} transactions, the block has {block.Transactions.Count}");
        var undo = ImmutableArray.CreateBuilder<ImmutableArray<SpentOutput>>(Math.Max(0, txs.Count - 1));
        for (var i = 1; i < txs.Count; i++)
        {
            if (txs[i] is not JObject tx || tx["vin"] is not JArray vin) throw Bad(call, $"transaction {i} has no 'vin' (verbosity below 2?)");
            var expected = block.Transactions[i].GetHash();
            if (tx["txid"]?.Type != JTokenType.String || tx["txid"]!.Value<string>() != expected.ToString())
                throw Bad(call, $"transaction {i} is not {expected}");
            if (vin.Count != block.Transactions[i].Inputs.Count) throw Bad(call, $"transaction {i} lists {vin.Count} inputs");
            var spent = ImmutableArray.CreateBuilder<SpentOutput>(vin.Count);
            for (var j = 0; j < vin.Count; j++)
            {
                if (vin[j]?["prevout"] is not JObject prevout) throw Bad(call, $"input {j} of transaction {i} has no 'prevout' (verbosity 3 needs Core 23+)");
                spent.Add(new SpentOutput(Satoshis(prevout["value"], call), ScriptHex(prevout["scriptPubKey"]?["hex"], call),
                    prevout["height"] is JValue { Type: JTokenType.Integer } h ? h.Value<int>() : throw Bad(call, $"input {j} of transaction {i}: prevout has no height"),
                    prevout["generated"] is JValue { Type: JTokenType.Boolean } g ? g.Value<bool>() : throw Bad(call, $"input {j} of transaction {i}: prevout has no 'generated'")));
            }
            undo.Add(spent.MoveToImmutable());
        }
        return new BlockUndo(undo.MoveToImmutable());
    }

    /// <summary>
    /// <c>gettxout TXID N true</c> (an unspent output, mempool included): {"value", "scriptPubKey": {"hex"},
    /// "coinbase"}; null when the node answers null (spent or unknown). Core's rpc/blockchain.cpp <c>gettxout</c>.
    /// </summary>
    public static SpentOutput? TxOut(JToken? answer, string call = "gettxout")
    {
        if (answer is null || answer.Type == JTokenType.Null) return null;
        if (answer is not JObject o) throw Bad(call, "is not an object");
        return new SpentOutput(Satoshis(o["value"], call), ScriptHex(o["scriptPubKey"]?["hex"], call), 0,
            o["coinbase"] is JValue { Type: JTokenType.Boolean } c && c.Value<bool>());
    }

    /// <summary><c>getrawmempool</c> (false: an array of txids; true: an object keyed by txid).</summary>
    public static IReadOnlyList<uint256> MempoolTxids(JToken? answer, string call = "getrawmempool")
    {
        return answer switch
        {
            JArray array => [.. array.Select(t => Hash(t, call))],
            JObject map => [.. map.Properties().Select(p => Hash(new JValue(p.Name), call))],
            _ => throw Bad(call, "is neither an array nor an object"),
        };
    }

    /// <summary>
    /// When a transaction entered the node's mempool: the "time" of its mempool entry (seconds since the epoch), as
    /// <c>getmempoolentry TXID</c> answers it and as each value of <c>getrawmempool true</c> holds it (the same object:
    /// Core's rpc/mempool.cpp <c>entryToJSON</c>, bcoin 1.0.2's rpc.js <c>entryToJSON</c>). Null when the entry has no
    /// "time"; an answer that is not an object, or a "time" that is not an integer from 0 to
    /// <see cref="MaxMempoolTime"/>, is a <see cref="NodeSourceException"/>.
    /// </summary>
    public static DateTime? MempoolEntryTime(JToken? answer)
    {
        const string call = "getmempoolentry";
        if (answer is not JObject entry) throw Bad(call, "is not an object");
        if (!entry.TryGetValue("time", StringComparison.Ordinal, out var time)) return null;
        // Json.NET keeps an integer that does not fit a long as a BigInteger: out of range too.
        if (time is not JValue { Type: JTokenType.Integer, Value: long seconds }) throw Bad(call, "has a 'time' that is not an integer");
        if (seconds is < 0 or > MaxMempoolTime) throw Bad(call, $"has a 'time' out of range ({seconds})");
        return DateTime.UnixEpoch.AddSeconds(seconds);
    }

    /// <summary>The latest mempool entry time accepted (2106-02-07, the largest block header time): a later one, like a
    /// negative one, is garbage, not a clock reading (and DateTime64 columns end in 2299).</summary>
    public const long MaxMempoolTime = uint.MaxValue;

    /// <summary>
    /// A BTC amount as the node prints it (a JSON number with up to 8 decimals) in satoshis. Json.NET reads numbers
    /// as doubles; the nearest double of an 8-decimal amount below 21e6 BTC times 1e8 rounds back to the exact
    /// satoshi count (error under 0.5 satoshi, since 2.1e15 &lt; 2^53).
    /// </summary>
    public static long Satoshis(JToken? value, string call)
    {
        var amount = value switch
        {
            JValue { Type: JTokenType.Integer } i => (decimal)i.Value<long>(),
            JValue { Type: JTokenType.Float, Value: decimal d } => d,
            // Through long, never (decimal)double, which keeps only 15 significant digits.
            JValue { Type: JTokenType.Float } f when Math.Abs(f.Value<double>()) < 1e9 => (long)Math.Round(f.Value<double>() * 100_000_000d) / SatoshisPerCoin,
            JValue { Type: JTokenType.String } s when decimal.TryParse(s.Value<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var p) => p,
            _ => throw Bad(call, "has an amount that is not a number"),
        };
        var sats = amount * SatoshisPerCoin;
        if (sats < 0 || sats > 21_000_000m * SatoshisPerCoin || sats != decimal.Truncate(sats)) throw Bad(call, $"has an invalid amount {amount}");
        return (long)sats;
    }

    private static byte[] ScriptHex(JToken? answer, string call) =>
        answer is JValue { Type: JTokenType.String } v && v.Value<string>()!.Length == 0 ? [] : Hex(answer, call);

    private static bool IsHex(string s)
    {
        foreach (var c in s)
            if (!char.IsAsciiHexDigit(c)) return false;
        return true;
    }

    private static NodeSourceException Bad(string call, string what) => new($"{call}: the node's answer {what}") { Call = call };
}
