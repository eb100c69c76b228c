using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Explorer.BlockFiles;
using Explorer.ChainForge.Activities;
using Explorer.ChainForge.Wallet;
using NBitcoin;

namespace Explorer.ChainForge.Chain;

/// <summary>
/// Mines a regtest chain block by block into a Core blocks folder. Blocks are written in arrival order; undo data is
/// written when a block is connected (immediately, or later for a competing branch that overtakes the tip, as Core
/// does when it reorganises). The state (coins and activities) can be saved at a fork point and restored to build a
/// competing branch; blocks of the abandoned branch become stale.
/// </summary>
public sealed class ChainForger : IDisposable
{
    /// <summary>Regtest genesis time (src/kernel/chainparams.cpp CRegTestParams: CreateGenesisBlock(1296688602, ...)).</summary>
    public const uint GenesisTime = 1296688602;

    private readonly BlocksFolderWriter _writer;
    private readonly IReadOnlyList<IScenarioActivity> _activities;
    private readonly List<ForgedBlock> _active = [];
    private readonly List<ForgedBlock> _stale = [];
    private readonly List<(int File, uint256 Previous, BlockUndo Undo)> _deferredUndo = [];
    private readonly int _maxWeight;
    private readonly IReadOnlyList<ScriptKind> _coinbaseKinds;
    private CoinPool _pool = new();
    private long _extraNonce;

    public ChainForger(string blocksDirectory, int seed, IReadOnlyList<IScenarioActivity> activities, int maxWeight = 3_990_000,
        BlocksFolderWriterOptions? writerOptions = null, ScriptMix? coinbaseScripts = null)
    {
        _coinbaseKinds = (coinbaseScripts ?? ScriptMix.Even).Kinds;
        Random = new Random(seed);
        Wallet = new ForgeWallet(seed, 16);
        _activities = activities;
        _maxWeight = maxWeight;
        var key = new byte[Obfuscation.KeySize];
        Random.NextBytes(key);
        _writer = new BlocksFolderWriter(blocksDirectory, NetworkMagic.RegTest, key, writerOptions);
        var genesis = Network.RegTest.GetGenesis();
        var bytes = genesis.ToBytes();
        _writer.WriteBlock(bytes);
        _active.Add(new ForgedBlock(0, genesis.GetHash(), uint256.Zero, bytes.Length, 1, [genesis.Transactions[0].GetHash()], []));
    }

    public Random Random { get; }

    public ForgeWallet Wallet { get; }

    public int Height => _active.Count - 1;

    public uint256 Tip => _active[^1].Hash;

    public IReadOnlyList<ForgedBlock> ActiveChain => _active;

    public IReadOnlyList<ForgedBlock> Stale => _stale;

    public IReadOnlyList<IScenarioActivity> Activities => _activities;

    /// <summary>Bytes written to blk and rev files (records only, not preallocation).</summary>
    public long BytesWritten => _writer.BytesWritten;

    /// <summary>When set, undo data is held back until <see cref="ConnectDeferred"/> (a branch not yet best).</summary>
    public bool DeferUndo { get; set; }

    /// <summary>Mines the next block on the current tip with every activity's transactions.</summary>
    public ForgedBlock MineBlock()
    {
        var height = Height + 1;
        var time = GenesisTime + ((uint)height * 600);
        var (context, txids, wtxids) = BlockContents.Prepare(height, time, Random, Wallet, _pool, _activities, _maxWeight);
        var pending = context.Pending;
        var txs = pending.Select(p => p.Tx).ToList();
        var fees = BlockContents.Fees(pending);
        var miner = Wallet.Get(height % Wallet.KeyCount, _coinbaseKinds[height / Wallet.KeyCount % _coinbaseKinds.Count]);
        var block = BlockAssembler.Assemble(Tip, height, time, miner.ScriptPubKey, fees, ++_extraNonce, txs, txids, wtxids);
        var bytes = block.ToBytes();
        var position = _writer.WriteBlock(bytes);
        var undo = new BlockUndo([.. pending.Select(p => p.Spent.Select(c =>
            new SpentOutput(c.TxOut.Value.Satoshi, c.TxOut.ScriptPubKey.ToBytes(), c.Height, c.IsCoinbase)).ToImmutableArray())]);
        if (DeferUndo)
        {
            _deferredUndo.Add((position.File, Tip, undo));
        }
        else
        {
            _writer.WriteUndo(position.File, Tip, undo);
        }

        var coinbase = block.Transactions[0];
        _pool.Add(new ForgeCoin(new OutPoint(coinbase, 0), coinbase.Outputs[0], miner, height, true));
        BlockContents.Connect(_pool, Wallet, pending, txids, height);

        var forged = new ForgedBlock(height, block.GetHash(), Tip, bytes.Length, block.Transactions.Count,
            [coinbase.GetHash(), .. txids], [.. context.Events]);
        _active.Add(forged);
        return forged;
    }

    /// <summary>Writes the undo data held back while <see cref="DeferUndo"/> was set, in connection order.</summary>
    public void ConnectDeferred()
    {
        foreach (var (file, previous, undo) in _deferredUndo)
        {
            _writer.WriteUndo(file, previous, undo);
        }

        _deferredUndo.Clear();
        DeferUndo = false;
    }

    /// <summary>Saves the state at the current tip, to build a competing branch from it later.</summary>
    public ForkPoint SaveFork() => new(Height, _pool.Clone(), [.. _activities.Select(a => a.SaveState())]);

    /// <summary>Rolls the forge back to a fork point; blocks mined since become stale (they stay in the files).</summary>
    public void RestoreFork(ForkPoint fork)
    {
        _stale.AddRange(_active.Skip(fork.Height + 1));
        _active.RemoveRange(fork.Height + 1, _active.Count - fork.Height - 1);
        _pool = fork.Pool.Clone();
        for (var i = 0; i < _activities.Count; i++)
        {
            _activities[i].RestoreState(fork.ActivityStates[i]);
        }
    }

    public JsonObject FinalState()
    {
        var state = new JsonObject();
        foreach (var activity in _activities)
        {
            state[activity.Name] = activity.FinalState();
        }

        return state;
    }

    public void Dispose() => _writer.Dispose();

    /// <summary>A saved state at a given height.</summary>
    public sealed record ForkPoint(int Height, CoinPool Pool, IReadOnlyList<object> ActivityStates);
}
