using Explorer.BlockFiles;
using Explorer.Protocols.Decoding;
using NBitcoin;

namespace Explorer.Indexer.Counterparty;

/// <summary>
/// The output that funded each recent potential commit transaction (any transaction paying a P2TR output): its input
/// 0's previous output, from the undo data. A Counterparty taproot reveal spends a commit output, and counterparty-core
/// takes the commit's funder as the reveal's source and fee input ("A reveal transaction's source is one hop further
/// back than an ordinary input: not the commit output it spends, but the output that funded the commit transaction",
/// backend/bitcoind.py get_reveal_prevouts). Bounded (oldest entries leave first); in memory only, so a reveal whose
/// commit was indexed before a restart, or more than <see cref="Capacity"/> commits ago, gets no source (docs/counterparty.md).
/// </summary>
public sealed class RevealFundingCache(int capacity = RevealFundingCache.DefaultCapacity)
{
    public const int DefaultCapacity = 200_000;

    private readonly Dictionary<uint256, RevealFunding> _byCommit = [];
    private readonly Queue<uint256> _order = new();

    public int Capacity => capacity;

    public int Count => _byCommit.Count;

    /// <summary>Records <paramref name="tx"/> when it pays a P2TR output (a possible commit).</summary>
    public void Observe(Transaction tx, ReadOnlySpan<SpentOutput> spent)
    {
        ArgumentNullException.ThrowIfNull(tx);
        if (tx.IsCoinBase || spent.Length == 0 || !PaysTaproot(tx)) return;
        var txid = tx.GetHash();
        var funding = new RevealFunding(tx.Inputs[0].PrevOut, new TxOut(Money.Satoshis(spent[0].Value), new Script(spent[0].ScriptPubKey)));
        if (_byCommit.TryAdd(txid, funding))
        {
            _order.Enqueue(txid);
            while (_order.Count > capacity) _byCommit.Remove(_order.Dequeue());
        }
    }

    /// <summary>Records a possible commit from its raw parts (the pipeline's scan): its txid, its input 0's outpoint
    /// and the output that input spends.</summary>
    public void Observe(uint256 txid, OutPoint firstInput, SpentOutput funding)
    {
        ArgumentNullException.ThrowIfNull(txid);
        ArgumentNullException.ThrowIfNull(firstInput);
        ArgumentNullException.ThrowIfNull(funding);
        var entry = new RevealFunding(firstInput, new TxOut(Money.Satoshis(funding.Value), new Script(funding.ScriptPubKey)));
        if (_byCommit.TryAdd(txid, entry))
        {
            _order.Enqueue(txid);
            while (_order.Count > capacity) _byCommit.Remove(_order.Dequeue());
        }
    }

    /// <summary>The funding of the commit whose output <paramref name="outpoint"/> (36 raw bytes: txid, vout) names,
    /// or null when unknown.</summary>
    public RevealFunding? For(ReadOnlySpan<byte> outpoint) =>
        outpoint.Length < 32 ? null : _byCommit.GetValueOrDefault(new uint256(outpoint[..32]));

    /// <summary>The funding of the commit that <paramref name="tx"/>'s input 0 spends, or null when unknown.</summary>
    public RevealFunding? For(Transaction tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        return tx.Inputs.Count == 0 ? null : _byCommit.GetValueOrDefault(tx.Inputs[0].PrevOut.Hash);
    }

    public void Clear()
    {
        _byCommit.Clear();
        _order.Clear();
    }

    private static bool PaysTaproot(Transaction tx)
    {
        foreach (var output in tx.Outputs)
        {
            var script = output.ScriptPubKey;
            if (script.Length == 34 && script.ToBytes(true) is [0x51, 0x20, ..]) return true;
        }
        return false;
    }
}
