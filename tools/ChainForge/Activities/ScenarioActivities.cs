using Explorer.ChainForge.Wallet;

namespace Explorer.ChainForge.Activities;

/// <summary>
/// The activities of a scenario, in block order: colored protocols first (Open Assets, Colu, Counterparty; more plug
/// in here), ordinary traffic last (it fills the rest of the block).
/// </summary>
public static class ScenarioActivities
{
    public static IReadOnlyList<IScenarioActivity> Create(ScenarioSettings settings, IReadOnlyList<ScriptKind>? kinds = null,
        IEnumerable<IScenarioActivity>? extra = null) =>
    [
        new OpenAssetsActivity(settings.ColoredPerBlock),
        new ColuActivity(settings.ColoredPerBlock / 2),
        new CounterpartyActivity(settings.ColoredPerBlock / 2, settings.CounterpartyP2sh),
        .. extra ?? [],
        new OrdinaryTraffic(settings.TransactionsPerBlock, settings.PoolTarget, settings.MaxExternalOutputs,
            new ForgeWallet(settings.Seed + 1_000_000, 16, kinds ?? settings.Scripts.Kinds).Addresses, settings.Scripts),
    ];
}
