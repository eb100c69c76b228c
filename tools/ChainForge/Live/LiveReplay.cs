using System.Text.Json.Nodes;
using Explorer.ChainForge.Activities;
using Explorer.ChainForge.Chain;
using Explorer.ChainForge.Wallet;
using NBitcoin;
using NBitcoin.DataEncoders;

namespace Explorer.ChainForge.Live;

/// <summary>
/// Replays a scenario into a live regtest node: the node mines (generatetoaddress, coinbases paid to the forge wallet),
/// the forge builds and signs each block's transactions with the same activities as the file forge and submits them
/// with sendrawtransaction, then asks the node to mine them and checks that every one is in the block.
/// Block hashes and txids differ from the file-forged chain (the node mines its own coinbases), so the truth is keyed
/// by txid. For bcoin 1.0.2: no P2TR (taproot unknown), and segwit must first activate by BIP9 signalling on regtest.
/// </summary>
public sealed class LiveReplay(NodeRpcClient rpc, string bech32Prefix)
{
    /// <summary>bcoin regtest: BIP9 window 144, so segwit is active after 3 windows; plus coinbase maturity.</summary>
    public const int WarmUpBlocks = (3 * 144) + 100;

    public sealed record Result(int Blocks, int Transactions, IReadOnlyList<JsonObject> Events, JsonObject FinalState);

    public async Task<Result> RunAsync(ScenarioSettings settings, int rounds, CancellationToken ct)
    {
        // bcoin 1.0.2 knows no taproot: no P2TR outputs at all (ScriptMix weight 0).
        settings = settings with { Scripts = ScriptMix.Parse("p2pkh=1,p2sh=1,p2wpkh=1,p2tr=0") };
        var kinds = settings.Scripts.Kinds;
        var random = new Random(settings.Seed);
        var wallet = new ForgeWallet(settings.Seed, 16, kinds);
        var activities = ScenarioActivities.Create(settings, kinds);
        var pool = new CoinPool();
        var miner = wallet.Get(0, ScriptKind.P2wpkh);
        var minerAddress = Encoders.Bech32(bech32Prefix).Encode(0, miner.Key.PubKey.WitHash.ToBytes());

        var height = (await rpc.CallAsync("getblockcount", ct)).GetInt32();
        for (var left = WarmUpBlocks - height; left > 0; left -= 100)
        {
            foreach (var hash in (await rpc.CallAsync("generatetoaddress", ct, Math.Min(left, 100), minerAddress)).EnumerateArray())
            {
                var (block, h) = await GetBlockAsync(hash.GetString()!, ct);
                AddCoinbase(pool, block, miner, h);
                height = h;
            }
        }

        var events = new List<JsonObject>();
        var transactions = 0;
        for (var round = 0; round < rounds; round++)
        {
            var next = height + 1;
            var (context, txids, _) = BlockContents.Prepare(next, 0, random, wallet, pool, activities, settings.MaxWeight);
            var pending = context.Pending;
            for (var i = 0; i < pending.Count; i++)
            {
                var accepted = (await rpc.CallAsync("sendrawtransaction", ct, pending[i].Tx.ToHex())).GetString();
                if (accepted != txids[i].ToString())
                {
                    throw new InvalidOperationException($"node answered txid {accepted} for {txids[i]}");
                }
            }

            var mined = (await rpc.CallAsync("generatetoaddress", ct, 1, minerAddress)).EnumerateArray().Single().GetString()!;
            var (minedBlock, minedHeight) = await GetBlockAsync(mined, ct);
            var inBlock = minedBlock.Transactions.Select(t => t.GetHash()).ToHashSet();
            var missing = txids.Where(t => !inBlock.Contains(t)).ToList();
            if (minedHeight != next || missing.Count > 0)
            {
                throw new InvalidOperationException($"block {mined} at {minedHeight}: {missing.Count} of {txids.Length} transactions not mined");
            }

            AddCoinbase(pool, minedBlock, miner, next);
            BlockContents.Connect(pool, wallet, pending, txids, next);
            foreach (var e in context.Events)
            {
                e["height"] = next;
                e["blockhash"] = mined;
                events.Add(e);
            }

            transactions += pending.Count;
            height = next;
        }

        var final = new JsonObject();
        foreach (var activity in activities)
        {
            final[activity.Name] = activity.FinalState();
        }

        return new Result(rounds, transactions, events, final);
    }

    private async Task<(Block Block, int Height)> GetBlockAsync(string hash, CancellationToken ct)
    {
        // bcoin has no verbosity 2: "getblock HASH false" gives the raw block; the height comes from the header call.
        var hex = (await rpc.CallAsync("getblock", ct, hash, false)).GetString()!;
        var header = await rpc.CallAsync("getblockheader", ct, hash, true);
        return (Block.Parse(hex, Network.RegTest), header.GetProperty("height").GetInt32());
    }

    private static void AddCoinbase(CoinPool pool, Block block, WalletAddress miner, int height)
    {
        var coinbase = block.Transactions[0];
        var index = coinbase.Outputs.FindIndex(o => o.ScriptPubKey == miner.ScriptPubKey);
        if (index >= 0)
        {
            pool.Add(new ForgeCoin(new OutPoint(coinbase, index), coinbase.Outputs[index], miner, height, true));
        }
    }
}
