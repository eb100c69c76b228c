using System.Text.Json.Nodes;
using Explorer.ChainForge.Chain;

namespace Explorer.ChainForge.Activities;

/// <summary>
/// A pluggable source of transactions for forged blocks (ordinary traffic, Open Assets, Colu, Counterparty, ...).
/// For each block the forge calls <see cref="Contribute"/>; the activity takes funding coins from the block context,
/// builds its transactions with its protocol encoder, includes them (the context signs them) and records the events
/// it intends in the ground truth. Its own bookkeeping (e.g. colored coins it holds) must be restorable, because
/// reorg scenarios roll the chain back to a fork point and build a competing branch.
/// </summary>
public interface IScenarioActivity
{
    /// <summary>Short name used in truth.json (e.g. "openassets").</summary>
    string Name { get; }

    /// <summary>Adds this activity's transactions to the block being built.</summary>
    void Contribute(BlockContext block);

    /// <summary>An immutable snapshot of the activity's state (taken at a fork point).</summary>
    object SaveState();

    /// <summary>Returns to a snapshot taken by <see cref="SaveState"/>.</summary>
    void RestoreState(object state);

    /// <summary>The final state the ground truth states for this activity (e.g. balances per address and asset).</summary>
    JsonNode FinalState();
}
